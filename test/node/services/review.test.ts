import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/dispatch.js';
import { MODELS_DIR } from '../../../electron/cli/paths.js';
import { imageFolder, quietLogger, startTestServices } from '../helpers/services.js';
import { tempDir } from '../helpers/tmp.js';

describe('station services (real SQLite, real model)', () => {
  it('imports the demo folder into a new data folder and scores every item in shadow', async () => {
    const demo = await imageFolder(6);
    const s = await startTestServices({ demoImagesDir: demo });
    await s.idle();
    const summary = await s.handlers['stats:summary']({});
    expect(summary).toMatchObject({ pending: 6, awaitingModel: 0, decidedToday: 0, quarantined: 0 });
    const db = new Database(path.join(s.dataDir, 'loupe.db'), { readonly: true });
    const rows = db
      .prepare(
        'SELECT defect_probability AS p, latency_ms AS ms, class_probabilities AS cp, role FROM predictions',
      )
      .all() as Array<{ p: number; ms: number; cp: string; role: string }>;
    db.close();
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.p).toBeGreaterThanOrEqual(0);
      expect(r.p).toBeLessThanOrEqual(1);
      expect(r.ms).toBeGreaterThan(0);
      expect(r.role).toBe('champion');
      const cp = JSON.parse(r.cp) as Record<string, number>;
      expect(Object.keys(cp)).toEqual(['ok', 'blowhole', 'break', 'crack', 'fray', 'uneven']);
      expect(Object.values(cp).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    }
  });

  it('records decisions with their shadow prediction, undoes by appending, and re-queues the item', async () => {
    const s = await startTestServices();
    await s.importFolder(await imageFolder(3)).done;
    await s.idle();
    const h = s.handlers;
    const [first, second] = (await h['queue:next']({ limit: 5, inspector: null })).items;
    expect(first && second).toBeTruthy();
    const d1 = await h['review:decide']({
      itemId: first!.id,
      inspector: 'ana',
      label: 'ok',
      defectClass: null,
      note: null,
      timeToDecideMs: 1200,
    });
    const d2 = await h['review:decide']({
      itemId: second!.id,
      inspector: 'ana',
      label: 'defect',
      defectClass: 'crack',
      note: null,
      timeToDecideMs: 800,
    });
    expect((await h['queue:next']({ limit: 5, inspector: null })).items.map((i) => i.id)).not.toContain(
      first!.id,
    );
    expect(await h['stats:summary']({})).toMatchObject({ pending: 1, decidedToday: 2 });
    expect((await h['stats:summary']({})).shadowAgreement.n).toBe(2);

    const undo = await h['review:undo']({ decisionId: d2.decisionId, inspector: 'ana' });
    expect(undo.itemId).toBe(second!.id);
    expect((await h['queue:next']({ limit: 5, inspector: null })).items.map((i) => i.id)).toContain(
      second!.id,
    );
    expect(await h['stats:summary']({})).toMatchObject({ pending: 2, decidedToday: 1 });
    const d3 = await h['review:decide']({
      itemId: second!.id,
      inspector: 'ana',
      label: 'ok',
      defectClass: null,
      note: null,
      timeToDecideMs: 500,
    });

    const db = new Database(path.join(s.dataDir, 'loupe.db'), { readonly: true });
    const rows = db
      .prepare(
        'SELECT id, kind, label, corrects, prediction_id, suggestion_visible, automation_level, source FROM decisions ORDER BY id',
      )
      .all();
    db.close();
    expect(rows).toEqual([
      expect.objectContaining({
        id: d1.decisionId,
        kind: 'decision',
        label: 'ok',
        corrects: null,
        suggestion_visible: 0,
        automation_level: 'human_only',
        source: 'human',
      }),
      expect.objectContaining({ id: d2.decisionId, kind: 'decision', label: 'defect', corrects: null }),
      expect.objectContaining({
        id: undo.retractionId,
        kind: 'retraction',
        label: null,
        corrects: d2.decisionId,
      }),
      expect.objectContaining({
        id: d3.decisionId,
        kind: 'decision',
        label: 'ok',
        corrects: undo.retractionId,
      }),
    ]);
    for (const r of rows as Array<{ prediction_id: number | null }>)
      expect(r.prediction_id).toBeGreaterThan(0);
  });

  it('refuses invalid and conflicting calls with clear errors', async () => {
    const s = await startTestServices();
    await s.importFolder(await imageFolder(1)).done;
    await s.idle();
    const [item] = (await s.handlers['queue:next']({ limit: 1, inspector: null })).items;
    const call = (channel: string, input: unknown) => dispatch(s.handlers, channel, input, quietLogger);
    expect(await call('review:decide', { itemId: item!.id, inspector: 'ana', label: 'maybe' })).toMatchObject(
      { ok: false, error: { code: 'invalid_input' } },
    );
    expect(await call('review:decide', { itemId: item!.id, inspector: '  ', label: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/inspector/) },
    });
    expect(
      await call('review:decide', { itemId: item!.id, inspector: 'ana', label: 'ok', extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await call('review:decide', {
        itemId: item!.id,
        inspector: 'ana',
        label: 'defect',
        defectClass: 'scratch',
      }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown defect class/) } });
    expect(await call('review:decide', { itemId: 99999, inspector: 'ana', label: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const ok = await call('review:decide', { itemId: item!.id, inspector: 'ana', label: 'ok' });
    expect(ok.ok).toBe(true);
    expect(
      await call('review:decide', { itemId: item!.id, inspector: 'ben', label: 'defect' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const decisionId = (ok as { value: { decisionId: number } }).value.decisionId;
    expect(await call('review:undo', { decisionId, inspector: 'ben' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await call('review:undo', { decisionId, inspector: 'ana' })).ok).toBe(true);
    expect(await call('review:undo', { decisionId, inspector: 'ana' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/already been corrected/) },
    });
  });

  it('keeps everything across a restart and does not re-import the demo set', async () => {
    const demo = await imageFolder(2);
    const dataDir = tempDir();
    const s1 = await startTestServices({ dataDir, demoImagesDir: demo });
    await s1.idle();
    const [item] = (await s1.handlers['queue:next']({ limit: 1, inspector: null })).items;
    await s1.handlers['review:decide']({
      itemId: item!.id,
      inspector: 'ana',
      label: 'ok',
      defectClass: null,
      note: null,
      timeToDecideMs: 1,
    });
    await s1.close();
    fs.writeFileSync(
      path.join(demo, 'new.jpg'),
      fs.readFileSync(path.join(demo, 'img-000.jpg')).subarray(0, 50),
    );
    const s2 = await startTestServices({ dataDir, demoImagesDir: demo });
    await s2.idle();
    expect(await s2.handlers['stats:summary']({})).toMatchObject({
      pending: 1,
      decidedToday: 1,
      quarantined: 0,
    });
    expect(await s2.handlers['inspectors:list']({})).toEqual({ names: ['ana'] });
  });

  it('starts without a usable model, says why, and leaves items waiting for one', async () => {
    const models = tempDir('loupe-models-');
    const bad = path.join(models, 'tile-defect-v1');
    fs.cpSync(path.join(MODELS_DIR, 'tile-defect-v1', 'manifest.json'), path.join(bad, 'manifest.json'));
    fs.writeFileSync(path.join(bad, 'model.onnx'), 'not a model');
    const s = await startTestServices({ modelsDir: models });
    await s.importFolder(await imageFolder(2)).done;
    await s.idle();
    const info = await s.handlers['app:info']({});
    expect(info.model).toBeNull();
    expect(info.modelError).toMatch(/does not match its manifest/);
    expect(info.defectClasses).toEqual(['blowhole', 'break', 'crack', 'fray', 'uneven']);
    expect(await s.handlers['stats:summary']({})).toMatchObject({ pending: 0, awaitingModel: 2 });
  });
});
