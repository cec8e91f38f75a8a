/**
 * uncited-claim: a statistic, a research or evidence claim, a finding attributed to a report or national body,
 * a statement of what guidance or legislation says, or a general claim about a group of people ("babies under
 * one are eight times more likely…"), with no citation attached. The review's own case facts ("seven
 * conferences were held", "in four of the six cases", "the team had a 40% vacancy rate", "Child J was less
 * likely to attend") are not claims that need a source: a particular subject (a name, "the children", "her
 * brothers"), the past tense, the review's sample or audit, and what people told the review mark them.
 */
import { footnoteIds, hasInlineCitation } from '../citations.js';
import type { Block, ReviewDocument } from '../document.js';
import type { Range, Rule, Suggestion } from '../types.js';
import { childNamesByGroup, scopeOf, sharedGroups, wholeDocument, type BlockGroup, type Scope } from './block-groups.js';
import { anyPatternMatches, BlockCache } from './shared.js';

// A research or evidence claim, in the reviewer's voice: a source of evidence followed, within 60 characters of
// the same clause, by a verb of finding ("research consistently shows"), or a stock phrase ("it is well established").
// The two halves are matched separately so that no pattern scans ahead from every word of a long sentence.
const EVIDENCE_SOURCE =
  /\b(?:research|studies|a study|evidence|the literature|literature|analys[ie]s|national data|national figures|national statistics|reviews? of|meta-analys[ie]s)\b/gi;
const FINDING_VERB =
  /\b(?:shows?|showed|suggests?|suggested|indicates?|indicated|has (?:consistently |repeatedly )?(?:found|shown|identified|highlighted|demonstrated)|have (?:consistently |repeatedly )?(?:found|shown|identified|highlighted|demonstrated)|finds|found|tells us|demonstrates?|confirms?|is clear|points? to|pointed to|highlights?|underlines?)\b/i;
const FINDING_VERB_WITHIN = 60;
const STOCK_PHRASE =
  /\bit is (?:(?:well|widely|generally|now|increasingly) ){1,2}(?:established|known|recognised|recognized|accepted|documented|understood|evidenced)\b|\bit is (?:established|recognised|recognized|accepted) that\b|\b(?:is|are) (?:well|widely) (?:established|known|recognised|recognized|documented)\b(?! to (?:the|her|his|their|this|these)\b)|\b(?:well[- ](?:documented|established|evidenced|known|recognised|recognized)|widely (?:recognised|recognized|reported|documented)) (?:links?|patterns?|risks?|associations?|findings?|relationships?|factors?|phenomenon|features?|connections?|triggers?|causes?|indicators?|signs?|predictors?|consequences?|effects?)\b|\b(?:a|an|the) (?:recognised|recognized|known|established) (?:indicators?|risk factors?|predictors?|signs? of|warning signs?|links? between|associations? between|causes? of)\b|\bthe (?:research|evidence|literature)(?: base)? (?:is clear|consistently)\b/i;

function isResearchClaim(sentence: string): boolean {
  if (STOCK_PHRASE.test(sentence)) return true;
  for (const source of sentence.matchAll(EVIDENCE_SOURCE)) {
    const after = source.index + source[0].length;
    // Room for the gap and the longest verb phrase; the verb must start within the gap, in the same clause.
    const window = sentence.slice(after, after + FINDING_VERB_WITHIN + 40);
    const verb = FINDING_VERB.exec(window);
    if (verb && verb.index <= FINDING_VERB_WITHIN && !/[.;]/.test(window.slice(0, verb.index))) return true;
  }
  return false;
}

