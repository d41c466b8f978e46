import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../node/helpers/tmp.js';
import { startServe, stopAllServers } from './serveProcess.js';
import type { ServeHandle } from './serveProcess.js';

let server: ServeHandle | null = null;
afterAll(async () => {
  await stopAllServers();
});

type Reply = { ok: boolean; value?: { items: Array<{ id: number }>; decisionId: number } };

async function call(s: ServeHandle, channel: string, input: unknown): Promise<Reply> {
  const token = new URL(s.url).hash.replace('#token=', '');
  const res = await fetch(`${s.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Reply;
}

describe('durability', () => {
  it('keeps every acknowledged decision when the server is killed with SIGKILL', async () => {
    const dataDir = tempDir('loupe-kill-');
    server = await startServe(['--data', dataDir]);
    let items: Array<{ id: number }> = [];
    await expect
      .poll(
        async () => {
          items = (await call(server!, 'queue:next', { limit: 20 })).value!.items;
          return items.length;
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThanOrEqual(12);
    const acknowledged: number[] = [];
    for (const item of items.slice(0, 12)) {
      const res = await call(server, 'review:decide', {
        itemId: item.id,
        inspector: 'night shift',
        label: 'ok',
      });
      expect(res.ok).toBe(true);
      acknowledged.push(res.value!.decisionId);
    }
    server.process.kill('SIGKILL');
    await server.stop();
    server = null;

    const db = new Database(path.join(dataDir, 'loupe.db'));
    const ids = (db.prepare('SELECT id FROM decisions ORDER BY id').all() as Array<{ id: number }>).map(
      (r) => r.id,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(ids).toEqual(acknowledged);
  });
});
