import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput, Envelope } from '../../electron/shared/contract';
import { agreementBlock, EXPORT_SHA, ok, reportFixture, settle } from './fakeApi';
import type { FakeApi, FakeOptions } from './fakeApi';
import { renderApp } from './renderApp';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function openReports(options: FakeOptions = {}, adjust: (api: FakeApi) => void = () => {}) {
  const { api, store } = await renderApp({ ...options, adjust });
  fireEvent.click(screen.getByTestId('open-reports'));
  await act(settle);
  return { api, store };
}

const text = (testId: string) => screen.getByTestId(testId).textContent;
const count = (n: number) => n.toLocaleString();

describe('reports screen', () => {
  it('shows the headline figures, each with its interval and n, beside the baseline and the anchored figures', async () => {
    await openReports();
    expect(screen.getByTestId('reports-screen').dataset.status).toBe('ready');
    const overall = within(screen.getByTestId('report-overall'));
    expect(text('report-n')).toBe(count(1000));
    expect(text('report-agreement')).toBe('99.0 %');
    expect(text('report-kappa')).toBe('0.88');
    expect(text('report-ac1')).toBe('0.99');
    expect(text('report-pabak')).toBe('0.98');
    for (const id of ['report-agreement', 'report-kappa', 'report-ac1', 'report-pabak'])
      expect(text(`${id}-n`)).toBe(`n = ${count(1000)}`);
    expect(overall.getByText('95 % CI 0.83 to 0.93')).toBeTruthy();
    expect(text('report-escape-rate')).toBe('9.09 %');
    expect(text('report-escape-rate-n')).toBe('4 of n = 44');
    expect(text('report-false-reject')).toBe('0.63 %');
    expect(text('report-why-three')).toMatch(/kappa paradox/);
    expect(text('report-hh-agreement')).toBe('98.5 %');
    expect(text('report-hh-agreement-n')).toBe('n = 200');
    expect(screen.getByTestId('report-assisted').textContent).toMatch(/anchored/);
    expect(text('report-assisted-agreement-n')).toBe('n = 500');
  });

  it('draws the charts, matrices and tables from the report', async () => {
    await openReports();
    expect(screen.getAllByTestId('over-time-day')).toHaveLength(3);
    // 2025-03-03 has only OK items on both sides: κ is undefined there and its line breaks.
    expect(screen.getByTestId('over-time-kappa').getAttribute('d')?.match(/M/g)).toHaveLength(2);
    expect(screen.getByTestId('over-time-agreement').getAttribute('d')?.match(/M/g)).toHaveLength(1);
    expect(screen.getAllByTestId('calibration-point')).toHaveLength(5);
    expect(screen.getAllByTestId('calibration-n').map((t) => t.textContent)).toEqual([
      '900',
      '40',
      '0',
      '0',
      '10',
      '0',
      '0',
      '0',
      '20',
      '30',
    ]);
    const confusion = within(screen.getByTestId('report-confusion'));
    expect(confusion.getAllByText('human says defect')).toHaveLength(1);
    expect(confusion.getAllByText('model says defect')).toHaveLength(1);
    expect(['tp', 'fn', 'fp', 'tn'].map((c) => text(`confusion-${c}`))).toEqual(['40', '4', '6', '950']);
    expect(text('confusion-crack-fray')).toBe('1');
    expect(within(screen.getByTestId('per-class-crack')).getByText('34')).toBeTruthy();
    const rows = screen.getAllByTestId('per-inspector-row');
    expect(rows.map((r) => r.dataset.inspector)).toEqual(['Ana', 'Ben']);
    expect(within(rows[1]!).getByTestId('rubber-stamp').textContent).toMatch(/rubber stamp/);
    expect(within(rows[0]!).queryByTestId('rubber-stamp')).toBeNull();
    expect(screen.getAllByTestId('slice-row').map((r) => r.dataset.key)).toEqual(['tile-defect-v1@1.0.0']);
    fireEvent.change(screen.getByTestId('report-slice-dimension'), { target: { value: 'inspector' } });
    expect(screen.getAllByTestId('slice-row').map((r) => r.textContent?.split(/\d/)[0])).toEqual([
      '(none recorded)',
      'Ana',
      'Ben',
    ]);
    const sha = screen.getByTestId('provenance-model-sha');
    expect(sha.textContent).toBe('9f86d081884c…');
    expect(sha.getAttribute('title')).toBe(
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    );
    expect(text('provenance-rows')).toMatch(count(1712));
  });

  it('says κ is undefined rather than 0, and says when there are no double reviews', async () => {
    const allOk = agreementBlock({ tp: 0, fp: 0, fn: 0, tn: 500 });
    await openReports({ report: reportFixture({ overall: allOk, human_human: null }) });
    expect(text('report-kappa')).toBe('undefined');
    expect(text('report-kappa-n')).toBe('n = 500');
    expect(text('report-agreement')).toBe('100.0 %');
    expect(text('report-human-human-none')).toMatch(/Not enough double reviews/);
  });

  it('explains how to get unbiased labels when there are none in the period', async () => {
    await openReports({ report: reportFixture({ overall: agreementBlock({ tp: 0, fp: 0, fn: 0, tn: 0 }) }) });
    expect(screen.queryByTestId('report-overall')).toBeNull();
    const empty = screen.getByTestId('report-empty').textContent;
    expect(empty).toMatch(/No unbiased labels in this period/);
    expect(empty).toMatch(/blind first reads/);
    expect(empty).toMatch(/audit/);
    expect(empty).toMatch(/npx loupe import --labels/);
    expect(screen.getByTestId('report-provenance')).toBeTruthy();
  });

  it('opens on all decisions and refetches when a filter or the period changes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-03-10T12:00:00.000Z'));
    const { api } = await openReports();
    expect(api.callsTo('reports:summary')).toEqual([
      { from: null, to: null, inspector: null, source: null, automationLevel: null, modelVersion: null },
    ]);
    expect(screen.getByTestId('report-preset-all').getAttribute('aria-pressed')).toBe('true');
    fireEvent.change(screen.getByTestId('report-filter-inspector'), { target: { value: 'Ben' } });
    await act(settle);
    expect(api.callsTo('reports:summary').at(-1)).toMatchObject({ inspector: 'Ben' });
    fireEvent.click(screen.getByTestId('report-preset-last7'));
    await act(settle);
    expect(api.callsTo('reports:summary').at(-1)).toMatchObject({
      from: '2025-03-04T00:00:00.000Z',
      to: '2025-03-11T00:00:00.000Z',
      inspector: 'Ben',
    });
    expect(screen.getByTestId('report-preset-last7').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('report-from')).toHaveProperty('value', '2025-03-04');
    // Editing a day keeps the other end of the preset and makes the period custom.
    fireEvent.change(screen.getByTestId('report-from'), { target: { value: '2025-03-01' } });
    await act(settle);
    expect(api.callsTo('reports:summary').at(-1)).toMatchObject({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-11T00:00:00.000Z',
    });
    expect(screen.getByTestId('report-preset-last7').getAttribute('aria-pressed')).toBe('false');
  });

  it('exports with progress, disables the buttons meanwhile, then shows where the file went or why not', async () => {
    let release: (value: Envelope<ChannelOutput<'reports:export'>>) => void = () => {};
    const { api } = await openReports({}, (fake) =>
      fake.handle('reports:export', () => new Promise((resolve) => (release = resolve))),
    );
    fireEvent.click(screen.getByTestId('export-pdf'));
    await act(settle);
    expect(text('export-running')).toBe('Writing the PDF export…');
    for (const f of ['csv', 'json', 'html', 'pdf'])
      expect(screen.getByTestId(`export-${f}`)).toHaveProperty('disabled', true);
    await act(async () => {
      release(ok({ file: '/data/exports/loupe-agreement.pdf', rows: 1234, sha256: EXPORT_SHA }));
      await settle();
    });
    expect(text('export-result')).toBe(
      `Saved to /data/exports/loupe-agreement.pdf (${count(1234)} rows, sha256 e3b0c44298fc…)`,
    );
    expect(screen.getByTestId('export-csv')).toHaveProperty('disabled', false);
    expect(api.callsTo('reports:export')).toHaveLength(1);

    api.handle('reports:export', () => ({ ok: false, error: { code: 'internal', message: 'disk full' } }));
    fireEvent.click(screen.getByTestId('export-csv'));
    await act(settle);
    expect(text('export-result')).toBe('The CSV export failed: disk full');
  });

  it('shares the main area with the supervisor screen, one at a time', async () => {
    await openReports();
    fireEvent.click(screen.getByTestId('open-supervisor'));
    await act(settle);
    expect(screen.getByTestId('supervisor-screen')).toBeTruthy();
    expect(screen.queryByTestId('reports-screen')).toBeNull();
    fireEvent.click(screen.getByTestId('open-reports'));
    await act(settle);
    expect(screen.getByTestId('reports-screen')).toBeTruthy();
    expect(screen.queryByTestId('supervisor-screen')).toBeNull();
    fireEvent.click(screen.getByTestId('close-reports'));
    expect(screen.getByTestId('review')).toBeTruthy();
  });
});
