/** undefined-acronym: placeholder registered so that configuration and directives accept the id; implemented in its own issue. */
import type { Rule } from '../types.js';

const rule: Rule = {
  meta: {
    id: 'undefined-acronym',
    description: 'Not yet implemented.',
    defaultSeverity: 'warning',
    theme: 'plain-english',
    fixable: false,
    optionsSchema: { type: 'object' },
    defaultOptions: {},
  },
  check() {},
};

export default rule;
