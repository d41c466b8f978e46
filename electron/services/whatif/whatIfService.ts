import type { WhatIfDistributionDto, WhatIfDto } from '../../shared/contract.js';
import {
  countBandFromBins,
  figuresFromCounts,
  MIN_LABELLED_DEFECTS,
  WHATIF_BINS,
} from '../../shared/whatif.js';
import type { BandInput } from '../../shared/whatif.js';
import type { Db } from '../../../db/open.js';

/** Observed arrivals over the last week of captures (at least one hour, so a burst is not a rate). */
const ARRIVALS = `
  SELECT COUNT(*) AS n, MIN(captured_at) AS first, MAX(captured_at) AS last FROM items
  WHERE captured_at >= strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT MAX(captured_at) FROM items), '-7 days')
    AND status <> 'quarantined'`;

/** How long an arrival rate is reused: it moves slowly, and counting a week of items is not free. */
const RATE_TTL_MS = 30_000;

/**
 * What-if figures from the unbiased labels (DOMAIN.md), read from the `whatif_bins` table that
 * triggers keep current with every decision. Thresholds are on a 0.001 grid, so the figures
 * from the bins are exact.
 */
export class WhatIfService {
  private readonly allStmt;
  private readonly byClassStmt;
  private readonly arrivalsStmt;
  private rate: { value: number | null; at: number } | null = null;

  constructor(db: Db) {
    this.allStmt = db.prepare('SELECT bin, defect, SUM(n) AS n FROM whatif_bins GROUP BY bin, defect').raw();
    this.byClassStmt = db.prepare('SELECT bin, defect, n FROM whatif_bins WHERE defect_class = ?').raw();
    this.arrivalsStmt = db.prepare(ARRIVALS);
  }

  itemsPerHour(now = Date.now()): number | null {
    if (this.rate && now - this.rate.at < RATE_TTL_MS) return this.rate.value;
    const a = this.arrivalsStmt.get() as { n: number; first: string | null; last: string | null };
    const value =
      a.n && a.first && a.last
        ? a.n / Math.max(1, (Date.parse(a.last) - Date.parse(a.first)) / 3_600_000)
        : null;
    this.rate = { value, at: now };
    return value;
  }

  distribution(defectClass: string | null): WhatIfDistributionDto {
    const rows = (defectClass === null ? this.allStmt.all() : this.byClassStmt.all(defectClass)) as Array<
      [number, number, number]
    >;
    const defectCounts = new Array<number>(WHATIF_BINS).fill(0);
    const okCounts = new Array<number>(WHATIF_BINS).fill(0);
    for (const [bin, defect, n] of rows) (defect ? defectCounts : okCounts)[bin] = n;
    return {
      bins: WHATIF_BINS,
      defectCounts,
      okCounts,
      itemsPerHour: this.itemsPerHour(),
      minimumDefects: MIN_LABELLED_DEFECTS,
    };
  }

  compute(band: BandInput, defectClass: string | null): WhatIfDto {
    const d = this.distribution(defectClass);
    const figures = figuresFromCounts(countBandFromBins(d.defectCounts, d.okCounts, band), d.itemsPerHour);
    return { band, defectClass, ...figures };
  }
}
