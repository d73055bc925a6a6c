import { batchType, dictionary, utf8 } from '@uwdata/flechette';

/**
 * flechette's dictionary batches decode their whole dictionary into JS values when a
 * table is decoded (setDictionary calls `dictionary.cache()`), a million strings for a
 * column of customer ids, although this reader only needs the dictionary's bytes.
 * Make that cache lazy: built on first use, from the same memoized Column.cache(),
 * so anyone reading values (Arquero's wrapper, `at()`) sees exactly what they did.
 */
export function lazyDictionaryCache(): void {
  const proto = (batchType(dictionary(utf8()), {}) as unknown as { prototype: Record<string, unknown> }).prototype;
  if (typeof proto.setDictionary !== 'function' || Object.getOwnPropertyDescriptor(proto, 'cache')) return;
  proto.setDictionary = function setDictionary(this: { dictionary: unknown }, d: unknown) {
    this.dictionary = d;
    return this;
  };
  Object.defineProperty(proto, 'cache', {
    configurable: true,
    get(this: { dictionary: { cache(): unknown[] } }) {
      return this.dictionary.cache();
    },
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'cache', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}
