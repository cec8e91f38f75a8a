/** undefined-acronym beyond the fixtures: how words spell an acronym, the quick fix's wording, messages and options. */
import { describe, expect, it } from 'vitest';
import { applyEdits, builtinRules, lint, resolveConfig, validateConfig } from '../../server/src/core/index.js';
import { spells } from '../../server/src/core/rules/undefined-acronym.js';
import acronyms from '../../server/src/core/data/acronyms.json';

function publication(options?: Record<string, unknown>) {
  const { layer, problems } = validateConfig({ profile: 'publication', ...(options ? { rules: { 'undefined-acronym': ['warning', options] } } : {}) }, 'test', builtinRules);
  expect(problems).toEqual([]);
  return resolveConfig(layer);
}

function acronymFindings(text: string, options?: Record<string, unknown>) {
  return lint(text, { config: publication(options) }).findings.filter((f) => f.ruleId === 'undefined-acronym');
}

/** The text after the one finding's preferred fix. */
function fixed(text: string, options?: Record<string, unknown>): string {
  const findings = acronymFindings(text, options);
  expect(findings).toHaveLength(1);
  const fix = findings[0].suggestions?.find((s) => s.isPreferred);
  expect(fix).toBeDefined();
  return applyEdits(text, fix!.edits);
}

describe('spells: do these words spell the acronym?', () => {
  const words = (s: string) => s.split(/[ -]+/);
  it.each([
    ['Multi-Agency Safeguarding Hub', 'MASH'],
    ['Department for Education', 'DFE'],
    ['Deprivation of Liberty Safeguards', 'DOLS'],
    ['Special Educational Needs Coordinator', 'SENCO'],
    ['Child and Adolescent Mental Health Services', 'CAMHS'],
    ['child in need', 'CIN'],
    ['Graded Care Profile 2', 'GCP2'],
    ["His Majesty's Inspectorate of Constabulary and Fire & Rescue Services", 'HMICFRS'],
  ])('%s spells %s', (w, acronym) => {
    expect(spells(words(w), acronym, true)).toBe(true);
  });

  it.each([
    ['Preston Shoot 2019', 'SAR'],
    ['the local authority', 'MASH'],
    ['Safeguarding Hub', 'MASH'],
    ['Multi Agency Safeguarding Hub team', 'MASH'],
  ])('%s does not spell %s as a whole run', (w, acronym) => {
    expect(spells(words(w), acronym, true)).toBe(false);
  });

  it('inside brackets, the first words are enough', () => {
    expect(spells(words('Safeguarding Adults Reviews, as the Care Act requires'), 'SAR', false)).toBe(true);
    expect(spells(words('the Multi-Agency Safeguarding Hub'), 'MASH', false)).toBe(true);
    expect(spells(words('Preston-Shoot, 2019'), 'SAR', false)).toBe(false);
  });
});

describe('undefined-acronym findings', () => {
  it('is off in the draft profile and a warning in the publication profile', () => {
    const text = 'The MASH received a referral.\n';
    expect(lint(text).findings.filter((f) => f.ruleId === 'undefined-acronym')).toEqual([]);
    const [f] = acronymFindings(text);
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(`'MASH' is not spelt out: spell it out at its first use ("Multi-Agency Safeguarding Hub (MASH)"), or add it to a glossary.`);
    expect(f.data).toEqual({ acronym: 'MASH' });
    expect(f.explanation?.alternatives).toEqual(['Multi-Agency Safeguarding Hub (MASH)']);
  });

  it('reports each acronym once, at its first use, and says when it is spelt out only later', () => {
    const text = 'The IRO wrote. The IRO phoned.\n\nThe independent reviewing officer (IRO) met the family.\n';
    const findings = acronymFindings(text);
    expect(findings).toHaveLength(1);
    expect(findings[0].range.start).toBe(text.indexOf('IRO'));
    expect(findings[0].message).toBe(`'IRO' is used before it is spelt out: spell it out here, at its first use.`);
  });

  it('offers no fix for an acronym it has no words for', () => {
    const [f] = acronymFindings('The KVSCP business unit arranged it.\n');
    expect(f.message).toBe(`'KVSCP' is not spelt out: spell it out at its first use, or add it to a glossary.`);
    expect(f.suggestions).toBeUndefined();
  });

  it('takes a glossary in a table', () => {
    // The first use comes well into the document, after more text than the glossary holds.
    const text = `${'The family moved house. '.repeat(12)}The PLO meeting was held.\n\n## Glossary\n\n| Term | Meaning |\n| --- | --- |\n| PLO | Public Law Outline |\n`;
    expect(acronymFindings(text)).toEqual([]);
  });
});

describe('undefined-acronym quick fix', () => {
  it('spells the acronym out in place and keeps the acronym after it', () => {
    expect(fixed('The MASH received a referral.')).toBe('The Multi-Agency Safeguarding Hub (MASH) received a referral.');
  });

  it('capitalises the words at the start of a sentence, also after bold', () => {
    expect(fixed('CSE was not considered.')).toBe('Child sexual exploitation (CSE) was not considered.');
    expect(fixed('It was late. **CSE** was not considered.')).toBe('It was late. **Child sexual exploitation (CSE)** was not considered.');
    expect(fixed('It was late and CSE was not considered.')).toBe('It was late and child sexual exploitation (CSE) was not considered.');
  });

  it('makes "a" or "an" suit the words', () => {
    expect(fixed('The panel decided that an LCSPR was not needed.')).toBe('The panel decided that a local child safeguarding practice review (LCSPR) was not needed.');
    expect(fixed('A IRO was appointed.')).toBe('An independent reviewing officer (IRO) was appointed.');
    expect(fixed('She saw an IRO.')).toBe('She saw an independent reviewing officer (IRO).');
  });

  it('puts a possessive on the words', () => {
    expect(fixed("The SAB's audit was late.")).toBe("The Safeguarding Adults Board's (SAB) audit was late.");
    expect(fixed('The SAB’s audit was late.')).toBe('The Safeguarding Adults Board’s (SAB) audit was late.');
  });

  it('uses plural words for a plural acronym', () => {
    expect(fixed('Two SCRs found the same.')).toBe('Two serious case reviews (SCRs) found the same.');
    expect(fixed('The CINs were closed.')).toBe('The children in need (CINs) were closed.');
    expect(fixed('Both SUDIs were reviewed.')).toBe('Both sudden unexpected deaths in infancy (SUDIs) were reviewed.');
  });

  it('takes words from the expansions option, over the built-in list', () => {
    const options = { expansions: { KSCP: 'Kingsgate Safeguarding Children Partnership', CSE: 'child sexual exploitation and abuse' } };
    expect(fixed('The KSCP commissioned it.', options)).toBe('The Kingsgate Safeguarding Children Partnership (KSCP) commissioned it.');
    expect(fixed('It was CSE.', options)).toBe('It was child sexual exploitation and abuse (CSE).');
  });

  it('ignores what the ignore option names', () => {
    expect(acronymFindings('The MASH and the KSCP met.', { ignore: ['MASH', 'KSCP'] })).toEqual([]);
  });
});

describe('acronyms.json', () => {
  it('gives words for every acronym it lists, none also listed as known to everyone', () => {
    const common = new Set(acronyms.noExpansionNeeded);
    for (const [acronym, words] of Object.entries(acronyms.expansions)) {
      expect(words.length, acronym).toBeGreaterThan(3);
      expect(common.has(acronym), acronym).toBe(false);
    }
    for (const acronym of Object.keys(acronyms.plurals)) expect(acronyms.expansions, acronym).toHaveProperty(acronym);
  });
});
