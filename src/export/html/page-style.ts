import { PALETTE, hex, textOn } from './colour-scale.js';

// A small tile repeated, not a gradient the size of the element: Chromium rasterises a
// gradient over its whole box, and a 200-cohort table's box is ~10,000 px wide.
const HATCH = '#f7f7f7 linear-gradient(135deg,#e2e2e2 25%,transparent 25%,transparent 50%,#e2e2e2 50%,#e2e2e2 75%,transparent 75%) 0 0/6px 6px';

/** The page's stylesheet: screen, phone (narrow) and print. */
export function pageStyle(): string {
  const bins = PALETTE.map((c, i) => `.q${i}{background:${hex(c)};color:${textOn(c)}}`).join('');
  return `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1200px;padding:24px 28px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Helvetica,Arial,sans-serif;color:#1d1d1f;background:#fff}
h1{font-size:26px;line-height:1.2;margin:0 0 4px;font-weight:650}
h2{font-size:18px;margin:36px 0 8px;font-weight:650}
h3{font-size:15px;margin:20px 0 6px}
p{margin:6px 0}
.meta{color:#4a4a4f;margin:0 0 16px}
.warnings{margin:0 0 16px;padding:8px 12px 8px 28px;border-left:4px solid #b35c00;background:#fff6ec;color:#5c3000;max-width:78ch}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:16px 0 8px;padding:0;list-style:none}
.kpis li{border:1px solid #e2e2e6;border-radius:8px;padding:10px 12px}
.kpis b{display:block;font-size:22px;font-weight:650;font-variant-numeric:tabular-nums}
.kpis span{color:#4a4a4f;font-size:12.5px}
section{position:relative}
.controls{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0}
fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
legend{float:left;font-weight:600;margin-right:10px;padding:0}
label{cursor:pointer;white-space:nowrap}
.legend{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;margin:6px 0 10px;font-size:12.5px;color:#333}
.legend[hidden]{display:none}
.legend svg text{font-size:10px;fill:#333}
.swatch{display:inline-block;width:22px;height:14px;border:1px solid #ccc;vertical-align:-2px;text-align:center;font-size:11px;line-height:12px;color:#555}
.swatch.x{background:${HATCH}}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
caption{text-align:left;color:#4a4a4f;font-size:12.5px;padding:2px 0 6px;caption-side:top}
table.heat{border-collapse:separate;border-spacing:1px;font-size:12px;background:#fff;table-layout:fixed}
.heat th,.heat td{padding:4px 5px;white-space:nowrap}
.heat tbody th{overflow:hidden;text-overflow:ellipsis}
.heat thead td,.heat caption{background:#fff}
.heat thead th{font-weight:600;color:#333;text-align:right;background:#fff;min-width:3.3em}
.heat thead th:first-child{text-align:left}
.heat thead .unit td{color:#4a4a4f;font-size:11.5px;padding:0 6px;text-align:left}
.heat tbody th,.heat tfoot th{text-align:left;font-weight:600;background:#fff;position:sticky;left:0;z-index:1}
.heat tfoot th{white-space:normal;line-height:1.15}
.heat td{text-align:right;min-width:3.3em}
.heat td.n{color:#333;background:#fff}
.heat tfoot th,.heat tfoot td{border-top:2px solid #1d1d1f}
.heat tfoot td{font-weight:600}
.heat td.x{background:${HATCH}}
.heat td.na{background:#fff;color:#555;text-align:center}
.heat td.p{background-image:linear-gradient(135deg,rgba(255,255,255,.4) 10%,transparent 10%,transparent 50%,rgba(255,255,255,.4) 50%,rgba(255,255,255,.4) 60%,transparent 60%);background-size:7px 7px}
.heat td:focus{outline:2px solid #000;box-shadow:inset 0 0 0 2px #fff;outline-offset:0}
${bins}
.note{color:#4a4a4f;font-size:12.5px;max-width:78ch}
.tip{position:absolute;z-index:5;background:#1d1d1f;color:#fff;padding:7px 9px;border-radius:6px;font-size:12.5px;line-height:1.4;pointer-events:none;max-width:320px;overflow-wrap:anywhere;box-shadow:0 2px 10px rgba(0,0,0,.25)}
.tip[hidden]{display:none}
figure.chart{margin:4px 0 8px}
figure.chart svg{width:100%;height:auto;max-width:820px;display:block}
svg .grid{stroke:#ececef}
svg .axis{stroke:#555}
svg .tickmark{stroke:#555}
svg .rule{stroke:#777;stroke-dasharray:3 3}
svg .tick{font-size:11px;fill:#444}
svg .label{font-size:12px;fill:#333}
svg .mark{font-size:11.5px;fill:#1d1d1f;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .band{fill-opacity:.16;stroke:none}
svg .drop{stroke-dasharray:2 3;stroke-width:1}
.keys{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:4px 0 0;padding:0;font-size:12.5px}
.key{display:inline-block;width:18px;height:3px;background:var(--c);vertical-align:middle;margin-right:6px}
.key.dash{background:repeating-linear-gradient(90deg,var(--c) 0 5px,transparent 5px 8px)}
.keynote{color:#4a4a4f}
.stat{background:#f5f5f7;border-radius:6px;padding:8px 12px;margin:8px 0;max-width:78ch}
details.data{margin:6px 0 0}
details.data summary{cursor:pointer;color:#1f4e8c;font-size:13px}
table.plain{font-size:12.5px;margin:4px 0}
.plain th,.plain td{padding:3px 10px;border-bottom:1px solid #e6e6ea;text-align:left}
.plain td.r{text-align:right}
.plain thead th{border-bottom:1px solid #999}
footer{margin-top:40px;color:#4a4a4f;font-size:12px;border-top:1px solid #e2e2e6;padding-top:10px}
a{color:#1f4e8c}
@media (max-width:640px){
body{padding:14px 12px 32px;font-size:13.5px}
h1{font-size:21px}
.heat th,.heat td{padding:3px 4px}
.heat td,.heat thead th{min-width:2.9em}
table.heat{font-size:11px}
}
@media print{
@page{margin:14mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:11px}
.controls,.tip,details.data summary{display:none}
.scroll{overflow:visible}
section{break-inside:avoid-page}
.heat thead th,.heat td{min-width:0}
table.heat{width:auto!important;table-layout:auto;font-size:8px}
.heat td.x,.swatch.x{background:#ececec}
.heat td.p{background-image:none;font-style:italic}
.heat th,.heat td{padding:1px 2px}
.kpis li{padding:4px 8px}
.kpis b{font-size:16px}
h2{margin-top:18px}
}
`.trim();
}
