import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openDatabase } from '../../../db/open.js';
import { RoutesRepo } from '../../../db/repos/routes.js';
import type { RunningServices } from '../../../electron/services/app.js';
import type { PolicySettings } from '../../../electron/shared/contract.js';
import { scoringRepos } from '../helpers/scoredItems.js';
import { imageFolder, startTestServices } from '../helpers/services.js';

const PASSWORD = 'correct horse battery';
// Every human item needs a second read by someone other than its first reader.
const doubleReview: PolicySettings = {
  level: 'human_only',
  band: { t_ok: 0.2, t_defect: 0.8 },
  classBands: {},
  auditRate: 0,
  blindFirstReadShare: 0,
  doubleReviewShare: 1,
};

async function withDoubleReview(s: RunningServices): Promise<void> {
  await s.policy.createSupervisor('sam', PASSWORD);
  await s.handlers['policy:set']({
    supervisor: 'sam',
    password: PASSWORD,
    reason: 'test setup',
    settings: doubleReview,
  });
}

const queue = async (s: RunningServices, limit: number, inspector: string | null) =>
  (await s.handlers['queue:next']({ limit, inspector })).items;

describe('the review queue fills up to its limit', () => {
  it('still offers newer items when the oldest ones await a second read by someone else', async () => {
    const s = await startTestServices();
    await withDoubleReview(s);
    await s.importFolder(await imageFolder(24)).done;
    await s.idle();
    const all = await queue(s, 50, null);
    expect(all).toHaveLength(24);
    // ana first-reads the 20 oldest: they stay queued, but only for someone else.
    for (const item of all.slice(0, 20)) {
      await s.handlers['review:decide']({
        itemId: item.id,
        inspector: 'ana',
        label: 'ok',
        defectClass: null,
        note: null,
        timeToDecideMs: 10,
      });
    }
    const forAna = await queue(s, 5, 'ana');
    expect(forAna.map((i) => i.id)).toEqual(all.slice(20).map((i) => i.id));
    for (const i of forAna) expect(i.task).toEqual({ role: 'primary', blind: true, suggestion: null });
    const forBob = await queue(s, 5, 'bob');
    expect(forBob.map((i) => i.id)).toEqual(all.slice(0, 5).map((i) => i.id));
    for (const i of forBob) expect(i.task.role).toBe('second_read');
  });

  it('pages through many queued items that are not for this inspector', async () => {
    const s1 = await startTestServices();
    await withDoubleReview(s1);
    const policyId = s1.policy.current().id;
    const dataDir = s1.dataDir;
    await s1.close();

    // 300 routed items, the 290 oldest already first-read by ana: several pages of the queue.
    const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
    const { decisions, addScoredItem } = scoringRepos(db);
    const routes = new RoutesRepo(db);
    const ids: number[] = [];
    db.transaction(() => {
      for (let i = 1; i <= 300; i++) {
        const { itemId, predictionId } = addScoredItem(i, { defectProbability: 0.5, topDefectClass: null });
        ids.push(itemId);
        routes.insert({
          item_id: itemId,
          policy_id: policyId,
          prediction_id: predictionId,
          route: 'human',
          blind_first_read: 0,
          audit: 0,
          double_review: 1,
          routed_at: new Date().toISOString(),
        });
        if (i > 290) continue;
        decisions.insert({
          itemId,
          predictionId,
          kind: 'decision',
          inspector: 'ana',
          label: 'ok',
          defectClass: null,
          note: null,
          decidedAt: new Date().toISOString(),
          timeToDecideMs: 10,
          automationLevel: 'human_only',
          suggestionVisible: false,
          source: 'human',
          corrects: null,
          reviewRole: 'primary',
          policyId,
        });
      }
    })();
    db.close();

    const s2 = await startTestServices({ dataDir });
    expect((await queue(s2, 5, 'ana')).map((i) => i.id)).toEqual(ids.slice(290, 295));
    expect((await queue(s2, 50, 'ana')).map((i) => i.id)).toEqual(ids.slice(290));
    const forBob = await queue(s2, 50, 'bob');
    expect(forBob.map((i) => i.id)).toEqual(ids.slice(0, 50));
    for (const i of forBob) expect(i.task).toEqual({ role: 'second_read', blind: true, suggestion: null });
    await s2.close();
  });
});
