import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ItemSource, ItemsRepo } from '../../../db/repos/items.js';
import { decodeGray } from '../imaging/decode.js';
import type { GrayPixels } from '../imaging/decode.js';
import { ImageError } from '../imaging/imageError.js';
import type { ImageStore } from './imageStore.js';

/** Files above this are refused before being read into memory (a 50 MP 16-bit TIFF is ~100 MB). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export type IngestOutcome =
  | { kind: 'added'; itemId: number }
  | { kind: 'duplicate'; itemId: number }
  | { kind: 'quarantined'; itemId: number; reason: string }
  | { kind: 'unreadable'; reason: string };

export type IngestDeps = {
  items: ItemsRepo;
  store: ImageStore;
  station: string;
  /** Called for each newly accepted item with its decoded pixels, so they are not decoded twice. */
  onAccepted: (itemId: number, pixels: GrayPixels) => void;
};

/**
 * Ingests one file: identical content is one item, anything that is not a usable image is
 * recorded as quarantined with the reason, and nothing here throws for bad input.
 */
export async function ingestFile(
  deps: IngestDeps,
  filePath: string,
  source: ItemSource,
  forceReason: string | null = null,
): Promise<IngestOutcome> {
  let stat: Stats;
  let data: Buffer | null = null;
  let sha256: string;
  try {
    stat = await fs.stat(filePath);
    if (stat.size > MAX_FILE_BYTES) {
      sha256 = await hashStream(filePath);
      const mb = (stat.size / 1024 / 1024).toFixed(0);
      forceReason ??= `file too large (${mb} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`;
    } else {
      data = await fs.readFile(filePath);
      sha256 = createHash('sha256').update(data).digest('hex');
    }
  } catch (err) {
    return {
      kind: 'unreadable',
      reason: `cannot read ${filePath}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    };
  }
  const known = deps.items.findBySha(sha256);
  if (known !== null) return { kind: 'duplicate', itemId: known };

  const base = {
    sha256,
    original_path: path.resolve(filePath),
    source,
    station: deps.station,
    captured_at: stat.mtime.toISOString(),
    ingested_at: new Date().toISOString(),
    byte_size: stat.size,
  };
  const quarantine = (reason: string): IngestOutcome => {
    const { id, inserted } = deps.items.insertOrFind({
      ...base,
      stored_path: null,
      format: null,
      width: null,
      height: null,
      status: 'quarantined',
      quarantine_reason: reason,
    });
    return inserted ? { kind: 'quarantined', itemId: id, reason } : { kind: 'duplicate', itemId: id };
  };

  if (forceReason || !data) return quarantine(forceReason ?? 'unreadable file');
  let pixels: Awaited<ReturnType<typeof decodeGray>>;
  try {
    pixels = await decodeGray(data);
  } catch (err) {
    if (err instanceof ImageError) return quarantine(err.message);
    throw err;
  }
  const storedPath = await deps.store.put(sha256, pixels.format, data);
  const { id, inserted } = deps.items.insertOrFind({
    ...base,
    stored_path: storedPath,
    format: pixels.format,
    width: pixels.width,
    height: pixels.height,
    status: 'pending',
    quarantine_reason: null,
  });
  if (!inserted) return { kind: 'duplicate', itemId: id };
  deps.onAccepted(id, pixels);
  return { kind: 'added', itemId: id };
}

async function hashStream(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
