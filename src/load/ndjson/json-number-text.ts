/**
 * The source text of numbers in JSON: JSON.parse turns `007`-free but still lossy
 * forms (`1.50`, `1e3`, `-0`, 19-digit integers) into doubles, while an id must stay
 * what the file says. A small scanner over one object's text (or an array of them)
 * finds the keys whose value is a number and returns that number's text, naming a
 * key inside a nested object by its path ("user.id"), as the reader names its column.
 */

const WS = new Set([' ', '\t', '\n', '\r']);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s[i])) ++i;
  return i;
}

/** Index after the JSON string starting at s[i] (a quote). */
function skipString(s: string, i: number): number {
  for (++i; i < s.length; ++i) {
    const c = s[i];
    if (c === '\\') ++i;
    else if (c === '"') return i + 1;
  }
  return s.length;
}

/** Index after the JSON value starting at s[i]. */
function skipValue(s: string, i: number): number {
  const c = s[i];
  if (c === '"') return skipString(s, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (; i < s.length; ++i) {
      const d = s[i];
      if (d === '"') i = skipString(s, i) - 1;
      else if (d === '{' || d === '[') ++depth;
      else if (d === '}' || d === ']') {
        if (--depth === 0) return i + 1;
      }
    }
    return s.length;
  }
  while (i < s.length && !WS.has(s[i]) && s[i] !== ',' && s[i] !== '}' && s[i] !== ']') ++i;
  return i;
}

/**
 * The text of each number-valued key of the object at s[i] (nested objects' keys as
 * "outer.inner") for which `want` is true; returns the index after the object.
 * Assumes valid JSON (call it after JSON.parse succeeded).
 */
export function objectNumberTexts(s: string, i: number, want: (key: string) => boolean, out: Map<string, string>, prefix = ''): number {
  i = skipWs(s, i);
  if (s[i] !== '{') return skipValue(s, i);
  i = skipWs(s, i + 1);
  while (i < s.length && s[i] !== '}') {
    const keyEnd = skipString(s, i);
    const key = prefix + (JSON.parse(s.slice(i, keyEnd)) as string);
    i = skipWs(s, skipWs(s, keyEnd) + 1);
    const c = s[i];
    const end = c === '{' ? objectNumberTexts(s, i, want, out, `${key}.`) : skipValue(s, i);
    if ((c === '-' || (c >= '0' && c <= '9')) && want(key)) out.set(key, s.slice(i, end));
    i = skipWs(s, end);
    if (s[i] === ',') i = skipWs(s, i + 1);
  }
  return i + 1;
}

/** objectNumberTexts for each element of the JSON array text s. */
export function arrayNumberTexts(s: string, want: (key: string) => boolean): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) === 0xfeff) i = skipWs(s, i + 1);
  if (s[i] !== '[') return out;
  i = skipWs(s, i + 1);
  while (i < s.length && s[i] !== ']') {
    const m = new Map<string, string>();
    i = skipWs(s, objectNumberTexts(s, i, want, m));
    out.push(m);
    if (s[i] === ',') i = skipWs(s, i + 1);
  }
  return out;
}
