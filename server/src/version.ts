/**
 * The package's version. Its one source is package.json: scripts/build.mjs defines `__REVIEW_LINT_VERSION__`
 * from it when bundling, and vitest.config.ts does the same for the tests, which run the sources.
 */
declare const __REVIEW_LINT_VERSION__: string;

export const VERSION: string = __REVIEW_LINT_VERSION__;
