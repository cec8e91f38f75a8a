/** The explicit registry of built-in rules, in the order they run and are documented. */
import type { Rule } from '../types.js';
import blameLanguage from './blame-language.js';
import managerAccountability from './manager-accountability.js';
import requiredSection from './required-section.js';
import uncitedClaim from './uncited-claim.js';
import unresolvedCitation from './unresolved-citation.js';
import identifyingDetail from './identifying-detail.js';
import undefinedAcronym from './undefined-acronym.js';

export const builtinRules: readonly Rule[] = [
  blameLanguage,
  managerAccountability,
  requiredSection,
  uncitedClaim,
  unresolvedCitation,
  identifyingDetail,
  undefinedAcronym,
] as Rule[];
