import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, settle } from './fakeApi';
import type { FakeApi, FakeOptions } from './fakeApi';
import { distribution, richLabels } from './fixtures';
import { renderApp } from './renderApp';

afterEach(cleanup);

async function openSupervisor(options: FakeOptions = {}, adjust: (api: FakeApi) => void = () => {}) {
  const { api, store } = await renderApp({ ...options, adjust });
  fireEvent.click(screen.getByTestId('open-supervisor'));
  await act(settle);
  return { api, store };
}

/** Lets the debounced exact what-if request go out and come back. */
const release = () => act(() => new Promise((resolve) => setTimeout(resolve, 500)).then(settle));

describe('supervisor screen', () => {
  it('says "not enough labelled items" instead of figures when enough is false', async () => {
    const few = distribution([
      [0.9, true],
      [0.8, true],
      [0.1, false],
    ]);
    await openSupervisor({ distribution: few });
    expect(screen.getByTestId('whatif-not-enough').textContent).toBe(
      'not enough labelled items (2 defects of the 30 needed)',
    );
    expect(screen.queryByTestId('whatif-escape-rate')).toBeNull();
    await release();
    expect(screen.getByTestId('whatif-source').dataset.source).toBe('exact');
    expect(screen.getByTestId('whatif-not-enough')).toBeTruthy();
    expect(screen.queryByTestId('whatif-auto-pass')).toBeNull();
  });

  it('shows the policy in force, recomputes live while a threshold moves, then shows the exact figures', async () => {
    const { api } = await openSupervisor({ distribution: distribution(richLabels()) });
    expect(screen.getByTestId('policy-version').textContent).toBe('1');
    expect(screen.getByTestId('whatif-source').dataset.source).toBe('live');
    // Default band 0.1–0.9: 100 ok and 2 defect labels of 200 lie below t_ok; 2 of the 40 defects escape.
    expect(screen.getByTestId('whatif-auto-pass').textContent).toBe('51.0 %');
    expect(screen.getByTestId('whatif-escape-rate').textContent).toBe('5.00 %');
    fireEvent.change(screen.getByTestId('policy-t-ok'), { target: { value: '0.03' } });
    expect(screen.getByTestId('whatif-auto-pass').textContent).toBe('15.0 %');
    expect(screen.getByTestId('whatif-escape-rate').textContent).toBe('0.0 %');
    expect(screen.getByTestId('whatif-source').dataset.source).toBe('live');
    await release();
    expect(screen.getByTestId('whatif-source').dataset.source).toBe('exact');
    expect(api.callsTo('whatif:compute').at(-1)).toEqual({
      band: { t_ok: 0.03, t_defect: 0.9 },
      defectClass: null,
    });
    expect(screen.getByTestId('whatif-curve-pass').querySelector('circle')).toBeTruthy();
  });

  it('applies a change with name, password and reason, says why it was refused, and shows the new version', async () => {
    const { api } = await openSupervisor();
    expect(screen.getByTestId('policy-apply')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('policy-level-ai_assist'));
    fireEvent.change(screen.getByTestId('policy-audit-rate'), { target: { value: '12.5' } });
    fireEvent.click(screen.getByTestId('policy-apply'));
    const dialog = screen.getByRole('dialog', { name: 'Apply the new policy' });
    fireEvent.change(within(dialog).getByTestId('supervisor-name'), { target: { value: 'Sam' } });
    fireEvent.change(within(dialog).getByTestId('supervisor-password'), { target: { value: 'wrong' } });
    fireEvent.click(within(dialog).getByTestId('policy-confirm'));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/reason is required/);
    expect(api.callsTo('policy:set')).toEqual([]);

    fireEvent.change(within(dialog).getByTestId('policy-reason'), { target: { value: 'assist on line 1' } });
    fireEvent.click(within(dialog).getByTestId('policy-confirm'));
    await act(settle);
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'The supervisor name or password is wrong. Nothing was changed.',
    );

    fireEvent.change(within(dialog).getByTestId('supervisor-password'), { target: { value: 'secret' } });
    fireEvent.click(within(dialog).getByTestId('policy-confirm'));
    await act(settle);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo('policy:set').at(-1)).toMatchObject({
      supervisor: 'Sam',
      password: 'secret',
      reason: 'assist on line 1',
      settings: { level: 'ai_assist', auditRate: 0.125 },
    });
    expect(screen.getByTestId('policy-version').textContent).toBe('2');
    expect(screen.getByTestId('policy-applied').textContent).toBe('Version 2 is in force.');
    expect(screen.getByTestId('status-level').textContent).toBe('AI assist');
  });

  it('verifies the audit trail and says where it is broken', async () => {
    const { api } = await openSupervisor();
    expect(screen.getAllByTestId('audit-entry')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('audit-verify'));
    await act(settle);
    expect(screen.getByTestId('audit-verify-result').textContent).toBe('Intact: 1 entries');
    expect(screen.getByTestId('audit-head').textContent).toContain('ab12cd34');
    api.handle('audit:verify', () =>
      ok({ ok: false, entries: 7, head: null, badEntryId: 5, reason: 'hash mismatch' }),
    );
    fireEvent.click(screen.getByTestId('audit-verify'));
    await act(settle);
    expect(screen.getByTestId('audit-verify-result').textContent).toBe('Broken at entry #5: hash mismatch');
  });

  it('keeps the screen under a dialog opened over it, and returns to it when the dialog closes', async () => {
    const { api } = await openSupervisor();
    const policyLoads = api.callsTo('policy:get').length;
    for (const [opener, title] of [
      ['open-import', 'Import folder'],
      ['open-settings', 'Hot folder'],
      ['status-quarantined', 'Quarantined files'],
    ] as const) {
      fireEvent.click(screen.getByTestId(opener));
      await act(settle);
      const dialog = screen.getByRole('dialog', { name: title });
      expect(screen.getByTestId('supervisor-screen')).toBeTruthy();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      expect(screen.queryByRole('dialog')).toBeNull();
      expect(screen.getByTestId('supervisor-screen')).toBeTruthy();
      expect(screen.queryByTestId('review')).toBeNull();
    }
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.getByTestId('supervisor-screen')).toBeTruthy();
    // The screen stayed mounted throughout: it did not reload on the way back.
    expect(api.callsTo('policy:get')).toHaveLength(policyLoads);
  });

  it('explains how to create a supervisor when none is configured', async () => {
    await openSupervisor({}, (api) =>
      api.handle('supervisor:status', () => ok({ configured: false, names: [] })),
    );
    expect(screen.getByTestId('supervisor-not-configured').textContent).toContain(
      'npx loupe supervisor init --password … --data …',
    );
    fireEvent.click(screen.getByTestId('policy-level-full'));
    expect(screen.getByTestId('policy-apply')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('close-supervisor'));
    expect(screen.getByTestId('review')).toBeTruthy();
  });
});
