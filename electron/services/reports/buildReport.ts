import type { AgreementReport } from '../../shared/report.js';
import { proportion } from '../../shared/proportion.js';
import type { Db } from '../../../db/open.js';
import { perClassFigures } from '../analytics/agreement.js';
import { SHADOW_DECISION_THRESHOLD } from '../../shared/schemas.js';
import { emptyConfusion } from '../analytics/confusion.js';
import { block, confusionOf, isAssisted, isUnbiased, slicesBy, toReportProportion } from './aggregate.js';
import { loadCells } from './cells.js';
import type { Cell } from './cells.js';
import { countDecisionRows } from './decisionRows.js';
import type { ReportFilters } from './decisionRows.js';
import { followedWhenWrong, humanHumanConfusion, medianTimeToDecide } from './pairings.js';

export type ReportRequest = ReportFilters & {
  generatedBy: string;
  /** The CSV's row count when an export just wrote it; otherwise counted with the same filters. */
  rowCount?: number;
  csvSha256?: string | null;
  auditHead?: string | null;
};

/** A rubber stamp almost never overrides the suggestion, and follows it even when it is wrong. */
const RUBBER_STAMP = { minAssisted: 50, maxOverrideRate: 0.02, minWrongFollowedRate: 0.8, minWrong: 5 };

function classOf(label: string, cls: string): string {
  return label === 'ok' ? 'ok' : cls || 'unspecified';
}

