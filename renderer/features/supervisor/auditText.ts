import type { AuditVerification } from '../../app/auditSlice';

/** "Intact: N entries" or "Broken at entry #id: reason". */
export function describeVerification(result: AuditVerification): string {
  if (result.ok) return `Intact: ${result.entries.toLocaleString()} entries`;
  const reason = result.reason ?? 'the chain does not match';
  return result.badEntryId === null
    ? `Broken: ${reason}`
    : `Broken at entry #${result.badEntryId}: ${reason}`;
}
