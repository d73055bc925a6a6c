import { lazyTexts, registerDictBytes, textsOf, type DictBytes } from './dict-bytes.js';

/** With decodeLazily, dictionaries up to this size still hand out their values decoded. */
const EAGER = 1 << 16;

/** A settled dictionary's values by key (CodeDict.values): undecoded when `lazily` and big. */
export function decodeFinal(f: DictBytes, lazily: boolean): readonly string[] {
  if (lazily && f.size > EAGER) return lazyTexts(f);
  const texts = textsOf(f);
  registerDictBytes(texts, () => f);
  return texts;
}
