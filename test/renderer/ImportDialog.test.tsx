import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingToken } from '../../renderer/ui/FullScreenMessage';
import { ok, settle } from './fakeApi';
import { renderApp } from './renderApp';

afterEach(cleanup);

const job = {
  jobId: 'j1',
  folder: '/data/line1',
  total: 20,
  processed: 5,
  added: 5,
  duplicates: 0,
  quarantined: 0,
  error: null,
};

describe('import folder', () => {
  it('browses, imports the folder shown and follows its progress to the summary', async () => {
    const { api } = await renderApp({
      inspector: null,
      adjust: (fake) => {
        fake.handle('ingest:listFolders', ({ path }) =>
          path === '/data/line1'
            ? ok({ path: '/data/line1', parent: '/data', folders: [], imageCount: 20 })
            : ok({
                path: '/data',
                parent: '/',
                folders: [{ name: 'line1', path: '/data/line1' }],
                imageCount: 0,
              }),
        );
        fake.handle('ingest:importFolder', () => ok({ jobId: 'j1' }));
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import folder' }));
    await act(settle);
    expect(screen.getByTestId('folder-current').textContent).toBe('/data');
    fireEvent.click(screen.getByRole('button', { name: 'line1' }));
    await act(settle);
    expect(screen.getByTestId('folder-image-count').textContent).toContain('20 images');
    fireEvent.click(screen.getByTestId('import-start'));
    await act(settle);
    expect(api.callsTo('ingest:importFolder')).toEqual([{ path: '/data/line1' }]);

    act(() => api.emit('ingest:progress', { ...job, state: 'importing' }));
    expect(screen.getByTestId('import-progress').textContent).toContain('5 / 20');

    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    act(() =>
      api.emit('ingest:progress', {
        ...job,
        state: 'done',
        processed: 20,
        added: 17,
        duplicates: 1,
        quarantined: 2,
      }),
    );
    // Closed dialog: the progress moved under the header and still reports the outcome.
    const strip = screen.getByTestId('import-progress');
    expect(strip.dataset.state).toBe('done');
    expect(within(strip).getByTestId('import-summary').textContent).toContain('17 new');
    fireEvent.click(within(strip).getByRole('button', { name: 'Show quarantined files' }));
    await act(settle);
    expect(screen.getByRole('dialog', { name: 'Quarantined files' })).toBeTruthy();
  });
});

describe('access token', () => {
  it('explains how to get in without a token', () => {
    render(<MissingToken />);
    expect(document.body.textContent).toContain(
      'Open the address printed by loupe serve (it carries the access token)',
    );
  });

  it('says the token was refused when the server answers unauthorized', async () => {
    await renderApp({
      inspector: null,
      adjust: (api) =>
        api.handle('app:info', () => ({
          ok: false,
          error: { code: 'unauthorized', message: 'missing or wrong access token' },
        })),
    });
    expect(screen.getByRole('alert').textContent).toContain('The access token was not accepted');
  });
});
