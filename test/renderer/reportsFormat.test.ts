import { describe, expect, it } from 'vitest';
import { wilson } from '../../electron/shared/proportion';
import { linePath } from '../../renderer/lib/chartFrame';
import type { Frame } from '../../renderer/lib/chartFrame';
import { calibrationPoints, overTimeSeries, pointRadius } from '../../renderer/features/reports/reportCharts';
import {
  formatCoefficientInterval,
  formatDuration,
  formatFilters,
  formatKappa,
  formatPercent,
  formatPercentInterval,
  formatPeriod,
  formatProportion,
  shortHash,
} from '../../renderer/features/reports/reportFormat';
import {
  filterOptions,
  parseDay,
  periodProblem,
  periodRange,
  resolvePeriod,
} from '../../renderer/features/reports/reportRequest';
import { agreementBlock, reportFixture } from './fakeApi';

/** A 100×100 plot with no margins: plot coordinates times 100, y flipped. */
const UNIT: Frame = { width: 100, height: 100, left: 0, right: 0, top: 0, bottom: 0 };

describe('report formatting', () => {
  it('shows κ as "undefined" when it is null, and 0 as 0', () => {
    expect(formatKappa(null)).toBe('undefined');
    expect(formatKappa(0)).toBe('0.00');
    expect(formatKappa(-0.05)).toBe('−0.05');
    expect(formatKappa(agreementBlock({ tp: 0, fp: 0, fn: 0, tn: 500 }).cohen_kappa)).toBe('undefined');
  });

  it('writes percentage intervals with a dash and coefficient intervals with "to" (bounds may be negative)', () => {
    expect(formatPercentInterval([0.961, 0.982])).toBe('95 % CI 96.1–98.2 %');
    expect(formatPercentInterval([0.004, 0.0123])).toBe('95 % CI 0.40–1.23 %');
    expect(formatPercentInterval([0, 0.0368])).toBe('95 % CI 0.0–3.68 %');
    expect(formatPercentInterval(null)).toBe('no interval');
    expect(formatCoefficientInterval([-0.05, 0.12])).toBe('95 % CI −0.05 to 0.12');
    expect(formatCoefficientInterval(null)).toBe('no interval');
  });

  it('puts value, Wilson interval and counts in one line for a rate', () => {
    const [lo, hi] = wilson(4, 44)!;
    expect(formatProportion({ value: 4 / 44, x: 4, n: 44, ci95: [lo, hi] })).toBe(
      `9.09 % (95 % CI ${(lo * 100).toFixed(2)}–${(hi * 100).toFixed(1)} %; 4 of n = 44)`,
    );
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(0.99)).toBe('99.0 %');
  });

  it('formats durations, hashes, periods and filters', () => {
    expect(formatDuration(640)).toBe('640 ms');
    expect(formatDuration(1800)).toBe('1.8 s');
    expect(formatDuration(65_400)).toBe('1 min 05 s');
    expect(formatDuration(null)).toBe('—');
    expect(shortHash('9f86d081884c7d659a2feaa0c55ad015')).toBe('9f86d081884c…');
    expect(shortHash('abc')).toBe('abc');
    expect(formatPeriod({ from: null, to: null })).toBe('all decisions');
    expect(formatPeriod({ from: '2025-03-01T00:00:00.000Z', to: null })).toBe(
      '2025-03-01T00:00:00.000Z to now (end excluded)',
    );
    expect(formatFilters({ inspector: 'Ana', model_version: null })).toBe(
      'inspector Ana · model version any',
    );
  });
});

