import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RunningServices } from '../../../electron/services/app.js';
import { dispatch } from '../../../electron/services/dispatch.js';
import type { PolicySettings } from '../../../electron/shared/contract.js';
import { imageFolder, quietLogger, startTestServices } from '../helpers/services.js';

const PASSWORD = 'correct horse battery';
const base: PolicySettings = {
  level: 'human_only',
  band: { t_ok: 0.2, t_defect: 0.8 },
  classBands: {},
  auditRate: 0,
  blindFirstReadShare: 0,
  doubleReviewShare: 0,
};

async function station(settings: Partial<PolicySettings>, images = 4): Promise<RunningServices> {
  const s = await startTestServices();
  await s.policy.createSupervisor('sam', PASSWORD);
  await s.handlers['policy:set']({
    supervisor: 'sam',
    password: PASSWORD,
    reason: 'test setup',
    settings: { ...base, ...settings },
  });
  await s.importFolder(await imageFolder(images)).done;
  await s.idle();
  return s;
}

const queue = async (s: RunningServices, inspector: string | null = 'ana') =>
  (await s.handlers['queue:next']({ limit: 50, inspector })).items;
const decide = async (s: RunningServices, itemId: number, inspector = 'ana', label: 'ok' | 'defect' = 'ok') =>
  await s.handlers['review:decide']({
    itemId,
    inspector,
    label,
    defectClass: null,
    note: null,
    timeToDecideMs: 10,
  });

function rows(s: RunningServices, sql: string): Array<Record<string, unknown>> {
  const db = new Database(path.join(s.dataDir, 'loupe.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe('automation levels end to end in the services (real model, real SQLite)', () => {
  it('human_only: every item is a blind primary read; decisions record the policy version', async () => {
    const s = await station({ level: 'human_only' });
    const items = await queue(s);
    expect(items).toHaveLength(4);
    for (const i of items) expect(i.task).toEqual({ role: 'primary', blind: true, suggestion: null });
    await decide(s, items[0]!.id);
    const [d] = rows(
      s,
      "SELECT d.policy_id, p.version, d.review_role, d.suggestion_visible, d.model_version_id FROM decisions d JOIN policies p ON p.id = d.policy_id WHERE d.source = 'human'",
    );
    expect(d).toMatchObject({ version: 2, review_role: 'primary', suggestion_visible: 0 });
    expect(d!.model_version_id).toBeGreaterThan(0);
  });

  it('ai_assist: the suggestion with its heatmap is sent, and decisions are marked as made with it visible', async () => {
    const s = await station({ level: 'ai_assist' });
    const [item] = await queue(s);
    expect(item!.task).toMatchObject({ role: 'primary', blind: false });
    const sug = item!.task.suggestion!;
    expect(sug.defectProbability).toBeGreaterThanOrEqual(0);
    expect(sug.heatmap!.width * sug.heatmap!.height).toBe(Buffer.from(sug.heatmap!.data, 'base64').length);
    expect(sug.heatmap!.box.width).toBeGreaterThan(0);
    await decide(s, item!.id);
    expect(
      rows(s, "SELECT suggestion_visible, automation_level FROM decisions WHERE source = 'human'"),
    ).toEqual([{ suggestion_visible: 1, automation_level: 'ai_assist' }]);
  });

  it('ai_assist blind first read: the provisional call is blind, the reveal follows, the final call sees it', async () => {
    const s = await station({ level: 'ai_assist', blindFirstReadShare: 1 });
    const [item] = await queue(s);
    expect(item!.task).toEqual({ role: 'first_read', blind: true, suggestion: null });
    const first = await decide(s, item!.id, 'ana', 'defect');
    expect(first.reveal?.defectProbability).toBeGreaterThanOrEqual(0);
    const again = (await queue(s)).find((i) => i.id === item!.id)!;
    expect(again.task).toMatchObject({ role: 'primary', blind: false });
    const final = await decide(s, item!.id, 'ana', 'ok');
    expect(final.reveal).toBeNull();
    expect(
      rows(
        s,
        `SELECT review_role, label, suggestion_visible FROM decisions WHERE item_id = ${item!.id} ORDER BY id`,
      ),
    ).toEqual([
      { review_role: 'first_read', label: 'defect', suggestion_visible: 0 },
      { review_role: 'primary', label: 'ok', suggestion_visible: 1 },
    ]);
    expect((await queue(s)).map((i) => i.id)).not.toContain(item!.id);
  });

  it('double review: a second inspector decides blind; the first never sees it again', async () => {
    const s = await station({ level: 'ai_assist', doubleReviewShare: 1 });
    const [item] = await queue(s);
    await decide(s, item!.id, 'ana');
    expect((await queue(s, 'ana')).map((i) => i.id)).not.toContain(item!.id);
    const forBen = (await queue(s, 'ben')).find((i) => i.id === item!.id)!;
    expect(forBen.task).toEqual({ role: 'second_read', blind: true, suggestion: null });
    expect(
      await dispatch(
        s.handlers,
        'review:decide',
        { itemId: item!.id, inspector: 'ana', label: 'ok' },
        quietLogger,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/second read by another inspector/) },
    });
    await decide(s, item!.id, 'ben', 'defect');
    expect(rows(s, `SELECT status FROM items WHERE id = ${item!.id}`)).toEqual([{ status: 'decided' }]);
  });

  it('partial: confident items are decided automatically, with the model and policy versions; audit picks come back blind', async () => {
    const s = await station({ level: 'partial', band: { t_ok: 1, t_defect: 1 }, auditRate: 1 });
    const auto = rows(
      s,
      "SELECT d.inspector, d.label, d.source, d.policy_id, d.model_version_id, d.review_role, p.defect_probability AS p FROM decisions d JOIN predictions p ON p.id = d.prediction_id WHERE d.source = 'auto'",
    );
    expect(auto).toHaveLength(4);
    for (const d of auto) {
      // With t_ok = t_defect = 1 only a saturated score (p = 1) is auto-failed.
      expect(d).toMatchObject({
        label: (d.p as number) >= 1 ? 'defect' : 'ok',
        review_role: 'primary',
        inspector: expect.stringMatching(/^model:tile-defect-v1@/),
      });
      expect(d.policy_id).toBeGreaterThan(0);
      expect(d.model_version_id).toBeGreaterThan(0);
    }
    const items = await queue(s);
    expect(items).toHaveLength(4);
    for (const i of items) expect(i.task).toEqual({ role: 'audit', blind: true, suggestion: null });
    await decide(s, items[0]!.id, 'ana', 'defect');
    expect(rows(s, `SELECT review_role, suggestion_visible FROM decisions WHERE source = 'human'`)).toEqual([
      { review_role: 'audit', suggestion_visible: 0 },
    ]);
    expect(rows(s, `SELECT status FROM items WHERE id = ${items[0]!.id}`)).toEqual([{ status: 'decided' }]);
  });

  it('full: the model decides every item; without audit picks nothing reaches the queue', async () => {
    const s = await station({ level: 'full', band: { t_ok: 0, t_defect: 0 }, auditRate: 0 });
    expect(await queue(s)).toEqual([]);
    expect(
      rows(
        s,
        "SELECT COUNT(*) AS n FROM decisions WHERE source = 'auto' AND label = 'defect' AND automation_level = 'full'",
      ),
    ).toEqual([{ n: 4 }]);
    expect(rows(s, "SELECT COUNT(*) AS n FROM items WHERE status = 'decided'")).toEqual([{ n: 4 }]);
  });
});

