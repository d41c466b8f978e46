import { describe, expect, it } from 'vitest';
import { bandFor, routeItem } from '../../../electron/services/routing/route.js';
import type { RoutingPolicy } from '../../../electron/services/routing/route.js';
import { samplingDraw } from '../../../electron/services/routing/sampling.js';

const policy = (over: Partial<RoutingPolicy> = {}): RoutingPolicy => ({
  level: 'partial',
  band: { t_ok: 0.2, t_defect: 0.8 },
  classBands: {},
  auditRate: 0,
  blindFirstReadShare: 0,
  doubleReviewShare: 0,
  samplingSeed: 'seed-1',
  ...over,
});
const item = (p: number, cls: string | null = 'crack', sha = 'a'.repeat(64)) => ({
  itemSha256: sha,
  defectProbability: p,
  topDefectClass: cls,
});
const sha = (i: number) => i.toString(16).padStart(64, '0');

describe('routeItem band edges (partial)', () => {
  it('auto-passes strictly below t_ok, auto-fails at or above t_defect, humans in between', () => {
    expect(routeItem(policy(), item(0.1999999))).toMatchObject({
      route: 'auto',
      label: 'ok',
      defectClass: null,
    });
    expect(routeItem(policy(), item(0.2))).toMatchObject({ route: 'human' });
    expect(routeItem(policy(), item(0.7999999))).toMatchObject({ route: 'human' });
    expect(routeItem(policy(), item(0.8))).toMatchObject({
      route: 'auto',
      label: 'defect',
      defectClass: 'crack',
    });
    expect(routeItem(policy(), item(1))).toMatchObject({ route: 'auto', label: 'defect' });
    expect(routeItem(policy(), item(0))).toMatchObject({ route: 'auto', label: 'ok' });
  });

  it('a zero-width band leaves no human band', () => {
    const p = policy({ band: { t_ok: 0.5, t_defect: 0.5 } });
    expect(routeItem(p, item(0.4999))).toMatchObject({ route: 'auto', label: 'ok' });
    expect(routeItem(p, item(0.5))).toMatchObject({ route: 'auto', label: 'defect' });
  });
});

describe('per-class bands', () => {
  const p = policy({ classBands: { crack: { t_ok: 0.05, t_defect: 0.5 } } });
  it('uses the band of the model’s most likely defect class, else the default', () => {
    expect(bandFor(p, 'crack')).toEqual({ t_ok: 0.05, t_defect: 0.5 });
    expect(bandFor(p, 'fray')).toEqual({ t_ok: 0.2, t_defect: 0.8 });
    expect(bandFor(p, null)).toEqual({ t_ok: 0.2, t_defect: 0.8 });
    expect(routeItem(p, item(0.1, 'crack'))).toMatchObject({ route: 'human' });
    expect(routeItem(p, item(0.1, 'fray'))).toMatchObject({ route: 'auto', label: 'ok' });
    expect(routeItem(p, item(0.6, 'crack'))).toMatchObject({
      route: 'auto',
      label: 'defect',
      defectClass: 'crack',
    });
    expect(routeItem(p, item(0.6, 'fray'))).toMatchObject({ route: 'human' });
  });
});

describe('levels', () => {
  it('human_only and ai_assist send every item to a human; full decides every item at t_defect', () => {
    for (const p of [0, 0.1, 0.5, 0.9, 1]) {
      expect(routeItem(policy({ level: 'human_only' }), item(p)).route).toBe('human');
      expect(routeItem(policy({ level: 'ai_assist' }), item(p)).route).toBe('human');
      expect(routeItem(policy({ level: 'full' }), item(p))).toMatchObject({
        route: 'auto',
        label: p >= 0.8 ? 'defect' : 'ok',
      });
    }
  });

  it('never gives a blind first read at human_only, where every read is blind already', () => {
    const r = routeItem(policy({ level: 'human_only', blindFirstReadShare: 1 }), item(0.5));
    expect(r).toMatchObject({ route: 'human', blindFirstRead: false });
    expect(routeItem(policy({ level: 'ai_assist', blindFirstReadShare: 1 }), item(0.5))).toMatchObject({
      blindFirstRead: true,
    });
  });
});

describe('sampling', () => {
  it('is deterministic per item and seed, and independent across purposes and seeds', () => {
    expect(samplingDraw('s', 'audit', sha(1))).toBe(samplingDraw('s', 'audit', sha(1)));
    expect(samplingDraw('s', 'audit', sha(1))).not.toBe(samplingDraw('s', 'double_review', sha(1)));
    expect(samplingDraw('s', 'audit', sha(1))).not.toBe(samplingDraw('t', 'audit', sha(1)));
    const p = policy({ level: 'full', auditRate: 0.3 });
    const first = Array.from({ length: 200 }, (_, i) => routeItem(p, item(0.1, null, sha(i))));
    const again = Array.from({ length: 200 }, (_, i) => routeItem(p, item(0.1, null, sha(i))));
    expect(again).toEqual(first);
  });

  it('hits the configured rate (binomial 99.9 % bounds over 20 000 items)', () => {
    const n = 20_000;
    for (const rate of [0.01, 0.05, 0.3]) {
      const p = policy({ level: 'full', auditRate: rate });
      let picked = 0;
      for (let i = 0; i < n; i++) {
        const r = routeItem(p, item(0.9, 'crack', sha(i)));
        if (r.route === 'auto' && r.audit) picked++;
      }
      const sd = Math.sqrt(n * rate * (1 - rate));
      expect(Math.abs(picked - n * rate)).toBeLessThan(3.3 * sd);
    }
    const none = policy({ level: 'full', auditRate: 0 });
    expect(
      Array.from({ length: 500 }, (_, i) => routeItem(none, item(0.9, null, sha(i)))).some(
        (r) => r.route === 'auto' && r.audit,
      ),
    ).toBe(false);
  });

  it('draws uniformly in [0, 1)', () => {
    const draws = Array.from({ length: 10_000 }, (_, i) => samplingDraw('u', 'audit', sha(i)));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    for (const d of draws) deciles[Math.floor(d * 10)]++;
    for (const count of deciles) expect(Math.abs(count - 1000)).toBeLessThan(3.3 * Math.sqrt(1000 * 0.9));
  });
});
