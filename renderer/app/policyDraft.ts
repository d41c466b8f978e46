import { channels, policySettingsSchema } from '../../electron/shared/contract';
import type { Band, PolicySettings } from '../../electron/shared/contract';

// The policy rules the server applies, re-exported for the supervisor's form.
export { bandFor, settingsOf, withBand } from '../../electron/shared/policy';

/** The server's own rule for a reason, so the form refuses exactly what policy:set would. */
export const reasonSchema = channels['policy:set'].input.shape.reason;

/** Thresholds move in steps of 0.001: the what-if distribution's resolution (WHATIF_BINS). */
const THRESHOLD_DECIMALS = 1000;

export function hasOwnBand(settings: PolicySettings, target: string | null): boolean {
  return target !== null && settings.classBands[target] !== undefined;
}

export function withoutClassBand(settings: PolicySettings, target: string): PolicySettings {
  const { [target]: _dropped, ...rest } = settings.classBands;
  return { ...settings, classBands: rest };
}

export function roundThreshold(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(1, Math.max(0, value)) * THRESHOLD_DECIMALS) / THRESHOLD_DECIMALS;
}

/** Moves one edge; the other follows when they would cross, so the band stays valid (t_ok ≤ t_defect). */
export function setBandEdge(band: Band, edge: keyof Band, value: number): Band {
  const v = roundThreshold(value);
  if (edge === 't_ok') return { t_ok: v, t_defect: Math.max(v, band.t_defect) };
  return { t_ok: Math.min(v, band.t_ok), t_defect: v };
}

export function toPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

export function fromPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(1, Math.max(0, percent / 100));
}

/** First problem with the draft in words, or null when policy:set would accept it. */
export function draftProblem(settings: PolicySettings): string | null {
  const parsed = policySettingsSchema.safeParse(settings);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return 'the settings are not valid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

export function sameSettings(a: PolicySettings, b: PolicySettings): boolean {
  const sortKeys = (s: PolicySettings) => ({
    ...s,
    classBands: Object.fromEntries(Object.entries(s.classBands).sort(([x], [y]) => x.localeCompare(y))),
  });
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
