import type { WhatIfDistributionDto, WhatIfDto } from '../../shared/contract.js';
import { binOf, countBand, figuresFromCounts, MIN_LABELLED_DEFECTS, WHATIF_BINS } from '../../shared/whatif.js';
import type { BandInput } from '../../shared/whatif.js';
import type { Db } from '../../../db/open.js';

/**
 * Unbiased labels: human (or imported history) calls made without a visible suggestion — shadow
 * reads at human_only, blind first reads, audit samples, second reads — each beside the
 * champion's probability for the item (DOMAIN.md).
 */
const UNBIASED_LABELS = `
  SELECT p.defect_probability AS p, d.label = 'defect' AS defect
  FROM decisions d JOIN predictions p ON p.id = d.prediction_id
  WHERE d.kind = 'decision' AND d.source IN ('human', 'history') AND d.suggestion_visible = 0
    AND NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = d.id)`;

/** Observed arrivals over the last week of captures (at least one hour, so a burst is not a rate). */
const ARRIVALS = `
  SELECT COUNT(*) AS n, MIN(captured_at) AS first, MAX(captured_at) AS last FROM items
  WHERE status <> 'quarantined'
    AND captured_at >= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MAX(captured_at) FROM items WHERE status <> 'quarantined'), '-7 days')`;

export class WhatIfService {
  private readonly allStmt;
  private readonly byClassStmt;
  private readonly arrivalsStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare(UNBIASED_LABELS).raw();
    this.byClassStmt = db.prepare(`${UNBIASED_LABELS} AND p.top_defect_class = ?`).raw();
    this.arrivalsStmt = db.prepare(ARRIVALS);
  }

  private labels(defectClass: string | null): { p: Float64Array; defect: Uint8Array } {
    const rows = (defectClass === null ? this.allStmt.all() : this.byClassStmt.all(defectClass)) as Array<[number, number]>;
    const p = new Float64Array(rows.length);
    const defect = new Uint8Array(rows.length);
    rows.forEach((row, i) => {
      p[i] = row[0];
      defect[i] = row[1];
    });
    return { p, defect };
  }

  itemsPerHour(): number | null {
    const a = this.arrivalsStmt.get() as { n: number; first: string | null; last: string | null };
    if (!a.n || !a.first || !a.last) return null;
    const hours = Math.max(1, (Date.parse(a.last) - Date.parse(a.first)) / 3_600_000);
    return a.n / hours;
  }

  compute(band: BandInput, defectClass: string | null): WhatIfDto {
    const { p, defect } = this.labels(defectClass);
    const figures = figuresFromCounts(countBand(p, defect, band), this.itemsPerHour());
    return { band, defectClass, ...figures };
  }

  distribution(defectClass: string | null): WhatIfDistributionDto {
    const { p, defect } = this.labels(defectClass);
    const defectCounts = new Array<number>(WHATIF_BINS).fill(0);
    const okCounts = new Array<number>(WHATIF_BINS).fill(0);
    for (let i = 0; i < p.length; i++) {
      const b = binOf(p[i]!);
      if (defect[i]) defectCounts[b]!++;
      else okCounts[b]!++;
    }
    return { bins: WHATIF_BINS, defectCounts, okCounts, itemsPerHour: this.itemsPerHour(), minimumDefects: MIN_LABELLED_DEFECTS };
  }
}
