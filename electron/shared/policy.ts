/**
 * Policy rules shared by the router, the what-if, the supervisor's form and the CLI, so the
 * what-if screen predicts exactly what the router will do.
 */
import type { Band, PolicyDto, PolicySettings } from './schemas.js';

/** The settings part of a stored policy (what a change compares and the audit trail records). */
export function settingsOf(policy: PolicyDto): PolicySettings {
  const { level, band, classBands, auditRate, blindFirstReadShare, doubleReviewShare } = policy;
  return { level, band, classBands, auditRate, blindFirstReadShare, doubleReviewShare };
}

/** The band in force for a class: its own band if the policy sets one, else the default (null). */
export function bandFor(
  settings: Pick<PolicySettings, 'band' | 'classBands'>,
  defectClass: string | null,
): Band {
  return (defectClass === null ? undefined : settings.classBands[defectClass]) ?? settings.band;
}

/** The settings with one band replaced: the default band (null) or a class's. */
export function withBand(settings: PolicySettings, defectClass: string | null, band: Band): PolicySettings {
  if (defectClass === null) return { ...settings, band };
  return { ...settings, classBands: { ...settings.classBands, [defectClass]: band } };
}

/** DOMAIN.md: p < t_ok passes, p ≥ t_defect fails, anything between goes to a human. */
export function bandCall(p: number, band: Pick<Band, 't_ok' | 't_defect'>): 'ok' | 'defect' | 'human' {
  if (p < band.t_ok) return 'ok';
  if (p >= band.t_defect) return 'defect';
  return 'human';
}
