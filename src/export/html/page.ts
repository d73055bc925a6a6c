import { escapeHTML, jsonForScript } from './escape.js';
import { pageScript } from './page-script.js';
import { pageStyle } from './page-style.js';

/** A part of a page: its markup and the data its script needs (merged into one JSON element). */
export interface Section {
  html: string;
  data?: Record<string, unknown>;
}

/** The head of a page: title, one line on what was computed, headline numbers. */
export interface PageHeader {
  title: string;
  /** Lines under the title (inputs, as-of, cohorts...). */
  meta?: string[];
  /** Headline numbers: [value, what it is]. */
  kpis?: [string, string][];
  /** Warnings that say the numbers may not mean what they seem (as the CLI prints on stderr). */
  warnings?: string[];
}

/**
 * htmlPage: one self-contained HTML document: inline CSS (screen, phone, print), inline
 * SVG, one small inline script and its JSON data. Nothing is fetched; it opens from disk.
 */
export function htmlPage(header: PageHeader, sections: Section[], opts: { generated?: string } = {}): string {
  const data: Record<string, unknown> = {};
  for (const s of sections) Object.assign(data, s.data ?? {});
  const kpis = header.kpis?.length
    ? `<ul class="kpis">${header.kpis.map(([v, what]) => `<li><b>${escapeHTML(v)}</b><span>${escapeHTML(what)}</span></li>`).join('')}</ul>`
    : '';
  const meta = header.meta?.length ? `<p class="meta">${header.meta.map(escapeHTML).join('<br>')}</p>` : '';
  const warnings = header.warnings?.length
    ? `<ul class="warnings" role="note" aria-label="Warnings">${header.warnings.map((w) => `<li>${escapeHTML(w)}</li>`).join('')}</ul>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHTML(header.title)}</title>
<style>
${pageStyle()}
</style>
</head>
<body>
<header><h1>${escapeHTML(header.title)}</h1>${meta}${warnings}${kpis}</header>
<main>
${sections.map((s) => s.html).join('\n')}
</main>
<footer>Made with kohort${opts.generated ? ` on ${escapeHTML(opts.generated)}` : ''}. Numbers follow the kohort metrics contract (METRICS.md). This file is self-contained: it loads nothing from the network.</footer>
<script type="application/json" id="kohort-data">${jsonForScript(data)}</script>
<script>
${pageScript()}
</script>
</body>
</html>
`;
}
