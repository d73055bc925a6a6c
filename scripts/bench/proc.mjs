// Run one child process and measure its wall time and peak RSS (KB).
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when installed, else from a
// preload hook that prints process.resourceUsage().maxRSS at exit (node children only).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const HOOK = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-hook.mjs');
export const rssSource = fs.existsSync(GNU_TIME) && !process.env.KOHORT_BENCH_NO_GNU_TIME ? 'gnu-time' : 'resourceUsage';

/** Spawn `node ...args`; resolves { code, signal, wallMs, rssKB, stdout, stderr } and never rejects. */
export function runNode(args, { cwd, timeoutMs = 60 * 60 * 1000, env } = {}) {
  const rssFile = path.join(os.tmpdir(), `kohort-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [cmd, argv] = rssSource === 'gnu-time'
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', HOOK, ...args]];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { if (stdout.length < 1e6) stdout += d; });
    child.stderr.on('data', (d) => { if (stderr.length < 1e6) stderr += d; });
    const done = (code, signal, err) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssKB = null;
      if (rssSource === 'gnu-time') {
        try { rssKB = lastNumber(fs.readFileSync(rssFile, 'utf8')); fs.rmSync(rssFile, { force: true }); } catch { /* child never started */ }
      } else {
        const m = stderr.match(/\nkohort-bench-maxrss (\d+)\n?$/);
        if (m) { rssKB = Number(m[1]); stderr = stderr.slice(0, m.index); }
      }
      if (err) stderr += `\n${err.message}`;
      resolve({ code, signal, wallMs, rssKB, stdout, stderr });
    };
    child.on('error', (err) => done(-1, null, err));
    child.on('close', (code, signal) => done(code, signal));
  });
}

// GNU time writes "Command exited with non-zero status N" before %M on failure.
const lastNumber = (text) => {
  const lines = text.trim().split('\n').filter((l) => /^\d+$/.test(l.trim()));
  return lines.length ? Number(lines[lines.length - 1]) : null;
};

/** The most telling line of a failed child's stderr (skips Node's "file:line" and caret lines). */
export function firstErrorLine(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|not found|cannot|unknown/i.test(l) && !/^at /.test(l)) ?? lines[0] ?? '(no stderr)';
}
