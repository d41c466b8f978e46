import { createHash } from 'node:crypto';

/**
 * A uniform number in [0, 1) that depends only on the policy's seed, the purpose and the item:
 * the same item is always (or never) picked under the same policy, across restarts and
 * stations, and the audit, blind-first-read and double-review draws are independent.
 */
export function samplingDraw(
  seed: string,
  purpose: 'audit' | 'blind_first_read' | 'double_review',
  itemSha256: string,
): number {
  const digest = createHash('sha256').update(`${seed}\0${purpose}\0${itemSha256}`).digest();
  // 52 random bits fit a double exactly.
  return (digest.readUInt32BE(0) * 2 ** 20 + (digest.readUInt32BE(4) >>> 12)) / 2 ** 52;
}