describe('policy changes', () => {
  it('are refused without a supervisor, a valid password or a reason, and audited when made', async () => {
    const s = await startTestServices();
    const call = (input: unknown) => dispatch(s.handlers, 'policy:set', input, quietLogger);
    const change = {
      supervisor: 'sam',
      password: PASSWORD,
      reason: 'move to AI assist',
      settings: { ...base, level: 'ai_assist' },
    };
    expect(await call(change)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/supervisor init/) },
    });
    await s.policy.createSupervisor('sam', PASSWORD);
    expect(await call({ ...change, password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await call({ ...change, supervisor: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await call({ ...change, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await call({ ...change, settings: { ...base, band: { t_ok: 0.9, t_defect: 0.1 } } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await call({ ...change, settings: { ...base, classBands: { scratch: { t_ok: 0.1, t_defect: 0.9 } } } }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown defect class/) } });
    expect((await s.handlers['policy:get']({})).current).toMatchObject({ version: 1, level: 'human_only' });

    const ok = await call(change);
    expect(ok).toMatchObject({
      ok: true,
      value: { policy: { version: 2, level: 'ai_assist', createdBy: 'sam', reason: 'move to AI assist' } },
    });
    expect((await s.handlers['app:info']({})).automationLevel).toBe('ai_assist');
    const entries = (await s.handlers['audit:list']({ limit: 10 })).entries;
    const last = entries[0]!;
    expect(last).toMatchObject({ actor: 'sam', action: 'policy.change' });
    expect(JSON.parse(last.details)).toMatchObject({
      reason: 'move to AI assist',
      old: { level: 'human_only' },
      new: { level: 'ai_assist' },
      version: 2,
    });
    expect(await s.handlers['audit:verify']({})).toMatchObject({
      ok: true,
      entries: entries.length,
      badEntryId: null,
      reason: null,
    });
  });
});
