import type { InputFormat } from './dataset.js';
import { readHead } from './file-bytes.js';
import { formatFromExtension, isGzip } from './sniff.js';

/**
 * nestedFields: the nested (struct, list, map) top-level columns of a Parquet file, each
 * with the dotted paths of its leaf fields ("address" -> "address.city", "address.zip"),
 * from the footer the run has already parsed (parquet-footer.ts keeps it). Empty for any
 * other file and for a footer that cannot be read: it only words an error better.
 */
export async function nestedFields(path: string, format?: InputFormat): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  try {
    if ((format ?? formatFromExtension(path)) !== 'parquet' || isGzip(await readHead(path, 2))) return out;
    const { parquetFooter } = await import('./parquet/parquet-footer.js');
    const schema = (await parquetFooter(path)).schema;
    // The schema is a tree flattened depth first: each element is followed by its num_children subtrees.
    let i = 1;
    const walk = (prefix: string, leaves: string[]): void => {
      const el = schema[i++];
      const path = prefix ? `${prefix}.${el.name}` : el.name;
      const children = el.num_children ?? 0;
      if (children === 0) leaves.push(path);
      for (let c = 0; c < children; ++c) walk(path, leaves);
    };
    for (let left = schema[0].num_children ?? 0; left > 0 && i < schema.length; --left) {
      const top = schema[i];
      const leaves: string[] = [];
      walk('', leaves);
      if ((top.num_children ?? 0) > 0) out.set(top.name, leaves);
    }
  } catch {
    out.clear();
  }
  return out;
}
