import { describe, expect, it } from 'vitest';
import { wilson } from '../../electron/shared/proportion';
import { countBandFromBins } from '../../electron/shared/whatif';
import { formatWilsonInterval as formatInterval } from '../../electron/shared/format';
import type { WhatIfDistributionDto, WhatIfDto } from '../../electron/shared/contract';
import { whatIfKey } from '../../renderer/app/whatIfSlice';
import { INSPECTOR_STORAGE_KEY } from '../../renderer/app/inspectorSlice';
import { createAppStore } from '../../renderer/app/store';
import {
  liveWhatIf,
  notEnoughMessage,
  whatIfCurves,
  whatIfView,
} from '../../renderer/features/supervisor/whatIfSelectors';
import { createFakeApi, settle } from './fakeApi';
import { memoryStorage } from './memoryStorage';

// Ten bins of 0.1; 40 human-defect and 100 human-ok labels, placed by hand.
const hand: WhatIfDistributionDto = {
  bins: 10,
  defectCounts: [0, 1, 0, 0, 0, 2, 3, 4, 10, 20],
  okCounts: [50, 30, 10, 5, 2, 1, 1, 0, 1, 0],
  itemsPerHour: 140,
  minimumDefects: 30,
};
const band = { t_ok: 0.2, t_defect: 0.8 };

describe('live what-if', () => {
  it('matches countBandFromBins and the DOMAIN formulas for a hand-made distribution', () => {
    expect(countBandFromBins(hand.defectCounts, hand.okCounts, band)).toEqual({
      n: 140,
      defects: 40,
      ok: 100,
      autoPass: 81,
      autoFail: 31,
      escapes: 1,
      falseRejects: 1,
    });
    const f = liveWhatIf(hand, band);
    expect(f.enough).toBe(true);
    expect(f.autoPass).toEqual({ value: 81 / 140, x: 81, n: 140, wilson95: wilson(81, 140) });
    expect(f.autoFail).toEqual({ value: 31 / 140, x: 31, n: 140, wilson95: wilson(31, 140) });
    expect(f.human).toEqual({ value: 28 / 140, x: 28, n: 140, wilson95: wilson(28, 140) });
    // Escape rate: human-defect items below t_ok over all human-defect items.
    expect(f.escapeRate).toEqual({ value: 1 / 40, x: 1, n: 40, wilson95: wilson(1, 40) });
    // False-reject rate: human-ok items at or above t_defect over all human-ok items.
    expect(f.falseRejectRate).toEqual({ value: 1 / 100, x: 1, n: 100, wilson95: wilson(1, 100) });
    expect(f.humanItemsPerHour).toBeCloseTo(28);
    expect(formatInterval(f.escapeRate)).toMatch(/^95 % CI 0\.\d+–\d+\.\d+ %$/);
  });

  it('says "not enough labelled items" below the minimum number of labelled defects', () => {
    const f = liveWhatIf({ ...hand, minimumDefects: 50 }, band);
    expect(f.enough).toBe(false);
    expect(notEnoughMessage(f)).toBe('not enough labelled items (40 defects of the 50 needed)');
  });

  it('draws the curves with the same bin-edge rule, so the current point lies on them', () => {
    const curves = whatIfCurves(hand, 10);
    const at = curves.pass.find((p) => p.threshold === 0.2)!;
    expect(at).toEqual({ threshold: 0.2, x: 81 / 140, y: 1 / 40 });
    const fail = curves.fail.find((p) => p.threshold === 0.8)!;
    expect(fail).toEqual({ threshold: 0.8, x: 31 / 140, y: 1 / 100 });
    expect(curves.pass[0]).toEqual({ threshold: 0, x: 0, y: 0 });
    expect(curves.pass.at(-1)).toEqual({ threshold: 1, x: 1, y: 1 });
  });

  it('shows exact figures only for exactly the band they were computed for', () => {
    const exactValue = { ...liveWhatIf(hand, band), band, defectClass: null } as WhatIfDto;
    const exact = { key: whatIfKey(band, null), value: exactValue };
    expect(whatIfView(hand, exact, band, null)?.source).toBe('exact');
    expect(whatIfView(hand, exact, { ...band, t_ok: 0.3 }, null)?.source).toBe('live');
    expect(whatIfView(hand, exact, band, 'crack')?.source).toBe('live');
    expect(whatIfView(null, { key: null, value: null }, band, null)).toBeNull();
  });
});

describe('what-if slice', () => {
  it('fetches the distribution once, refreshes it on db:changed while the screen is open, keeps only the latest exact answer', async () => {
    const api = createFakeApi();
    const store = createAppStore({
      api,
      storage: memoryStorage({ [INSPECTOR_STORAGE_KEY]: 'Ana' }),
      prefetchImage: () => {},
    });
    store.getState().connect();
    await settle();
    expect(api.callsTo('whatif:distribution')).toEqual([]);
    await store.getState().loadWhatIfDistribution(null);
    let release: () => void = () => {};
    const slowBand = { t_ok: 0.3, t_defect: 0.9 };
    api.handle('whatif:compute', ({ band: b }) => {
      const answer = { ok: true as const, value: { ...liveWhatIf(hand, b), band: b, defectClass: null } };
      return b.t_ok === 0.3 ? new Promise((resolve) => (release = () => resolve(answer))) : answer;
    });
    const slow = store.getState().computeExactWhatIf(slowBand, null);
    await store.getState().computeExactWhatIf(band, null);
    release();
    await slow;
    expect(store.getState().whatIf.exact.key).toBe(whatIfKey(band, null));

    // Closed screen: a decision's db:changed costs the review nothing extra.
    api.emit('db:changed', { tables: ['decisions'] });
    await settle();
    expect(api.callsTo('whatif:distribution')).toHaveLength(1);
    store.getState().openScreen('supervisor');
    api.emit('db:changed', { tables: ['decisions'] });
    await settle();
    expect(api.callsTo('whatif:distribution')).toEqual([{ defectClass: null }, { defectClass: null }]);
    expect(api.callsTo('whatif:compute').at(-1)).toEqual({ band, defectClass: null });
  });
});
