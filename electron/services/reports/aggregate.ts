import type { AgreementBlock, ReportProportion, SliceRow } from '../../shared/report.js';
import type { Proportion } from '../../shared/proportion.js';
import { binaryAgreement } from '../analytics/agreement.js';
import { emptyConfusion, tally } from '../analytics/confusion.js';
import type { BinaryConfusion } from '../analytics/confusion.js';
import type { Cell } from './cells.js';

/** Model vs human on labels made without a visible suggestion (DOMAIN.md "unbiased labels"). */
export const isUnbiased = (c: Cell): boolean =>
  (c.source === 'human' || c.source === 'history') && c.suggestion_visible === 0 && c.model_label !== '';
export const isAssisted = (c: Cell): boolean =>
  c.source === 'human' && c.suggestion_visible === 1 && c.model_label !== '';

/** Adds a cell to a binary confusion: human is the reference, the model the prediction. */
const addCell = (c: BinaryConfusion, cell: Cell): void =>
  tally(c, cell.human_label === 'defect', cell.model_label === 'defect', cell.n);

export function confusionOf(cells: Iterable<Cell>): BinaryConfusion {
  const c = emptyConfusion();
  for (const cell of cells) addCell(c, cell);
  return c;
}

export const toReportProportion = (p: Proportion): ReportProportion => ({
  value: p.value,
  x: p.x,
  n: p.n,
  ci95: p.wilson95,
});

export function block(c: BinaryConfusion): AgreementBlock {
  const f = binaryAgreement(c);
  return {
    n: f.n,
    agreement: f.agreement.value,
    agreement_ci95: f.agreement.wilson95,
    cohen_kappa: f.cohenKappa.value,
    cohen_kappa_ci95: f.cohenKappa.ci95,
    gwet_ac1: f.gwetAc1.value,
    gwet_ac1_ci95: f.gwetAc1.ci95,
    pabak: f.pabak.value,
    pabak_ci95: f.pabak.ci95,
    confusion: { ...c },
    escape_rate: toReportProportion(f.escapeRate),
    false_reject_rate: toReportProportion(f.falseRejectRate),
  };
}

/** Binary confusions per key over the given cells, in one pass. */
export function confusionsBy(cells: Iterable<Cell>, key: (c: Cell) => string): Map<string, BinaryConfusion> {
  const groups = new Map<string, BinaryConfusion>();
  for (const cell of cells) {
    const k = key(cell);
    let c = groups.get(k);
    if (!c) groups.set(k, (c = emptyConfusion()));
    addCell(c, cell);
  }
  return groups;
}

/** One slice row per key, sorted by key, over the given cells. */
export function slicesBy(cells: readonly Cell[], key: (c: Cell) => string): SliceRow[] {
  return [...confusionsBy(cells, key).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, c]) => ({ key: k, ...block(c) }));
}
