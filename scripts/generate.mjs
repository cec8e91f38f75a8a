// Everything generated from data before bundling (called by scripts/build.mjs).
import { generateLexicon } from './generate-lexicon.mjs';

export function generate() {
  generateLexicon();
}