// A finding attributed to a report, an inquiry or a body. "The review found" is this review speaking, so a
// review counts only when another is meant (national, thematic, previous…). An adverb may come between
// ("the Panel has repeatedly highlighted"); ATTRIBUTED_PASSIVE is the same with the body after the verb
// ("a pattern described by the Panel").
const ATTRIBUTED =
  /\b(?:Ofsted|HMICFRS|HM Inspectorate of [A-Z][a-z]+|the (?:Care Quality|Law) Commission|the CQC|CQC|the NSPCC|NSPCC|Barnardo's|the Children's (?:Commissioner|Society)|the Department (?:for|of) [A-Z][a-z]+(?: and [A-Z][a-z]+)?|the DfE|the DHSC|the Home Office|the Ministry of Justice|the government|IICSA|the Office for National Statistics|the ONS|ONS|Public Health England|NHS England|the Local Government Association|the LGA|SCIE|the Social Care Institute for Excellence|the National Child Mortality Database|the NCMD|(?:the|a|an) (?:[A-Za-z'’-]+ ){0,3}?(?:inquiry|inquiries|inspection(?: report)?|analysis|analyses|evaluation|study|survey of|research)|(?:the|a|an) (?:national|triennial|biennial|thematic|joint|previous|earlier|Panel's|serious case) reviews?|(?:national|previous|other) reviews)\s+(?:has |have |had )?(?:(?:also|repeatedly|consistently|previously|often|frequently|long) )?(?:found|concluded|identified|reported|highlighted|shown|showed|demonstrated|noted|observed|established|warned|described|emphasised|stressed|called for|recognised)\b/i;
/** The national Panel, with its capital, finding or finding by: "the panel found" is a local panel of the case. */
const PANEL_FOUND =
  /\b[Tt]he (?:(?:[Nn]ational )?(?:Child Safeguarding Practice Review )?Panel|[Nn]ational [Pp]anel)(?:['’]s (?:(?:\d{4}|annual|national|latest|first|thematic) )?(?:reports?|reviews?))?\s+(?:has |have |had )?(?:(?:also|repeatedly|consistently|previously|often|frequently|long) )?(?:found|concluded|identified|reported|highlighted|shown|showed|demonstrated|noted|observed|established|warned|described|emphasised|stressed|called for|recognised)\b|\b(?:described|highlighted|identified|reported|noted|found|recognised|emphasised|raised) by [Tt]he (?:(?:[Nn]ational )?(?:Child Safeguarding Practice Review )?Panel|[Nn]ational [Pp]anel)\b/;
const ATTRIBUTED_PASSIVE =
  /\b(?:described|highlighted|identified|reported|noted|found|recognised|emphasised|raised) by (?:Ofsted|HMICFRS|HM Inspectorate of [A-Z][a-z]+|the (?:Care Quality|Law) Commission|the CQC|CQC|the NSPCC|NSPCC|Barnardo's|the Children's (?:Commissioner|Society)|the Department (?:for|of) [A-Z][a-z]+(?: and [A-Z][a-z]+)?|the DfE|the DHSC|the Home Office|the Ministry of Justice|the government|IICSA|the Office for National Statistics|the ONS|ONS|Public Health England|NHS England|the Local Government Association|the LGA|SCIE|the Social Care Institute for Excellence|the National Child Mortality Database|the NCMD)\b/i;

// The same with the report named at length before its verb: "the national review of safeguarding children with
// disabilities in residential settings concluded…". Only reports that cannot be this review's own are sources
// here, and the verb must follow within REPORT_VERB_WITHIN characters of the same clause.
const REPORT_SOURCE =
  /\b(?:[Tt]he|[Aa]n?|[A-Za-z]+['’]s) (?:national|triennial|biennial|thematic|joint|independent|previous|earlier|Panel's|serious case|public) (?:reviews?|analys[ie]s|inquiry|inquiries|inspections?)\b|\b(?:[Tt]he|[Aa]n?) (?:[A-Z][\w'’-]* ){1,4}(?:Inquiry|Review|Report)\b/g;
const REPORT_VERB =
  /\b(?:found|concluded|identified|reported|highlighted|showed|shown|demonstrated|noted|observed|established|warned|recommended|called for|emphasised|described|finds|concludes|highlights|shows|notes)\b/;
const REPORT_VERB_WITHIN = 90;

function isReportFinding(sentence: string): boolean {
  for (const source of sentence.matchAll(REPORT_SOURCE)) {
    const after = source.index + source[0].length;
    const window = sentence.slice(after, after + REPORT_VERB_WITHIN + 20);
    const verb = REPORT_VERB.exec(window);
    if (verb && verb.index <= REPORT_VERB_WITHIN && !/[.;:,]/.test(window.slice(0, verb.index))) return true;
  }
  return false;
}

// A claim about reviews in general: "a recurring theme in national reviews", "raised in SARs across the country".
const CROSS_REVIEW =
  /\b(?:recurring|common|consistent|persistent|familiar|repeated) (?:theme|pattern|gap|finding|issue|feature|factor|concern)s? (?:in|of|across|from) (?:[\w-]+ ){0,2}?(?:reviews|SCRs|SARs|LCSPRs|serious case reviews|safeguarding adults reviews|case reviews|rapid reviews)\b|\b(?:reviews|SCRs|SARs|LCSPRs) (?:nationally|across (?:the country|England|the UK))\b/i;

// What statutory guidance, legislation or a partnership's published procedures say, stated as a fact:
// "Working Together says…", "the partnership's information sharing guidance is clear that…", "the Care Act 2014
// requires…". A single agency's own policy ("the school followed its policy") is part of the case, and a mere
// mention ("accommodated under section 20 of the Children Act 1989") asserts nothing. As with research claims,
// the source and the verb are matched separately, the verb within GUIDANCE_VERB_WITHIN characters of the source.
const GUIDANCE_SOURCE =
  /\b(?:statutory|national|government|(?:the )?partnership's|partnership|multi-agency|safeguarding partners'?) (?:[a-z-]+ ){0,3}?(?:guidance|protocols?|procedures|polic(?:y|ies)|framework|threshold document)\b|\b(?:which|as|current|official|such) guidance\b|\bthe law\b|\blegislation\b/gi;
/**
 * A protocol named by its subject ("the missing person protocol", "the bruising protocol"): a published
 * multi-agency document. "The procedures" alone, or one agency's own policy, is part of the case.
 */
const THE_PROTOCOL = /\b[Tt]he (?:[a-z-]+ ){1,3}?(?:guidance|protocol|procedures|threshold document|framework)\b/g;
/** Named guidance and legislation, matched with their capitals ("the Children Act 1989", not "the way they act"). */
const NAMED_GUIDANCE = /\b[Tt]he (?:[A-Z][a-z]+ ){1,4}Act\b|\bWorking Together\b|\bKeeping Children Safe in Education\b|\bKCSIE\b|\bCode of Practice\b|\b[Tt]he threshold (?:document|guidance)\b|\bNICE (?:guidance|guidelines?|quality standards?)\b/g;
const GUIDANCE_VERB =
  /\b(?:(?:is|are) (?:clear|explicit|unambiguous)|makes? (?:it )?clear|says?|states?|requires?|stipulates?|sets? out|specif(?:y|ies)|expects?|advises?|recommends?|defines?|provides? that)\b/;
/** "does not say", "did not require": a verb in the negative, or after an auxiliary, asserts nothing. */
const NEGATED_BEFORE = /\b(?:not|never|does|do|did|would|should|could|might|may)\s+$/i;
const GUIDANCE_VERB_WITHIN = 80;
// "What the guidance says." is a heading in a sentence's clothes, not a claim.
const QUESTION_FORM = /^\W*(?:what|how|why|where|when|whether|which)\b/i;

function isGuidanceClaim(sentence: string): boolean {
  if (QUESTION_FORM.test(sentence)) return false;
  for (const source of [...sentence.matchAll(GUIDANCE_SOURCE), ...sentence.matchAll(NAMED_GUIDANCE), ...sentence.matchAll(THE_PROTOCOL)]) {
    const after = source.index + source[0].length;
    const window = sentence.slice(after, after + GUIDANCE_VERB_WITHIN + 30);
    const verb = GUIDANCE_VERB.exec(window);
    if (!verb || verb.index > GUIDANCE_VERB_WITHIN || /[.;:]/.test(window.slice(0, verb.index))) continue;
    if (NEGATED_BEFORE.test(window.slice(0, verb.index))) continue;
    // The verb must say something: "…what the guidance says." has nothing after it.
    const rest = sentence.slice(after + verb.index + verb[0].length);
    if (/\w/.test(rest)) return true;
  }
  return false;
}

// A statistic. Fractions count with "of" ("three quarters of reviews", not "reduced by more than a quarter");
// "N in M" does not take a year for M ("Profile 2 in 2020"); a count counts when it is large and of people, or
// an estimate.
const STATISTIC =
  /(?<!\d)\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})[- ](?:in|out of)[- ](?:two|three|four|five|six|seven|eight|nine|ten|(?!(?:1[89]|20)\d\d\b)\d[\d,]*)\b|\b(?:a|one|two|three|four|nine)[- ](?:half|thirds?|quarters?|fifths?|tenths?) of\b|\b(?:half|the majority|majority|a minority) of\b|\b\d+ (?:out )?of (?:\d[\d,]*|all) [a-z]|\ban estimated (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|a)|(?<![£$€\d,.])\b\d{1,3}(?:,\d{3})+ (?:children|young people|people|adults|babies|infants|families|girls|boys|women|men|pupils|households)\b|\b\d+(?:\.\d+)? (?:million|billion)\b/i;

// A count of people is a statistic when it is national or a rate: "around 400 children die each year".
const COUNT_OF_PEOPLE =
  /(?<![£$€\d,.])\b\d[\d,]* (?:[a-z-]+ ){0,2}(?:children|young people|people|adults|babies|infants|families|girls|boys|women|men|pupils|households|deaths)\b/i;
/** A large number: thousands written with a comma, or millions ("70,000 missing incidents", "2.3 million"). */
const LARGE_NUMBER = /(?<![£$€\d,.])\b\d{1,3}(?:,\d{3})+\b(?![,.]\d)|\b\d+(?:\.\d+)? (?:thousand|million|billion)\b/i;
const RATE = /\b(?:each|every|per|a) (?:year|month|week|day)\b|\bannually\b/i;

// The case's own facts: this child, this family, these cases, this review, what practitioners told the review.
const CASE_NAMES = /\b(?:Child|Baby|Young Person|Sibling|Family|Sister|Brother) [A-Z]\b|\b(?:Mr|Ms|Mrs|Miss|Mx) [A-Z]\b|\b(?:Mother|Father|Stepfather|Stepmother)\b/;
const CASE_WORDS =
  /\bthis (?:review|case|child|family|partnership|report|sample|group)\b|\b(?<!within )the (?:family|children's|child's|eldest|youngest|mother|father|parents?)\b|\b(?:her|his|their) (?:school|attendance|mother|father|home|GP|social worker)\b|\bof the (?:[\w'’-]+ ){0,2}(?:cases|families|children|referrals|reviews|contacts|practitioners|agencies|people|participants|assessments|records|staff|managers|workers|episodes|appointments|visits|sessions|meetings|period|year)\b|\bin (?:these|our|the) (?:\w+ )?cases\b|\b(?:own|our) (?:audit|data|records|figures|sample)\b|\baudit(?! office)|\battendance (?:was|fell|dropped|rose|had|improved|declined|remained)\b|\b(?:the|our) (?:sample|cohort)\b|\bthe (?:[\w'’-]+ ){0,2}teams?\b|\btold (?:the|this) review\b|\btold (?:us|the reviewers?)\b|\bthe review (?:team )?heard\b|\b(?:said|explained|confirmed) that\b|\bthe (?:school|nursery|college|GP practice|practice|surgery|hospital|ward|care home|home|unit|provider|estate|setting|placement|borough|council|(?:local )?area|county|city|town|local authority|force|trust|service|front door)\b(?!['’]s? (?:own )?(?:procedures|protocol|guidance))|\bof (?:its|our) [a-z]|(?<!\bor )\b(?:she|he|her|his|him)\b(?! or\b)/i;

/** The child's own names in this review (its pseudonyms), as one pattern; undefined when it declares none. */
type CaseNames = RegExp | undefined;

function caseNamesOf(childNameList: string[]): CaseNames {
  const names = childNameList.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return names.length ? new RegExp(String.raw`\b(?:${names.join('|')})\b`) : undefined;
}

function aboutTheCase(text: string, names: CaseNames): boolean {
  return CASE_NAMES.test(text) || CASE_WORDS.test(text) || (names?.test(text) ?? false);
}

// A statistic reaches beyond the case: national, general or about children in general.
const GENERAL_SCOPE =
  /\b(?:national(?:ly)?|in England|in the UK|across (?:England|the country)|(?<!\bthe )(?:children|babies|people) who|reviews? notified|the Panel|nationwide)\b/i;

// ---- General claims about a population ----------------------------------------------------------------
// "Babies under one are around eight times more likely to be killed", "Suicide is the leading cause of death for
// young people", "People with a learning disability die on average 20 years earlier than the general
// population". Such a claim has a generic subject (a bare plural: "girls from…", "disabled children", not "the
// children", "her brothers" or "Amara") and a predicate of rate, risk or comparison in the present tense. The
// same predicate with a particular subject ("Child S was less likely to attend", "the children are at
// increased risk") is the case speaking.

/** Groups of people a general claim is made about. */
const POPULATION_NOUN =
  /\b(?:children|young people|babies|infants|toddlers|girls|boys|women|men|adults|people|families|parents|mothers|fathers|carers|adolescents|teenagers|pupils|students|victims|survivors|care leavers|households)\b(?!['’])/i;
/** Words that make a noun phrase particular: a determiner, a possessive, a number. */
const PARTICULAR_WORD =
  /^(?:the|these|those|this|her|his|their|its|our|your|my|both|each|every|either|neither|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|such|\d[\d,]*|[\w-]+['’]s?)$/i;
/** Words that end a noun phrase when walking back from its noun: prepositions, verbs, conjunctions. */
const PHRASE_BOUNDARY =
  /^(?:for|of|in|on|at|to|by|with|from|among|amongst|than|about|into|who|which|that|are|is|was|were|be|been|being|have|has|had|do|does|did|can|may|might|will|would|should|must|and|or|but|as|when|while|if|because|not|no)$/i;
/** Predicates that, with a generic subject before them, make a general claim. */
const POPULATION_PREDICATES: RegExp[] = [
  // comparison: "are three times more likely", "are less likely to", "are more than three times as likely"
  /\b(?:are|is)(?: [a-z]+){0,4} (?:more|less|as) likely\b/g,
  // share and ranking: "account for more notifications than any other age group", "make up the majority of"
  /\b(?:account|accounts|make up|makes up) (?:for )?(?:the |a )?(?:most|more|majority|largest|highest|biggest|greatest|disproportionate|significant|large)\b/g,
  /\bthan any other\b/g,
  // risk and vulnerability: "are at increased risk", "are particularly vulnerable", "are most at risk"
  /\b(?:are|is)(?: [a-z]+){0,3} at (?:a |the )?(?:(?:far|much|significantly|considerably|substantially|even) )?(?:greater|greatest|higher|highest|increased|heightened|elevated|particular|significant|high) risk\b/g,
  /\b(?:are|is)(?: [a-z]+){0,2} (?:more|less|particularly|especially|highly|most) vulnerable\b/g,
  /\b(?:are|is)(?: [a-z]+){0,2} (?:most|more|particularly|especially) at risk\b/g,
  // frequency: "are often left out"
  /\bare (?:often|frequently|commonly|typically|usually|routinely|rarely|seldom|too often|more often|less often)\b/g,
  // representation: "are disproportionately excluded", "are over-represented"
  /\b(?:are|is)(?: [a-z]+){0,2} (?:disproportionately|over-represented|overrepresented|under-represented|underrepresented)\b/g,
  // rates and outcomes: "face higher rates of", "do less well", "have the highest suicide rate"
  /\b(?:have|has|experience|experiences|face|faces)(?: [a-z]+){0,2} (?:higher|lower|greater|poorer|worse|increased|reduced) (?:rates?|levels?|risks?|outcomes|prevalence|incidence|life expectancy|chances?)\b/g,
  /\b(?:do|does|fare|fares)(?: [a-z]+)? (?:less well|worse|poorly)\b/g,
  /\b(?:have|has) the (?:highest|lowest|greatest|poorest|worst) (?:[a-z-]+ )?(?:rates?|levels?|risks?|outcomes|prevalence|incidence|life expectancy)\b/g,
  // averages and the general population: "die on average 20 years earlier than the general population"
  /\bon average\b/g,
  /\bthan (?:the general population|the (?:national )?average|(?:their|other) peers)\b/g,
];
/** An association stated as fact: "Prolonged self-neglect is associated with early death". */
const ASSOCIATION_PREDICATE = /\b(?:is|are) (?:(?:strongly|closely|consistently|significantly|often|frequently) )?(?:associated|correlated|linked) (?:with|to)\b/g;
/** Predicates that name a leading cause or the commonest form; the population may come after them. */
const RANKING_PREDICATE =
  /\b(?:is|are|remains?) (?:the |one of the )?(?:leading|most common|commonest|single (?:biggest|largest|greatest)|biggest|largest|greatest|strongest|main|primary|most (?:important|significant|reliable)) (?:causes?|reasons?|forms?|types?|killers?|(?:risk )?factors?|predictors?|indicators?|features?|themes?)\b/i;
/** A ranking that is about a population whatever follows it. */
const RANKING_OF_DEATHS = /\b(?:leading|biggest|commonest|most common) (?:causes? of (?:death|mortality)|killers?)\b/i;
/** Places and wholes that make a claim general whatever its subject. */
const POPULATION_SCOPE =
  /\b(?:nationally|in (?:England|the UK|the United Kingdom|Britain|Great Britain|Wales|Scotland|England and Wales)|across (?:England|the UK|the country)|the general population|worldwide|globally|internationally)\b/i;
/** Where a subject's clause begins: the predicate's subject is looked for after the last of these. */
const CLAUSE_START = /[;:—–]|,\s+(?:and|but|while|whereas|although|though|so)\b|\b(?:that|because|since|if|when|whereas|although)\s/g;
/** A paragraph number or list label before the sentence ("5.1.4 ", "3) "). */
const LEADING_NUMBER = /^\s*(?:\d+(?:\.\d+)*\.?|\(?[a-z0-9]\))\s+/i;
/** An opening adverbial before the subject: "Nationally, ", "In the UK, ". */
const OPENING_ADVERBIAL = /^[^,]{1,40},\s+/;

/** The longest subject looked for: a subject clause longer than this is not read as one (and work stays linear). */
const SUBJECT_WITHIN = 200;

function clauseBefore(sentence: string, at: number): string {
  const from = Math.max(0, at - SUBJECT_WITHIN);
  let start = -1;
  for (const m of sentence.slice(from, at).matchAll(CLAUSE_START)) start = from + m.index + m[0].length;
  if (start === -1) {
    if (from > 0) return '';
    start = 0;
  }
  let clause = sentence.slice(start, at).replace(LEADING_NUMBER, '');
  const opening = OPENING_ADVERBIAL.exec(clause);
  if (opening && !POPULATION_NOUN.test(opening[0])) clause = clause.slice(opening[0].length);
  return clause.trim();
}

/**
 * Whether the first group of people named in `text` is named generically: walking back from its noun there is
 * no determiner, possessive or number before a preposition, verb or the start. With `atStart`, the group must
 * also begin the text (it is the subject, not "the assessments for children").
 */
function genericGroup(text: string, atStart: boolean): boolean {
  const noun = POPULATION_NOUN.exec(text);
  if (!noun) return false;
  // "pupils there", "the young people here": a group pointed at in the case.
  if (/^\s+(?:there|here)\b/i.test(text.slice(noun.index + noun[0].length))) return false;
  const words = text.slice(0, noun.index).split(/[\s,]+/).filter(Boolean);
  for (let i = words.length - 1, seen = 0; i >= 0; i--, seen++) {
    const word = /[\w'’-]+/.exec(words[i])?.[0] ?? '';
    if (PARTICULAR_WORD.test(word)) return false;
    if (PHRASE_BOUNDARY.test(word)) return !atStart;
    if (seen >= 4) return !atStart;
  }
  return true;
}

/** A generalisation by quantity: "Most children who go missing are not reported", "Few fathers are asked". */
const QUANTIFIED_GROUP = /^(?:most|many|few|very few|nearly all|almost all)\s+/i;
/** The first auxiliary after the group says whether the generalisation is in the present (a claim) or past (the case). */
const TENSE_AUXILIARY = /\b(?:are|is|do|does|have|has|can|will|tend|remain|were|was|did|had)\b/i;
/** With no auxiliary, a verb in the past ("most parents gave consent") makes it the case's. */
const PAST_VERB = /\b(?:\w+[^e\W]ed|gave|took|went|said|told|made|saw|knew|felt|thought|found|came|got|left|kept|met|spoke|became|began|sought|brought)\b/i;

function isQuantifiedClaim(sentence: string): boolean {
  for (const part of sentence.replace(LEADING_NUMBER, '').split(/[;:]|,\s+(?:and|but|while|whereas|although|so)\b/)) {
    let text = part.trim();
    const opening = OPENING_ADVERBIAL.exec(text);
    if (opening && !POPULATION_NOUN.test(opening[0])) text = text.slice(opening[0].length);
    const quantifier = QUANTIFIED_GROUP.exec(text);
    if (!quantifier) continue;
    const rest = text.slice(quantifier[0].length);
    if (!genericGroup(rest, true)) continue;
    const auxiliary = TENSE_AUXILIARY.exec(rest);
    if (auxiliary ? !/^(?:were|was|did|had)$/i.test(auxiliary[0]) : !PAST_VERB.test(rest)) return true;
  }
  return false;
}

/** What someone told the review: "the manager said that families are rarely told", "…, staff told the review". */
const TOLD_THE_REVIEW = /\btold (?:the|this) review\b|\btold (?:us|the reviewers?)\b|,\s(?:[\w'’-]+ ){1,4}(?:said|says|told us|explained|reported|show|shows|showed|suggest|suggests)\W*$/i;
const REPORTED_THAT = /\b(?:said|says|told (?:[\w'’]+ ){1,3}?|reported|explained|confirmed|stated|believed|thought|felt|agreed|accepted|acknowledged|recalled)\s*(?:that\s*)?$/i;

/** A subject that is an uncountable generic ("Prolonged self-neglect", "Poverty"), not "the address", "Mr B's drinking". */
function bareSubject(subject: string, names: CaseNames): boolean {
  const first = /^[\w'’-]+/.exec(subject);
  return !!first && !PARTICULAR_WORD.test(first[0]) && !aboutTheCase(subject, names);
}

function isPopulationClaim(sentence: string, names: CaseNames): boolean {
  if (TOLD_THE_REVIEW.test(sentence)) return false;
  if (isQuantifiedClaim(sentence)) return true;
  const ranking = RANKING_PREDICATE.exec(sentence);
  if (ranking) {
    const clause = sentence.slice(ranking.index).split(/[;:]|,\s+(?:and|but)\b/)[0];
    const general = POPULATION_SCOPE.test(sentence) || RANKING_OF_DEATHS.test(clause) || genericGroup(clause.slice(ranking[0].length), false);
    if (general && !aboutTheCase(clause, names) && !aboutTheCase(clauseBefore(sentence, ranking.index), names)) return true;
  }
  for (const predicate of POPULATION_PREDICATES.flatMap((re) => [...sentence.matchAll(re)])) {
    const subject = clauseBefore(sentence, predicate.index);
    if (genericGroup(subject, true) && !aboutTheCase(subject, names) && !saidBefore(sentence, subject, predicate.index)) return true;
  }
  for (const predicate of sentence.matchAll(ASSOCIATION_PREDICATE)) {
    const subject = clauseBefore(sentence, predicate.index);
    if (bareSubject(subject, names) && !saidBefore(sentence, subject, predicate.index)) return true;
  }
  return false;
}

/** Whether the subject is introduced as someone's words: "the manager said that families …". */
function saidBefore(sentence: string, subject: string, at: number): boolean {
  const before = sentence.slice(Math.max(0, at - 2 * SUBJECT_WITHIN), at).trimEnd();
  const start = before.length - subject.length;
  return start > 0 && REPORTED_THAT.test(before.slice(0, start));
}

// A table row whose first cell is a date or period is a chronology: its figures are the case's own.
const CHRONOLOGY_CELL = /^\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[^|]{0,30}\b(?:1[89]|20)\d\d\b[^|]{0,10})\s*$/;

function inChronologyRow(doc: ReviewDocument, block: Block): boolean {
  if (block.kind !== 'tableCell') return false;
  const lineStart = doc.text.lastIndexOf('\n', block.range.start) + 1;
  const lineEnd = doc.text.indexOf('\n', block.range.start);
  const cells = doc.text.slice(lineStart, lineEnd === -1 ? doc.text.length : lineEnd).replace(/^\s*\|/, '').split('|');
  return cells.length > 1 && CHRONOLOGY_CELL.test(cells[0]);
}

/** The start of a sentence that carries the one before it on. */
const CARRIES_ON = /^\s*(?:this|these|that|those|it|they|such|the same|in (?:particular|turn)|as a result|therefore|thus|so|also|moreover|furthermore)\b/i;
const PARAGRAPH_CLOSING_NOTE = /[.!?]["'”’)]*\s*(?:\[\^[^\]\s[]+\]|\[@[^\][]*\]|\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+\s*$/;
const CITATION_AFTER = /^(?:\s*(?:\[\^[^\]\s]+\]|\[@[^\]]*\]|\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]))+/;

type ClaimKind = 'statistic' | 'research' | 'attribution' | 'guidance' | 'population';

function claimKind(sentence: string, names: CaseNames): ClaimKind | undefined {
  if (isResearchClaim(sentence)) return 'research';
  if (ATTRIBUTED.test(sentence) || PANEL_FOUND.test(sentence) || ATTRIBUTED_PASSIVE.test(sentence) || CROSS_REVIEW.test(sentence) || isReportFinding(sentence)) return 'attribution';
  if (isGuidanceClaim(sentence)) return 'guidance';
  const counted = COUNT_OF_PEOPLE.test(sentence) || LARGE_NUMBER.test(sentence);
  const statistic = STATISTIC.test(sentence) || (counted && (POPULATION_SCOPE.test(sentence) || RATE.test(sentence)));
  if (statistic && (GENERAL_SCOPE.test(sentence) || !aboutTheCase(sentence, names))) return 'statistic';
  if (isPopulationClaim(sentence, names)) return 'population';
  return undefined;
}

interface SentenceInfo {
  range: Range;
  text: string;
  kind?: ClaimKind;
  cited: boolean;
}

function citedBy(doc: ReviewDocument, range: Range, text: string): boolean {
  // A footnote reference counts whether or not it is defined: the author did cite, and a missing definition is
  // unresolved-citation's finding (as an unknown pandoc key is), not a second one here.
  if (/\[\^[^\]\s[]+\]/.test(text)) return true;
  // "(Child Safeguarding Practice Review\nPanel, 2021)": a citation may run across a line break.
  if (hasInlineCitation(text.replace(/\s+/g, ' '))) return true;
  return doc.links.some((l) => l.range.start < range.end && range.start < l.range.end);
}

/** After a claim, what may still be the start of a citation that runs on: white space, or an open bracket. */
const CITATION_MAY_GO_ON = /^\s*(?:\[[^\]]*)?$/;

/**
 * The block's sentences, with their kinds and whether each is cited. A citation right after a sentence is looked
 * for up to 40 characters into the next one, which may be past the group (`scope`): then the part inside the
 * group decides unless a citation may still run on beyond it (undefined: to be done on the whole document).
 */
function sentencesOf(doc: ReviewDocument, block: Block, names: CaseNames, scope: Scope): SentenceInfo[] | undefined {
  const ranges = doc.sentencesIn(block).map(({ range }) => range);
  const out: SentenceInfo[] = [];
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    // A citation right after the full stop ("…adults.[^2] Next") belongs to this sentence, not the next.
    let text = doc.prose.slice(r.start, r.end);
    const leading = i > 0 ? CITATION_AFTER.exec(text) : null;
    if (leading) text = text.slice(leading[0].length);
    const next = ranges[i + 1];
    const afterEnd = next ? next.start + 40 : Math.min(block.range.end, r.end + 40);
    const after = doc.prose.slice(r.end, Math.min(afterEnd, scope.hi));
    const trailing = CITATION_AFTER.exec(after);
    if (afterEnd > scope.hi && CITATION_MAY_GO_ON.test(after.slice(trailing ? trailing[0].length : 0))) return undefined;
    const citeText = trailing ? text + trailing[0] : text;
    const kind = claimKind(text.replace(/\s+/g, ' '), names);
    out.push({ range: r, text, kind, cited: citedBy(doc, { start: r.start, end: r.end + (trailing ? trailing[0].length : 0) }, citeText) });
  }
  return out;
}

interface Claim {
  range: Range;
  kind: ClaimKind;
}

/** The block's claims that no citation covers, in order (undefined: to be found on the whole document). */
function uncitedClaims(doc: ReviewDocument, block: Block, names: CaseNames, scope: Scope): Claim[] | undefined {
  const prose = doc.prose.slice(block.range.start, block.range.end);
  const sentences = sentencesOf(doc, block, names, scope);
  if (!sentences) return undefined;
  const claims = sentences.filter((s) => s.kind);
  // A note after the paragraph's last full stop covers the paragraph's single claim when it closes that claim:
  // the claim is the last sentence, or the last sentence carries it on ("This means…"). A note on a sentence
  // of its own further on is that sentence's source, not the claim's.
  const closingCitation = PARAGRAPH_CLOSING_NOTE.test(prose);
  const last = sentences[sentences.length - 1];
  const closes = (claim: SentenceInfo) =>
    closingCitation && claims.length === 1 && (claim === last || (sentences[sentences.length - 2] === claim && CARRIES_ON.test(last.text)));
  return claims.filter((claim) => !claim.cited && !closes(claim)).map((claim) => ({ range: claim.range, kind: claim.kind! }));
}

/**
 * Whether a table cell is in a chronology row, read from the group alone (`scope`): undefined when the row's
 * start, or the end of its first cell, is outside the group.
 */
function chronologyInGroup(doc: ReviewDocument, block: Block, scope: Scope): boolean | undefined {
  if (block.kind !== 'tableCell') return false;
  const lineFeed = doc.text.lastIndexOf('\n', block.range.start);
  if (lineFeed < scope.lo) return undefined;
  const lineEnd = doc.text.indexOf('\n', block.range.start);
  if (lineEnd !== -1 && lineEnd < scope.hi) return inChronologyRow(doc, block);
  // The row runs on past the group: its first cell decides if it closes inside.
  const inside = doc.text.slice(lineFeed + 1, scope.hi);
  const opening = /^\s*\|/.exec(inside);
  const rest = opening ? inside.slice(opening[0].length) : inside;
  const bar = rest.indexOf('|');
  return bar === -1 ? undefined : CHRONOLOGY_CELL.test(rest.slice(0, bar));
}

/** A block's claims, kept with its group: offsets relative to the group. */
interface BlockClaims {
  /** The block's index in the group. */
  block: number;
  claims: { start: number; end: number; kind: ClaimKind }[];
  /** Whether the block is a chronology row; undefined: to be read on the document. */
  chronology?: boolean;
  /** The claims are to be found on the document. */
  again?: boolean;
}

const NO_CLAIMS: BlockClaims[] = [];

function claimsInGroup(doc: ReviewDocument, group: BlockGroup, names: CaseNames): BlockClaims[] {
  const found: BlockClaims[] = [];
  const scope = scopeOf(group);
  for (let b = group.first; b < group.last; b++) {
    const block = doc.blocks[b];
    if (block.kind !== 'paragraph' && block.kind !== 'tableCell') continue;
    if (block.inBlockquote || block.inFootnote) continue;
    // Most paragraphs hold no claim: skip sentence segmentation for them.
    if (!mayHoldClaim.get(doc, block)) continue;
    const claims = uncitedClaims(doc, block, names, scope);
    if (claims && !claims.length) continue;
    found.push({
      block: b - group.first,
      claims: (claims ?? []).map((c) => ({ start: c.range.start - group.start, end: c.range.end - group.start, kind: c.kind })),
      chronology: chronologyInGroup(doc, block, scope),
      again: !claims,
    });
  }
  return found.length ? found : NO_CLAIMS;
}

function nextFootnoteId(doc: ReviewDocument): string {
  const ids = footnoteIds(doc);
  const numbers = ids.map((id) => Number(id)).filter((n) => Number.isInteger(n));
  if (ids.length === 0 || numbers.length === ids.length) return String((numbers.length ? Math.max(...numbers) : 0) + 1);
  let n = 1;
  while (ids.includes(`source-${n}`)) n++;
  return `source-${n}`;
}

function fixFor(doc: ReviewDocument, range: Range, usesPandoc: boolean, id: string): Suggestion {
  const sentence = doc.text.slice(range.start, range.end);
  const punctuation = /[.!?]["'”’)]*$/.exec(sentence);
  const at = punctuation ? range.start + punctuation.index + punctuation[0].length : range.end;
  if (usesPandoc) {
    const before = punctuation ? range.start + punctuation.index : range.end;
    return { title: 'Add a citation placeholder [@]', edits: [{ start: before, end: before, newText: ' [@]' }], selectAfter: { start: before + 2, end: before + 3 } };
  }
  const end = doc.text.length;
  const separator = doc.text.endsWith('\n\n') ? '' : doc.text.endsWith('\n') ? '\n' : '\n\n';
  return {
    title: `Add footnote [^${id}] with a placeholder for the source`,
    edits: [
      { start: at, end: at, newText: `[^${id}]` },
      { start: end, end, newText: `${separator}[^${id}]: Source to be added.\n` },
    ],
  };
}

/** Whether a global pattern matches anywhere, leaving it ready for the next caller. */
function hasMatch(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

// Whether a block may hold a claim: any of the patterns the claim tests start from (a research claim needs an
// evidence source or a stock phrase). Most blocks hold none and skip sentence segmentation.
const mayHoldClaimText = anyPatternMatches([
  STOCK_PHRASE,
  EVIDENCE_SOURCE,
  ATTRIBUTED,
  PANEL_FOUND,
  ATTRIBUTED_PASSIVE,
  CROSS_REVIEW,
  REPORT_SOURCE,
  STATISTIC,
  COUNT_OF_PEOPLE,
  LARGE_NUMBER,
  RANKING_PREDICATE,
  GUIDANCE_SOURCE,
  NAMED_GUIDANCE,
  THE_PROTOCOL,
  ...POPULATION_PREDICATES,
  ASSOCIATION_PREDICATE,
  /\b(?:most|many|few|nearly all|almost all)\s/i,
]);
// Sentences are classified with their white space collapsed (a hard-wrapped claim runs over a line break), so
// the prefilter reads the block the same way.
const SPACING_TO_COLLAPSE = /\s\s|[^\S ]/;
const mayHoldClaim = new BlockCache<boolean>((prose) => mayHoldClaimText(SPACING_TO_COLLAPSE.test(prose) ? prose.replace(/\s+/g, ' ') : prose));

/** The finding's message, by kind of claim. */
const MESSAGES = {} as Record<ClaimKind, string>;

const DESCRIBE: Record<ClaimKind, string> = {
  statistic: 'This statistic has no source',
  research: 'This research or evidence claim has no source',
  attribution: 'This finding is attributed to a report or body but has no citation',
  guidance: 'This statement of what guidance or legislation says has no citation',
  population: 'This general claim about a group of people has no source',
};

const rule: Rule = {
  meta: {
    id: 'uncited-claim',
    description: 'Statistics, research and guidance claims, findings of reports or national bodies, and general claims about groups of people, with no citation.',
    defaultSeverity: 'warning',
    theme: 'evidence',
    fixable: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  check({ doc, report }) {
    const caseNames = childNamesByGroup(doc);
    const names = caseNamesOf(caseNames);
    const namesKey = caseNames.join('\u0000');
    const index = sharedGroups.index(doc);
    let usesPandoc = false;
    index.each(
      sharedGroups,
      PANDOC,
      '',
      (group) => PANDOC_CITATION.test(doc.prose.slice(group.start, group.end)),
      (_group, uses) => {
        usesPandoc ||= uses;
        return uses;
      },
    );
    let footnote = nextFootnoteId(doc);
    const everywhere = wholeDocument();
    index.each(
      sharedGroups,
      CLAIMS,
      namesKey,
      (group) => claimsInGroup(doc, group, names),
      (group, found) => {
        if (found === NO_CLAIMS) return false;
        for (const held of found) {
          const block = doc.blocks[group.first + held.block];
          if (held.chronology ?? inChronologyRow(doc, block)) continue;
          const claims = held.again ? uncitedClaims(doc, block, names, everywhere)! : held.claims.map((c) => ({ range: { start: c.start + group.start, end: c.end + group.start }, kind: c.kind }));
          for (const claim of claims) {
            const suggestion = fixFor(doc, claim.range, usesPandoc, footnote);
            if (!usesPandoc) footnote = String(Number.isInteger(Number(footnote)) ? Number(footnote) + 1 : footnote + "'");
            report({
              range: claim.range,
              message: MESSAGES[claim.kind],
              explanation: {
                why: 'A review is read by boards, inspectors and families; a claim without a source weakens it and cannot be checked.',
                alternatives: ['Add a footnote [^n] with the source', 'Add an author–year reference, e.g. (Child Safeguarding Practice Review Panel, 2022)', 'Make clear the figure comes from this review'],
                source: 'SCIE quality markers for case reviews: analysis uses research evidence and references guidance',
              },
              suggestions: [suggestion],
              data: { kind: claim.kind },
            });
          }
        }
        return true;
      },
    );
  },
};

/** A pandoc citation ("[@smith2020]", "[see @dfe2018, p. 4]"): a review that has one cites that way. */
const PANDOC_CITATION = /\[[^[\]\n]*@[A-Za-z0-9_]/;
for (const kind of Object.keys(DESCRIBE) as ClaimKind[]) {
  MESSAGES[kind] = `${DESCRIBE[kind]}: add a footnote or reference so that readers can check it, or say that it comes from this review's own evidence.`;
}

/** The shared cache's slots: whether a group has a pandoc citation; a group's uncited claims. */
const PANDOC = sharedGroups.slot('uncited-claim pandoc');
const CLAIMS = sharedGroups.slot('uncited-claim claims');

export default rule;
