// Types for scripts/generate-lexicon.mjs (imported by the lexicon test).
export function generateLexicon(options?: { write?: boolean }): { json: string; docText: string };
