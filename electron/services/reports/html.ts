import {
  formatCoefficient,
  formatCoefficientInterval,
  formatCount,
  formatDuration,
  formatFraction,
  formatKappa,
  formatPercent,
  formatPercentInterval,
} from '../../shared/format.js';
import type { AgreementBlock, AgreementReport, ReportProportion, SliceRow } from '../../shared/report.js';

const esc = (v: string | number | null | undefined): string =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
// Figures go through the dashboard's formatters (electron/shared/format.ts), so the HTML/PDF
// export and the screen print the same digits; a missing interval is left out of a table cell.
const pctCi = (c: [number, number] | null): string =>
  c ? ` <small>${formatPercentInterval(c)}</small>` : '';
const coefCi = (c: [number, number] | null): string =>
  c ? ` <small>${formatCoefficientInterval(c)}</small>` : '';
const prop = (p: ReportProportion): string =>
  `${formatPercent(p.value)} <small>(${formatPercentInterval(p.ci95)}; ${formatFraction(p)})</small>`;
const count = (n: number): string => esc(formatCount(n));

function headline(title: string, b: AgreementBlock): string {
  return `<section><h3>${esc(title)} <small>n = ${count(b.n)}</small></h3><table>
<tr><th>Observed agreement</th><td>${formatPercent(b.agreement)}${pctCi(b.agreement_ci95)}</td></tr>
<tr><th>Cohen's κ</th><td>${formatKappa(b.cohen_kappa)}${coefCi(b.cohen_kappa_ci95)}</td></tr>
<tr><th>Gwet's AC1</th><td>${formatCoefficient(b.gwet_ac1)}${coefCi(b.gwet_ac1_ci95)}</td></tr>
<tr><th>PABAK</th><td>${formatCoefficient(b.pabak)}${coefCi(b.pabak_ci95)}</td></tr>
<tr><th>Escape rate (defects the model would pass)</th><td>${prop(b.escape_rate)}</td></tr>
<tr><th>False-reject rate (good items the model would fail)</th><td>${prop(b.false_reject_rate)}</td></tr>
<tr><th>Confusion (human × model)</th><td>tp ${count(b.confusion.tp)} · fp ${count(b.confusion.fp)} · fn ${count(b.confusion.fn)} · tn ${count(b.confusion.tn)}</td></tr>
</table></section>`;
}

function sliceTable(title: string, rows: SliceRow[]): string {
  if (!rows.length) return '';
  return `<h3>${esc(title)}</h3><table class="grid"><tr><th>${esc(title)}</th><th>n</th><th>agreement</th><th>κ</th><th>AC1</th><th>PABAK</th><th>escape rate</th><th>false-reject rate</th></tr>
${rows.map((r) => `<tr><td>${esc(r.key)}</td><td>${count(r.n)}</td><td>${formatPercent(r.agreement)}</td><td>${formatKappa(r.cohen_kappa)}</td><td>${formatCoefficient(r.gwet_ac1)}</td><td>${formatCoefficient(r.pabak)}</td><td>${prop(r.escape_rate)}</td><td>${prop(r.false_reject_rate)}</td></tr>`).join('\n')}</table>`;
}

function lineChart(rows: SliceRow[]): string {
  if (rows.length === 0) return '<p>No unbiased labels in the period.</p>';
  const W = 640;
  const H = 200;
  const x = (i: number): number =>
    40 + (rows.length === 1 ? (W - 60) / 2 : (i * (W - 60)) / (rows.length - 1));
  const y = (v: number): number => H - 30 - ((v + 1) / 2) * (H - 50);
  const path = (f: (r: SliceRow) => number | null): string =>
    rows
      .map((r, i) => ({ i, v: f(r) }))
      .filter((p) => p.v !== null)
      .map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.v!).toFixed(1)}`)
      .join(' ');
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="agreement and kappa by day">
<line x1="40" x2="${W - 20}" y1="${y(0)}" y2="${y(0)}" stroke="#bbb"/><line x1="40" x2="${W - 20}" y1="${y(1)}" y2="${y(1)}" stroke="#eee"/>
<text x="4" y="${y(1) + 4}" font-size="10">1</text><text x="4" y="${y(0) + 4}" font-size="10">0</text><text x="4" y="${y(-1) + 4}" font-size="10">−1</text>
<path d="${path((r) => r.agreement)}" fill="none" stroke="#1f6feb" stroke-width="2"/><path d="${path((r) => r.cohen_kappa)}" fill="none" stroke="#d29922" stroke-width="2"/>
<text x="${W - 200}" y="14" font-size="11" fill="#1f6feb">agreement</text><text x="${W - 120}" y="14" font-size="11" fill="#d29922">Cohen's κ</text>
<text x="40" y="${H - 8}" font-size="10">${esc(rows[0]!.key)}</text><text x="${W - 90}" y="${H - 8}" font-size="10">${esc(rows.at(-1)!.key)}</text></svg>`;
}

function calibrationChart(bins: AgreementReport['calibration']): string {
  const S = 240;
  const pts = bins.filter((b) => b.n > 0 && b.mean_probability !== null && b.defect_rate !== null);
  return `<svg viewBox="0 0 ${S + 40} ${S + 30}" width="${S + 40}" height="${S + 30}" role="img" aria-label="reliability diagram">
<rect x="30" y="0" width="${S}" height="${S}" fill="none" stroke="#bbb"/><line x1="30" y1="${S}" x2="${30 + S}" y2="0" stroke="#bbb" stroke-dasharray="4 3"/>
${pts.map((b) => `<circle cx="${(30 + b.mean_probability! * S).toFixed(1)}" cy="${(S - b.defect_rate! * S).toFixed(1)}" r="${Math.min(9, 2 + Math.log10(b.n + 1) * 2).toFixed(1)}" fill="#1f6feb"><title>${b.lower.toFixed(1)}–${b.upper.toFixed(1)}: n = ${count(b.n)}</title></circle>`).join('')}
<text x="30" y="${S + 14}" font-size="10">predicted 0</text><text x="${S - 20}" y="${S + 14}" font-size="10">1</text><text x="0" y="10" font-size="10">1</text></svg>`;
}