describe('report charts', () => {
  it('plots calibration bins that have labels at (mean probability, observed defect rate)', () => {
    const points = calibrationPoints(reportFixture().calibration);
    expect(points.map((p) => [p.lower, Number(p.x.toFixed(6)), p.y, p.n])).toEqual([
      [0, 0.05, 0.004, 900],
      [0.1, 0.15, 0.05, 40],
      [0.4, 0.45, 0.4, 10],
      [0.8, 0.85, 0.8, 20],
      [0.9, 0.95, 0.9, 30],
    ]);
    expect(pointRadius(900, 900)).toBe(6);
    expect(pointRadius(225, 900)).toBe(4);
    expect(pointRadius(0, 0)).toBe(2);
  });

  it('places days by date, breaks the κ line where κ is undefined, and lowers the axis for negative κ', () => {
    const rows = [
      { ...agreementBlock({ tp: 1, fp: 0, fn: 0, tn: 9 }), key: '2025-03-05' },
      { ...agreementBlock({ tp: 0, fp: 0, fn: 0, tn: 10 }), key: '2025-03-02' },
      { ...agreementBlock({ tp: 1, fp: 0, fn: 0, tn: 9 }), key: '2025-03-01' },
    ];
    const series = overTimeSeries(rows);
    expect(series.points.map((p) => [p.day, p.x, p.n])).toEqual([
      ['2025-03-01', 0, 10],
      ['2025-03-02', 0.25, 10],
      ['2025-03-05', 1, 10],
    ]);
    expect(series.yMin).toBe(0);
    expect(series.kappaLine.map((p) => p.y)).toEqual([1, null, 1]);
    expect(linePath(series.kappaLine, UNIT)).toBe('M0.0,0.0 M100.0,0.0');
    expect(linePath(series.agreementLine, UNIT)).toBe('M0.0,0.0 L25.0,0.0 L100.0,0.0');

    // κ = −1/3 on one day (po 0.5, pe 0.625): the axis starts at −0.4 so the point stays inside the chart.
    const worse = overTimeSeries([{ ...agreementBlock({ tp: 0, fp: 1, fn: 1, tn: 2 }), key: '2025-03-01' }]);
    expect(worse.points[0]?.kappa).toBeCloseTo(-1 / 3);
    expect(worse.yMin).toBe(-0.4);
    expect(worse.points[0]?.x).toBe(0.5);
    expect(worse.kappaLine[0]?.y).toBeCloseTo((0.4 - 1 / 3) / 1.4);
  });
});

describe('report period and filter options', () => {
  it('turns inclusive UTC days into the service’s [from, to) instants', () => {
    expect(periodRange({ fromDay: '2024-02-28', toDay: '2024-02-28' })).toEqual({
      from: '2024-02-28T00:00:00.000Z',
      to: '2024-02-29T00:00:00.000Z',
    });
    expect(periodRange({ fromDay: null, toDay: '2024-12-31' })).toEqual({
      from: null,
      to: '2025-01-01T00:00:00.000Z',
    });
    const today = new Date('2025-01-03T00:10:00.000Z');
    expect(resolvePeriod({ preset: 'last7' }, today)).toEqual({ fromDay: '2024-12-28', toDay: '2025-01-03' });
    expect(resolvePeriod({ preset: 'custom', fromDay: '2025-01-01', toDay: null }, today)).toEqual({
      fromDay: '2025-01-01',
      toDay: null,
    });
    expect(periodProblem({ fromDay: '2025-01-02', toDay: '2025-01-01' })).not.toBeNull();
    expect(periodProblem({ fromDay: '2025-01-01', toDay: '2025-01-01' })).toBeNull();
    expect(parseDay('2025-01-31')).toBe('2025-01-31');
    expect(parseDay('')).toBeNull();
    expect(parseDay('31/01/2025')).toBeNull();
  });

  it('offers the values the report has, keeps the selected one, and leaves out what the service cannot filter on', () => {
    const report = reportFixture();
    expect(filterOptions(report, 'inspector', null)).toEqual(['Ana', 'Ben']);
    expect(filterOptions(report, 'inspector', 'Cleo')).toEqual(['Ana', 'Ben', 'Cleo']);
    expect(filterOptions(report, 'source', null)).toEqual(['history', 'human']);
    const odd = reportFixture({
      slices: {
        ...report.slices,
        automation_level: [
          { ...report.overall, key: 'legacy' },
          { ...report.overall, key: 'partial' },
        ],
      },
    });
    expect(filterOptions(odd, 'automationLevel', null)).toEqual(['partial']);
    expect(filterOptions(null, 'modelVersion', null)).toEqual([]);
  });
});
