// English inflections as one word for search: a word token is indexed and searched by its Porter
// stem (models, modeling -> model; inferences, inferred -> infer; LLMs -> llm), through the
// `stemmer` package. Only words of ASCII letters are stemmed: numbers, ids such as 540b and words
// of other scripts are kept as they are. Stems are cached (a vocabulary is small; texts are not).
import { stemmer } from "stemmer";
import { foldingSettings } from "./folding-settings";

const STEMMABLE = /^[a-z]{3,}$/;
const cache = new Map<string, string>();
const MAX_CACHE = 200_000;

/** The stem of one lower-cased word token. */
export function stemWord(word: string): string {
  if (!foldingSettings.stem) return word;
  let stem = cache.get(word);
  if (stem === undefined) {
    // Words that are not stemmed are cached as themselves: highlighting looks up every word of every hit.
    stem = STEMMABLE.test(word) ? stemmer(word) : word;
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(word, stem);
  }
  return stem;
}
