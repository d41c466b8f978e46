import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueItemDto } from '../../electron/shared/contract';
import { item, ok, settle } from './fakeApi';
import { renderApp } from './renderApp';

afterEach(cleanup);

const mount = (items: QueueItemDto[], inspector: string | null = 'Ana') => renderApp({ items, inspector });

function showImage() {
  fireEvent.load(screen.getByTestId('review-image'));
}

describe('review screen', () => {
  it('shows the image with its readiness, OK and Defect, and records OK on the o key', async () => {
    const { api } = await mount([item(1), item(2)]);
    const review = screen.getByTestId('review');
    expect(review.dataset.ready).toBe('false');
    expect(screen.getByTestId('review-image').dataset.itemId).toBe('1');
    showImage();
    expect(review.dataset.ready).toBe('true');
    expect(screen.getByRole('button', { name: 'OK' })).toBe(screen.getByTestId('decide-ok'));
    expect(screen.getByRole('button', { name: 'Defect' })).toBe(screen.getByTestId('decide-defect'));
    expect(screen.getByTestId('review-position').textContent).toBe('1 of 2 pending');

    fireEvent.keyDown(document.body, { key: 'o' });
    expect(screen.getByTestId('review-image').dataset.itemId).toBe('2');
    await act(settle);
    expect(api.callsTo('review:decide')).toEqual([
      expect.objectContaining({ itemId: 1, inspector: 'Ana', label: 'ok', defectClass: null }),
    ]);
  });

  it('Defect opens the class choice; a class key records it and Escape cancels', async () => {
    const { api } = await mount([item(1), item(2)]);
    showImage();
    fireEvent.click(screen.getByTestId('decide-defect'));
    expect(screen.getByTestId('class-crack').textContent).toBe('crack');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('class-crack')).toBeNull();

    fireEvent.keyDown(document.body, { key: 'd' });
    fireEvent.keyDown(document.body, { key: 'c' });
    await act(settle);
    expect(api.callsTo('review:decide')).toEqual([
      expect.objectContaining({ itemId: 1, label: 'defect', defectClass: 'crack' }),
    ]);
  });

  it('undo on z brings the decided item back', async () => {
    const { api } = await mount([item(1), item(2)]);
    showImage();
    fireEvent.click(screen.getByTestId('decide-ok'));
    await act(settle);
    fireEvent.keyDown(document.body, { key: 'z' });
    expect(screen.getByTestId('review-image').dataset.itemId).toBe('1');
    await act(settle);
    expect(api.callsTo('review:undo')).toEqual([{ decisionId: 100, inspector: 'Ana' }]);
  });

  it('never renders the shadow prediction, even when one is sent by mistake', async () => {
    const leaky = {
      ...item(1),
      prediction: { defectProbability: 0.987, label: 'blowhole' },
      defectProbability: 0.987,
    } as QueueItemDto;
    await mount([leaky]);
    showImage();
    const text = document.body.textContent ?? '';
    expect(text).not.toMatch(/0\.987|98\.7|blowhole|probability|prediction/i);
  });

  it('shows "All caught up" with readiness "empty" when nothing is pending', async () => {
    await mount([]);
    expect(screen.getByTestId('review').dataset.ready).toBe('empty');
    expect(screen.getByText('All caught up')).toBeTruthy();
  });

  it('an error is shown in a banner that can be dismissed', async () => {
    const { api } = await mount([item(1)]);
    api.handle('review:decide', () => ({
      ok: false,
      error: { code: 'internal', message: 'database is locked' },
    }));
    showImage();
    fireEvent.keyDown(document.body, { key: 'o' });
    await act(settle);
    const banner = screen.getByTestId('error-banner');
    expect(banner.textContent).toContain('database is locked');
    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });
});

describe('start screen and status bar', () => {
  it('asks for a name first and shows it in the header after picking one', async () => {
    await mount([item(1)], null);
    expect(screen.queryByTestId('review')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Ben' }));
    await act(settle);
    expect(screen.getByTestId('inspector-name').textContent).toBe('Ben');
    expect(screen.getByTestId('review')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(screen.getByTestId('start-screen')).toBeTruthy();
  });

  it('shows the figures with the agreement as "n · %" and opens the quarantine list', async () => {
    await renderApp({
      items: [item(1)],
      adjust: (api) => {
        api.handle('stats:summary', () =>
          ok({
            pending: 40,
            awaitingModel: 3,
            decidedToday: 17,
            quarantined: 2,
            shadowAgreement: { n: 12, agree: 10, rate: 10 / 12 },
          }),
        );
        api.handle('items:quarantined', () =>
          ok({
            items: [
              {
                id: 1,
                originalPath: '/in/a.png',
                reason: 'not an image',
                ingestedAt: '2025-01-01T00:00:00Z',
              },
              {
                id: 2,
                originalPath: '/in/b.png',
                reason: 'truncated file',
                ingestedAt: '2025-01-01T00:00:00Z',
              },
            ],
            total: 2,
          }),
        );
      },
    });
    expect(screen.getByTestId('status-pending').textContent).toBe('40');
    expect(screen.getByTestId('status-decided-today').textContent).toBe('17');
    expect(screen.getByTestId('status-agreement').textContent).toBe('n = 12 · 83 %');
    expect(screen.getByTestId('status-model').textContent).toContain('mvtec-cable 1.0.0');
    fireEvent.click(screen.getByTestId('status-quarantined'));
    await act(settle);
    const rows = within(screen.getByTestId('quarantine-list')).getAllByTestId('quarantine-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('not an image'),
      expect.stringContaining('truncated file'),
    ]);
  });
});
