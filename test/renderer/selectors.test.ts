import { describe, expect, it } from 'vitest';
import { mergeQueue } from '../../renderer/app/queueMerge';
import { describeProgress } from '../../renderer/features/ingest/ingestSelectors';
import { formatAgreement, formatModel } from '../../renderer/features/status/statusSelectors';
import { info, item } from './fakeApi';

describe('formatAgreement', () => {
  it('shows n and the rounded rate, or a dash before any comparison', () => {
    expect(formatAgreement({ n: 12, agree: 10, rate: 10 / 12 })).toBe('n = 12 · 83 %');
    expect(formatAgreement({ n: 4, agree: 1, rate: null })).toBe('n = 4 · 25 %');
    expect(formatAgreement({ n: 0, agree: 0, rate: null })).toBe('—');
    expect(formatAgreement(undefined)).toBe('—');
  });
});

describe('formatModel', () => {
  it('names the model and its version', () => {
    expect(formatModel(info)).toBe('mvtec-cable 1.0.0');
    expect(formatModel({ ...info, model: null, modelError: 'model.onnx missing' })).toBe(
      'not loaded (model.onnx missing)',
    );
  });
});

describe('mergeQueue', () => {
  const ids = (items: { id: number }[]) => items.map((i) => i.id);
  it('keeps the item on screen in place and drops items decided here', () => {
    const local = [item(3), item(4)];
    const server = [item(1), item(2), item(3), item(5)];
    expect(ids(mergeQueue(local, server, new Set(), new Set([2])))).toEqual([3, 1, 5]);
  });

  it('keeps items brought back by undo in front even when the server has not seen the undo yet', () => {
    expect(ids(mergeQueue([item(9), item(3)], [item(3), item(4)], new Set([9]), new Set()))).toEqual([
      9, 3, 4,
    ]);
  });

  it('drops the item on screen when the server no longer has it, and follows the server on resync', () => {
    expect(ids(mergeQueue([item(3)], [item(4)], new Set(), new Set()))).toEqual([4]);
    expect(ids(mergeQueue([item(3)], [item(1), item(3)], new Set(), new Set(), false))).toEqual([1, 3]);
  });
});

describe('describeProgress', () => {
  it('says what the job is doing', () => {
    const job = {
      jobId: 'j',
      folder: '/in',
      state: 'failed' as const,
      total: 0,
      processed: 0,
      added: 0,
      duplicates: 0,
      quarantined: 0,
      error: 'EACCES',
    };
    expect(describeProgress(job)).toBe('Import failed: EACCES');
    expect(describeProgress({ ...job, state: 'done' })).toBe('Import finished: /in');
  });
});
