/** required-section: placeholder registered so that configuration and directives accept the id; implemented in its own issue. */
import type { Rule } from '../types.js';

const rule: Rule = {
  meta: {
    id: 'required-section',
    description: 'Not yet implemented.',
    defaultSeverity: 'warning',
    theme: 'accountability',
    fixable: false,
    optionsSchema: { type: 'object' },
    defaultOptions: {},
  },
  check() {},
};

export default rule;