/** A self-contained HTML report (no scripts, no external resources) that prints to PDF as is. */
export function renderReportHtml(r: AgreementReport): string {
  const period = `${r.period.from ?? 'beginning'} – ${r.period.to ?? 'now'}`;
  const filters =
    Object.entries(r.filters)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ') || 'none';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Loupe agreement report ${esc(period)}</title>
<style>body{font:13px/1.45 system-ui,sans-serif;color:#111;margin:24px;max-width:980px}h1{font-size:20px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ccc}
h3{font-size:14px}table{border-collapse:collapse;margin:6px 0}th,td{padding:3px 8px;text-align:left;vertical-align:top}table.grid td,table.grid th{border:1px solid #ddd}
small{color:#555}.note{color:#444;max-width:760px}.cols{display:flex;gap:24px;flex-wrap:wrap}footer{margin-top:32px;font-size:11px;color:#333}
@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}</style></head><body>
<h1>Loupe agreement report</h1><p>Period ${esc(period)} · filters: ${esc(filters)}</p>
<p class="note">The model's call is Defect when its calibrated probability is at least ${r.model_threshold}. Human decisions are the reference. "Unbiased" labels were made without the model's suggestion visible (human-only reads, blind first reads, audit samples, second reads, imported history); assisted decisions are shown separately because a visible suggestion anchors them. At low defect rates Cohen's κ can be near zero while raters agree on almost every item (the kappa paradox), so Gwet's AC1 and PABAK are shown beside it, each with n.</p>
<h2>Agreement</h2><div class="cols">${headline('Model vs unbiased human labels', r.overall)}${r.human_human ? headline('Human vs human (double review)', r.human_human) : '<section><h3>Human vs human</h3><p>No double-reviewed items in the period.</p></section>'}${headline('Model vs assisted decisions (anchored)', r.assisted)}</div>
<h2>Agreement over time</h2>${lineChart(r.over_time)}
<h2>Per class</h2><table class="grid"><tr><th>class</th><th>support</th><th>precision</th><th>recall</th><th>specificity</th><th>F1</th></tr>
${r.per_class.map((c) => `<tr><td>${esc(c.label)}</td><td>${count(c.support)}</td><td>${prop(c.precision)}</td><td>${prop(c.recall)}</td><td>${prop(c.specificity)}</td><td>${formatCoefficient(c.f1)}</td></tr>`).join('\n')}</table>
<h3>Class confusion (rows: human, columns: model)</h3><table class="grid"><tr><th></th>${r.class_confusion.labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>
${r.class_confusion.matrix.map((row, i) => `<tr><th>${esc(r.class_confusion.labels[i])}</th>${row.map((v) => `<td>${count(v)}</td>`).join('')}</tr>`).join('\n')}</table>
<h2>Inspectors</h2><table class="grid"><tr><th>inspector</th><th>n (unbiased)</th><th>agreement</th><th>κ</th><th>assisted</th><th>overrides the suggestion</th><th>follows it when wrong</th><th>median time to decide</th><th>rubber stamp?</th></tr>
${r.per_inspector.map((p) => `<tr><td>${esc(p.inspector)}</td><td>${count(p.n)}</td><td>${formatPercent(p.agreement)}</td><td>${formatKappa(p.cohen_kappa)}</td><td>${count(p.assisted_n)}</td><td>${prop(p.override_rate)}</td><td>${prop(p.followed_when_wrong)}</td><td>${formatDuration(p.median_time_to_decide_ms)}</td><td>${p.rubber_stamp ? '<b>yes</b>' : 'no'}</td></tr>`).join('\n')}</table>
<h2>Calibration</h2>${calibrationChart(r.calibration)}
<h2>Slices</h2>${sliceTable('Model version', r.slices.model_version)}${sliceTable('Station', r.slices.station)}${sliceTable('Automation level', r.slices.automation_level)}${sliceTable('Source', r.slices.source)}${sliceTable('Confidence bucket', r.slices.confidence_bucket)}${sliceTable('Defect class (human)', r.slices.defect_class)}
<footer><h2>Provenance</h2><table>
<tr><th>Generated</th><td>${esc(r.generated_at)} by ${esc(r.generated_by)}</td></tr>
<tr><th>Period</th><td>${esc(period)}</td></tr><tr><th>Filters</th><td>${esc(filters)}</td></tr>
<tr><th>Decision rows</th><td>${count(r.row_count)} (corrections and undos included; metrics use the latest of each chain)</td></tr>
<tr><th>CSV export sha256</th><td><code>${esc(r.csv_sha256 ?? 'not exported')}</code></td></tr>
<tr><th>Model versions</th><td>${r.model_versions.map((m) => `${esc(m.id)}@${esc(m.version)} <code>${esc(m.sha256)}</code>`).join('<br>') || 'none'}</td></tr>
<tr><th>Policy versions</th><td>${r.policy_versions.map((p) => `v${p.version} ${esc(p.level)} — ${esc(p.created_at)} by ${esc(p.created_by)}: ${esc(p.reason)}`).join('<br>') || 'none'}</td></tr>
<tr><th>Audit trail head</th><td><code>${esc(r.audit_head ?? 'unknown')}</code></td></tr></table></footer></body></html>`;
}