/** The agreement report for a period and filters, from the decision cube (see 0004). */
export function buildReport(db: Db, req: ReportRequest): AgreementReport {
  const models = new Map(
    (
      db.prepare('SELECT id, model_id, version, sha256 FROM model_versions').all() as Array<{
        id: number;
        model_id: string;
        version: string;
        sha256: string;
      }>
    ).map((m) => [m.id, m]),
  );
  const modelName = (id: number): string =>
    models.get(id) ? `${models.get(id)!.model_id}@${models.get(id)!.version}` : 'none';
  const cells = loadCells(db, req.from, req.to).filter(
    (c) =>
      (!req.inspector || c.inspector === req.inspector) &&
      (!req.source || c.source === req.source) &&
      (!req.automationLevel || c.automation_level === req.automationLevel) &&
      (!req.modelVersion || modelName(c.model_version_id) === req.modelVersion),
  );
  const unbiased = cells.filter(isUnbiased);
  const assisted = cells.filter(isAssisted);

  const labels = [
    'ok',
    ...new Set(
      unbiased
        .flatMap((c) => [classOf(c.human_label, c.human_class), classOf(c.model_label, c.model_class)])
        .filter((l) => l !== 'ok'),
    ),
  ].sort((a, b) => (a === 'ok' ? -1 : b === 'ok' ? 1 : a.localeCompare(b)));
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const c of unbiased)
    matrix[index.get(classOf(c.human_label, c.human_class))!]![
      index.get(classOf(c.model_label, c.model_class))!
    ]! += c.n;

  const filters: ReportFilters = {
    from: req.from,
    to: req.to,
    inspector: req.inspector ?? null,
    source: req.source ?? null,
    automationLevel: req.automationLevel ?? null,
    modelVersion: req.modelVersion ?? null,
  };
  const follows = followedWhenWrong(db, filters);
  const medians = medianTimeToDecide(db, filters);
  const inspectors = [
    ...new Set(cells.filter((c) => c.source === 'human' || c.source === 'history').map((c) => c.inspector)),
  ].sort();
  // The inspector slice rows double as the per-inspector agreement, so they are computed once.
  const inspectorSlices = slicesBy(unbiased, (c) => c.inspector);
  const sliceOf = new Map(inspectorSlices.map((r) => [r.key, r]));
  const noLabels = block(emptyConfusion());
  const helpedBy = new Map<string, { n: number; overrides: number }>();
  for (const c of assisted) {
    let h = helpedBy.get(c.inspector);
    if (!h) helpedBy.set(c.inspector, (h = { n: 0, overrides: 0 }));
    h.n += c.n;
    if (c.human_label !== c.model_label) h.overrides += c.n;
  }
  const perInspector = inspectors.map((inspector) => {
    const { n: assistedN, overrides } = helpedBy.get(inspector) ?? { n: 0, overrides: 0 };
    const wrong = follows.get(inspector) ?? { followed: 0, n: 0 };
    const b = sliceOf.get(inspector) ?? noLabels;
    const overrideRate = proportion(overrides, assistedN);
    const followedRate = proportion(wrong.followed, wrong.n);
    return {
      inspector,
      n: b.n,
      agreement: b.agreement,
      cohen_kappa: b.cohen_kappa,
      assisted_n: assistedN,
      override_rate: toReportProportion(overrideRate),
      followed_when_wrong: toReportProportion(followedRate),
      median_time_to_decide_ms: medians.get(inspector) ?? null,
      rubber_stamp:
        assistedN >= RUBBER_STAMP.minAssisted &&
        (overrideRate.value ?? 1) <= RUBBER_STAMP.maxOverrideRate &&
        wrong.n >= RUBBER_STAMP.minWrong &&
        (followedRate.value ?? 0) >= RUBBER_STAMP.minWrongFollowedRate,
    };
  });

  // Reliability bins in one pass over the unbiased cells (bucket = floor(10·p), 0–9).
  const bins = Array.from({ length: 10 }, () => ({ n: 0, defects: 0, pSum: 0 }));
  for (const c of unbiased) {
    const bin = bins[c.bucket];
    if (!bin) continue;
    bin.n += c.n;
    if (c.human_label === 'defect') bin.defects += c.n;
    bin.pSum += c.p_sum;
  }
  const calibration = bins.map(({ n, defects, pSum }, b) => ({
    lower: b / 10,
    upper: (b + 1) / 10,
    n,
    mean_probability: n ? pSum / n : null,
    defect_rate: n ? defects / n : null,
  }));

  const usedModels = [...new Set(cells.map((c) => c.model_version_id))]
    .filter((id) => models.has(id))
    .map((id) => models.get(id)!);
  const policies = db
    .prepare(
      'SELECT version, level, created_at, created_by, reason FROM policies WHERE (@to IS NULL OR created_at < @to) ORDER BY station, version',
    )
    .all({ to: req.to }) as AgreementReport['policy_versions'];
  const hh = humanHumanConfusion(db, filters);

  return {
    report: 'loupe-agreement',
    version: 1,
    generated_at: new Date().toISOString(),
    generated_by: req.generatedBy,
    period: { from: req.from, to: req.to },
    filters: {
      inspector: req.inspector ?? null,
      source: req.source ?? null,
      automation_level: req.automationLevel ?? null,
      model_version: req.modelVersion ?? null,
    },
    // Every decision row the filters select, corrections and retractions included: the CSV's rows.
    row_count: req.rowCount ?? countDecisionRows(db, filters),
    csv_sha256: req.csvSha256 ?? null,
    model_threshold: SHADOW_DECISION_THRESHOLD,
    model_versions: usedModels.map((m) => ({ id: m.model_id, version: m.version, sha256: m.sha256 })),
    policy_versions: policies,
    audit_head: req.auditHead ?? null,
    overall: block(confusionOf(unbiased)),
    assisted: block(confusionOf(assisted)),
    human_human: hh.tp + hh.fp + hh.fn + hh.tn > 0 ? block(hh) : null,
    per_class: perClassFigures(labels, matrix).map((f) => ({
      label: f.label,
      support: f.support,
      precision: toReportProportion(f.precision),
      recall: toReportProportion(f.recall),
      specificity: toReportProportion(f.specificity),
      f1: f.f1,
    })),
    class_confusion: { labels, matrix },
    per_inspector: perInspector,
    over_time: slicesBy(unbiased, (c) => c.day),
    calibration,
    slices: {
      model_version: slicesBy(unbiased, (c) => modelName(c.model_version_id)),
      inspector: inspectorSlices,
      station: slicesBy(unbiased, (c) => c.station),
      automation_level: slicesBy(unbiased, (c) => c.automation_level),
      source: slicesBy(unbiased, (c) => c.source),
      confidence_bucket: slicesBy(
        unbiased,
        (c) => `${(c.bucket / 10).toFixed(1)}–${((c.bucket + 1) / 10).toFixed(1)}`,
      ),
      defect_class: slicesBy(unbiased, (c: Cell) => classOf(c.human_label, c.human_class)),
    },
  };
}
