import { heatRows } from './heat-rows.js';

/**
 * The page's script (plain ES2017, no libraries): tooltips on hover and keyboard focus,
 * arrow-key moves between heatmap cells (one tab stop), the value/count and measure
 * switches (re-rendering with heatRows, inlined), and data tables opened for print.
 * Everything it needs is in the page's JSON data element; it fetches nothing.
 */
export function pageScript(): string {
  return `(function () {
'use strict';
var heatRows = (${heatRows.toString()});
var dataEl = document.getElementById('kohort-data');
var D = dataEl ? JSON.parse(dataEl.textContent) : {};
var opened = [];
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; opened.push(d); });
});
window.addEventListener('afterprint', function () { opened.forEach(function (d) { d.open = false; }); opened = []; });
var H = D.heat;
if (!H) return;
var table = document.getElementById('heat');
var tip = document.getElementById('heat-tip');
var section = document.getElementById('heatmap');
var state = { view: 0, show: 'value' };
var roving = null;
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
function count(x) { return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
function fmt(v, x) { return x === null ? '–' : v.kind === 'share' ? x.toFixed(v.digits) + '%' : x.toFixed(v.digits).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
function fmtBound(v, x) { return v.kind === 'share' ? (x * 100).toFixed(1) + '%' : x.toFixed(2); }
function isCell(td) { return td && td.tagName === 'TD' && !td.classList.contains('n') && !td.classList.contains('f') && table.contains(td) && td.parentNode.parentNode.tagName !== 'THEAD'; }
function setRoving(td, focus) {
  if (!td) return;
  if (roving && roving !== td) roving.removeAttribute('tabindex');
  roving = td;
  td.tabIndex = 0;
  if (focus) td.focus();
}
function firstCell() { return table.querySelector('tbody td:not(.n):not(.f)') || table.querySelector('tfoot td:not(.n):not(.f)'); }
function draw() {
  var v = H.views[state.view];
  var html = heatRows(v, state.show);
  var pos = roving && roving.isConnected ? [roving.parentNode.parentNode.tagName, roving.parentNode.sectionRowIndex, roving.cellIndex] : null;
  var hadFocus = roving && document.activeElement === roving;
  table.tBodies[0].innerHTML = html[0];
  table.tFoot.innerHTML = html[1];
  table.caption.textContent = H.captions[state.view];
  document.querySelectorAll('#heatmap .legend').forEach(function (l) { l.hidden = l.getAttribute('data-view') !== String(state.view); });
  roving = null;
  var td = null;
  if (pos) {
    var sec = pos[0] === 'TFOOT' ? table.tFoot : table.tBodies[0];
    var tr = sec.rows[pos[1]];
    if (tr) td = tr.cells[Math.min(pos[2], tr.cells.length - 1)];
  }
  setRoving(isCell(td) ? td : firstCell(), hadFocus);
  hideTip();
}
function tipHTML(td) {
  var v = H.views[state.view];
  var k = td.cellIndex - 2;
  var tr = td.parentNode;
  var unit = H.unit;
  if (tr.parentNode.tagName === 'TFOOT') {
    var a = v.avg;
    if (!(a.k[k] > 0)) {
      var n = v.rows.filter(function (r) { return k < r.c.length && r.c[k] >= 0 && (!r.inc || r.inc.indexOf(k) < 0); }).length;
      return '<b>Weighted average</b> · ' + unit + ' ' + k + '<br>' + (n > 0 && v.mode.indexOf('revenue') >= 0
        ? n + ' complete cohort' + (n === 1 ? '' : 's') + ', none with revenue above 0 at ' + unit + ' 0: no base for ' + esc(v.name.toLowerCase())
        : 'No complete cohort yet');
    }
    return '<b>Weighted average</b> · ' + unit + ' ' + k + '<br>' + esc(v.name) + ': ' + fmt(v, a.v[k]) +
      '<br>' + count(a.c[k]) + ' of ' + count(a.n[k]) + ' customers, ' + a.k[k] + ' complete cohort' + (a.k[k] === 1 ? '' : 's');
  }
  var row = v.rows[tr.sectionRowIndex];
  if (!row) return '';
  var per = row.base !== null && H.periods ? H.periods.labels[row.base + k - H.periods.first] : null;
  var out = '<b>' + esc(row.label) + '</b> · ' + unit + ' ' + k + (per ? ' (' + esc(per) + ')' : '');
  if (k >= row.c.length || row.c[k] < 0) return out + '<br>Not yet observed: this ' + unit + ' had not ended by the as-of date';
  out += '<br>' + esc(v.name) + ': ' + fmt(v, row.v[k]);
  var who = v.kind === 'share' && v.mode.indexOf('revenue') < 0 ? 'customers' : 'customers with revenue';
  if (row.e) out += '<br>' + count(row.c[k]) + ' of ' + count(row.e[k]) + ' eligible ' + who.split(' ')[0] + ' (cohort of ' + count(row.size) + ')';
  else out += '<br>' + count(row.c[k]) + ' ' + who + ' of ' + count(row.size);
  if (row.lo && row.lo[k] !== null && row.hi[k] !== null) out += '<br>Interval: ' + fmtBound(v, row.lo[k]) + ' – ' + fmtBound(v, row.hi[k]);
  if (row.inc && row.inc.indexOf(k) >= 0) out += '<br><i>Incomplete: this ' + unit + ' had not ended by the as-of date</i>';
  return out;
}
function showTip(td) {
  var html = tipHTML(td);
  if (!html) return hideTip();
  tip.innerHTML = html;
  tip.hidden = false;
  td.setAttribute('aria-describedby', 'heat-tip');
  var s = section.getBoundingClientRect();
  var r = td.getBoundingClientRect();
  var left = r.left - s.left + r.width / 2 - tip.offsetWidth / 2;
  left = Math.max(0, Math.min(left, section.clientWidth - tip.offsetWidth));
  var top = r.bottom - s.top + 6;
  if (r.bottom + tip.offsetHeight + 10 > window.innerHeight && r.top - tip.offsetHeight - 6 > 0) top = r.top - s.top - tip.offsetHeight - 6;
  tip.style.left = left + 'px';
  tip.style.top = top + 'px';
}
function hideTip() {
  tip.hidden = true;
  var d = table.querySelector('[aria-describedby]');
  if (d) d.removeAttribute('aria-describedby');
}
function move(td, key) {
  var tr = td.parentNode;
  var cells = tr.cells;
  var i = td.cellIndex;
  var target = null;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows).concat(Array.prototype.slice.call(table.tFoot.rows));
  var r = rows.indexOf(tr);
  if (key === 'ArrowRight') target = cells[i + 1];
  else if (key === 'ArrowLeft') target = i > 2 ? cells[i - 1] : null;
  else if (key === 'Home') target = cells[2];
  else if (key === 'End') target = cells[cells.length - 1].classList.contains('f') ? cells[cells.length - 2] : cells[cells.length - 1];
  else if (key === 'ArrowDown' || key === 'ArrowUp') {
    var next = rows[r + (key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      var last = next.cells.length - 1;
      if (next.cells[last].classList.contains('f')) last--;
      target = next.cells[Math.min(i, last)];
    }
  }
  if (isCell(target)) setRoving(target, true);
}
table.addEventListener('keydown', function (e) {
  if (!isCell(e.target)) return;
  if (e.key === 'Escape') { hideTip(); return; }
  if (['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End'].indexOf(e.key) < 0) return;
  e.preventDefault();
  move(e.target, e.key);
});
table.addEventListener('focusin', function (e) { if (isCell(e.target)) { setRoving(e.target, false); showTip(e.target); } });
table.addEventListener('focusout', hideTip);
table.addEventListener('mouseover', function (e) { var td = e.target.closest ? e.target.closest('td') : null; if (isCell(td)) showTip(td); });
table.addEventListener('mouseleave', hideTip);
table.addEventListener('click', function (e) { var td = e.target.closest ? e.target.closest('td') : null; if (isCell(td)) setRoving(td, true); });
document.querySelectorAll('input[name="heat-show"],input[name="heat-view"]').forEach(function (input) {
  input.addEventListener('change', function () {
    if (input.name === 'heat-show') state.show = input.value; else state.view = Number(input.value);
    draw();
  });
});
if (table.getAttribute('data-rendered') !== '1') draw(); else setRoving(firstCell(), false);
})();`;
}
