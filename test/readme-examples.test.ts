/**
 * The README's examples run: every `kohort` command in its shell code blocks that names a
 * file of the repository or of ../shared/datasets executes with exit 0, so the
 * documentation cannot drift from the tool. Commands are found generically (any shell
 * block, `$ ` prompts, `npx kohort`, backslash continuations, `&&` chains, comments,
 * pipes and redirections), so examples added later are covered too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli/run-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = path.join(ROOT, '..', 'shared', 'datasets');
const SHELL_LANGS = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'shell-session']);

/** The shell code blocks of a Markdown text. */
export function shellBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const re = /^(```|~~~)[ \t]*([\w-]*)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) if (SHELL_LANGS.has(m[2].toLowerCase())) blocks.push(m[3]);
  return blocks;
}

/**
 * Shell words of one logical line, split into commands at `&&`, `||`, `;` and `|`;
 * a comment, a redirection (`>`, `2>`...) and what follows it are dropped.
 */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | null = null;
  let quote: '"' | "'" | null = null;
  const push = (): void => {
    if (word !== null) commands[commands.length - 1].push(word);
    word = null;
  };
  let skipRedirect = false;
  for (let i = 0; i < line.length; ++i) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && /["\\$`]/.test(line[i + 1] ?? '')) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
      continue;
    }
    if (/\s/.test(c)) {
      if (skipRedirect && word !== null) {
        word = null;
        skipRedirect = false;
      } else push();
      continue;
    }
    if (c === '#' && word === null) break;
    if (c === '>' || (c === '<' && line[i + 1] !== '(')) {
      if (word !== null && /^\d$/.test(word)) word = null;
      push();
      skipRedirect = true;
      if (line[i + 1] === '>' || line[i + 1] === '&') ++i;
      continue;
    }
    if (c === '|' || c === ';' || c === '&') {
      push();
      if ((c === '|' || c === '&') && line[i + 1] === c) ++i;
      commands.push([]);
      continue;
    }
    word = (word ?? '') + c;
  }
  if (!skipRedirect) push();
  return commands.filter((cmd) => cmd.length > 0);
}

/** The kohort commands of the README: their arguments after `kohort`, and the line they came from. */
export function kohortCommands(markdown: string): { line: string; args: string[] }[] {
  const out: { line: string; args: string[] }[] = [];
  for (const block of shellBlocks(markdown)) {
    const lines = block.replace(/\\\r?\n/g, ' ').split('\n');
    for (const raw of lines) {
      const line = raw.replace(/^\s*\$\s+/, '').trim();
      for (const words of shellCommands(line)) {
        let i = 0;
        while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) ++i; // TZ=... kohort
        if (words[i] === 'npx') ++i;
        if (words[i] !== 'kohort') continue;
        out.push({ line: line.replace(/\s+/g, ' '), args: words.slice(i + 1) });
      }
    }
  }
  return out;
}

/** Files of ../shared/datasets by base name (README examples name data sets by their file name). */
function sharedFiles(): Map<string, string> {
  const map = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!map.has(name)) map.set(name, p);
    }
  };
  if (existsSync(SHARED)) walk(SHARED);
  return map;
}

/** Base names the shared data sets' README lists (to tell "absent here" from "not a data set"). */
function sharedNamesListed(): Set<string> {
  const readme = path.join(SHARED, 'README.md');
  if (!existsSync(readme)) return new Set();
  return new Set(readFileSync(readme, 'utf8').match(/[\w.-]+\.(csv|txt|parquet|gz|arrow|json|ndjson)\b/g) ?? []);
}

const OUT_OPTIONS = new Set(['--out', '-o']);

/**
 * The arguments to run: files of the repository stay (made absolute), data sets named by
 * their file name point into ../shared/datasets, and --out goes to a temporary folder.
 */
function resolveArgs(
  args: string[],
  shared: Map<string, string>,
  outDir: string,
): { args: string[]; namesFile: boolean; missingShared: string[] } {
  let namesFile = false;
  const missingShared: string[] = [];
  const listed = sharedNamesListed();
  const resolved = args.map((a, i) => {
    if (i > 0 && OUT_OPTIONS.has(args[i - 1])) return path.join(outDir, path.basename(a));
    if (a.startsWith('-') || a.includes('=') || a.includes(' ')) return a;
    const inRepo = path.join(ROOT, a);
    if (/[./]/.test(a) && existsSync(inRepo) && statSync(inRepo).isFile()) {
      namesFile = true;
      return inRepo;
    }
    const base = path.basename(a);
    const hit = shared.get(base);
    if (hit) {
      namesFile = true;
      return hit;
    }
    if (listed.has(base)) missingShared.push(base);
    return a;
  });
  return { args: resolved, namesFile, missingShared };
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const commands = kohortCommands(readme);
const shared = sharedFiles();
const outDir = mkdtempSync(path.join(tmpdir(), 'kohort-readme-'));
const runnable = commands.map((c) => ({ ...c, ...resolveArgs(c.args, shared, outDir) }));

describe('README code blocks', () => {
  it('parses shell words, chains, comments and redirections', () => {
    expect(shellCommands(`kohort matrix a.csv --where "InvoiceNo !^= C" --where 'Q > 0' # comment`)).toEqual([
      ['kohort', 'matrix', 'a.csv', '--where', 'InvoiceNo !^= C', '--where', 'Q > 0'],
    ]);
    expect(shellCommands('npm install && npm start   # x')).toEqual([['npm', 'install'], ['npm', 'start']]);
    expect(shellCommands('kohort matrix a.csv > out.csv 2>/dev/null | head -3')).toEqual([['kohort', 'matrix', 'a.csv'], ['head', '-3']]);
    expect(kohortCommands('```sh\n$ npx kohort matrix a.csv \\\n    --as-of 2024-01-01\n```\n```ts\nkohort x\n```\n')).toEqual([
      { line: 'npx kohort matrix a.csv --as-of 2024-01-01', args: ['matrix', 'a.csv', '--as-of', '2024-01-01'] },
    ]);
  });

  it('has kohort examples that name real files', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(runnable.filter((c) => c.namesFile).length).toBeGreaterThanOrEqual(6);
  });

  describe.each(runnable.filter((c) => c.namesFile || c.missingShared.length))('$line', (c) => {
    const absent = c.missingShared.length > 0;
    if (absent) console.warn(`skipping: ${c.line}: ../shared/datasets/${c.missingShared.join(', ')} is absent`);
    it.skipIf(absent)('runs with exit 0', async () => {
      const r = await runCli(c.args);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('kohort:'))).toEqual([]);
      expect(r.code).toBe(0);
    }, 120_000);
  });
});

describe('README transcripts', () => {
  /** Blocks that open with a `$ kohort ...` prompt on repository files, then its whole output (no "..." elisions). */
  const transcripts = shellBlocks(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))
    .map((block) => block.replace(/\n$/, '').split('\n'))
    .filter((lines) => /^\$ kohort .*datasets\/sample\//.test(lines[0]) && !lines.slice(1).some((l) => /^\s*\.\.\.\s*$/.test(l) || l.startsWith('$ ')));

  it('has a transcript of the sample', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(1);
  });

  it.each(transcripts.map((lines) => [lines[0], lines.slice(1)] as const))('%s prints what the README shows', async (prompt, shown) => {
    const args = shellCommands(prompt.slice(2))[0].slice(1).map((a) => (a.startsWith('datasets/') ? path.join(ROOT, a) : a));
    const r = await runCli([...args, '--format', 'table', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n$/, '').split('\n')).toEqual(shown);
  });
});
