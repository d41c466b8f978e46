import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput, Envelope } from '../../electron/shared/contract';
import { createAppStore } from '../../renderer/app/store';
import { createFakeApi, EXPORT_SHA, ok, reportFixture, settle } from './fakeApi';
import { memoryStorage } from './memoryStorage';

function setup() {
  const api = createFakeApi();
  const store = createAppStore({ api, storage: memoryStorage(), prefetchImage: () => {} });
  const state = () => store.getState();
  return { api, store, state };
}

/** A promise the test resolves by hand, to hold an answer back. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('reports slice', () => {
  it('sends every filter, with the custom days as a [from, to) range of UTC instants', async () => {
    const { api, state } = setup();
    state().setReportFilters({
      period: { preset: 'custom', fromDay: '2025-03-01', toDay: '2025-03-07' },
      inspector: 'Ana',
      source: 'human',
      automationLevel: 'ai_assist',
      modelVersion: 'tile-defect-v1@1.0.0',
    });
    await settle();
    expect(api.callsTo('reports:summary')).toEqual([
      {
        from: '2025-03-01T00:00:00.000Z',
        to: '2025-03-08T00:00:00.000Z',
        inspector: 'Ana',
        source: 'human',
        automationLevel: 'ai_assist',
        modelVersion: 'tile-defect-v1@1.0.0',
      },
    ]);
    expect(state().reports.status).toBe('ready');
    expect(state().reports.value?.overall.n).toBe(1000);
  });

  it('resolves presets against the UTC day of each request', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-10T23:30:00.000Z'));
    const { api, state } = setup();
    state().setReportFilters({ period: { preset: 'last7' } });
    state().setReportFilters({ period: { preset: 'today' } });
    state().setReportFilters({ period: { preset: 'all' } });
    await settle();
    expect(api.callsTo('reports:summary').map(({ from, to }) => [from, to])).toEqual([
      ['2025-03-04T00:00:00.000Z', '2025-03-11T00:00:00.000Z'],
      ['2025-03-10T00:00:00.000Z', '2025-03-11T00:00:00.000Z'],
      [null, null],
    ]);
    // Thirty days including today.
    state().setReportFilters({ period: { preset: 'last30' } });
    await settle();
    expect(api.callsTo('reports:summary').at(-1)).toMatchObject({
      from: '2025-02-09T00:00:00.000Z',
      to: '2025-03-11T00:00:00.000Z',
    });
  });

  it('refuses an inverted period without asking the service', async () => {
    const { api, state } = setup();
    state().setReportFilters({ period: { preset: 'custom', fromDay: '2025-03-09', toDay: '2025-03-01' } });
    await settle();
    expect(api.callsTo('reports:summary')).toEqual([]);
    expect(state().reports.status).toBe('error');
    expect(state().reports.error).toMatch(/starts after it ends/);
  });

  it('keeps only the answer to the last request when answers cross', async () => {
    const { api, state } = setup();
    const first = deferred<Envelope<ChannelOutput<'reports:summary'>>>();
    const second = deferred<Envelope<ChannelOutput<'reports:summary'>>>();
    const answers = [first.promise, second.promise];
    api.handle('reports:summary', () => answers.shift()!);
    state().setReportFilters({ inspector: 'Ana' });
    state().setReportFilters({ inspector: 'Ben' });
    second.resolve(ok(reportFixture({ generated_by: 'for Ben' })));
    await settle();
    first.resolve(ok(reportFixture({ generated_by: 'for Ana' })));
    await settle();
    expect(state().reports.value?.generated_by).toBe('for Ben');
    expect(state().reports.filters.inspector).toBe('Ben');
  });

  it('drops figures that no longer match the filters when the service fails, and says why', async () => {
    const { api, state } = setup();
    await state().loadReport();
    expect(state().reports.value).not.toBeNull();
    api.handle('reports:summary', () => ({
      ok: false,
      error: { code: 'internal', message: 'database is locked' },
    }));
    state().setReportFilters({ source: 'history' });
    await settle();
    expect(state().reports).toMatchObject({
      status: 'error',
      value: null,
      error: 'Cannot build the agreement report: database is locked',
    });
  });

  it('exports the current period, reports the file, and ignores a second click while one runs', async () => {
    const { api, state } = setup();
    const hold = deferred<Envelope<ChannelOutput<'reports:export'>>>();
    api.handle('reports:export', () => hold.promise);
    state().setReportFilters({
      period: { preset: 'custom', fromDay: '2025-03-01', toDay: null },
      inspector: 'Ana',
    });
    const running = state().exportReport('pdf');
    expect(state().reports.export).toMatchObject({ status: 'loading', format: 'pdf' });
    await state().exportReport('csv');
    expect(api.callsTo('reports:export')).toEqual([
      { format: 'pdf', from: '2025-03-01T00:00:00.000Z', to: null },
    ]);
    hold.resolve(ok({ file: '/data/exports/a.pdf', rows: 12, sha256: EXPORT_SHA }));
    await running;
    expect(state().reports.export).toEqual({
      status: 'ready',
      format: 'pdf',
      result: { file: '/data/exports/a.pdf', rows: 12, sha256: EXPORT_SHA },
      error: null,
    });
  });

  it('says which export failed and lets the next one run', async () => {
    const { api, state } = setup();
    api.handle('reports:export', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    await state().exportReport('html');
    expect(state().reports.export).toMatchObject({
      status: 'error',
      result: null,
      error: 'The HTML export failed: disk full',
    });
    api.handle('reports:export', ({ format }) =>
      ok({ file: `/data/exports/r.${format}`, rows: 3, sha256: EXPORT_SHA }),
    );
    await state().exportReport('json');
    expect(state().reports.export.result?.file).toBe('/data/exports/r.json');
  });

  it('marks an open report stale on db:changed instead of rebuilding it, and a reload clears the mark', async () => {
    const { api, store, state } = setup();
    store.getState().connect();
    await settle();
    api.emit('db:changed', { tables: ['decisions'] });
    expect(state().reports.stale).toBe(false);
    state().openScreen('reports');
    await state().loadReport();
    api.emit('db:changed', { tables: ['decisions'] });
    expect(state().reports.stale).toBe(true);
    expect(api.callsTo('reports:summary')).toHaveLength(1);
    await state().loadReport();
    expect(state().reports.stale).toBe(false);
  });

  it('takes the main area from the supervisor screen', () => {
    const { store, state } = setup();
    store.getState().openScreen('supervisor');
    state().openScreen('reports');
    expect(state().ui.panel).toBeNull();
    expect(state().ui.screen).toBe('reports');
    // A dialog over the dashboard stays where it is.
    store.getState().openPanel('import');
    state().openScreen('reports');
    expect(state().ui.panel).toBe('import');
  });
});
