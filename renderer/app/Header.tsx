import { useShallow } from 'zustand/react/shallow';
import { InspectorBadge } from '../features/inspector/InspectorBadge';
import { useAppStore } from './StoreProvider';

export function Header() {
  const station = useAppStore((s) => s.info.value?.station ?? '');
  const supervisorOpen = useAppStore((s) => s.ui.panel === 'supervisor');
  const { openPanel, togglePanel } = useAppStore(
    useShallow((s) => ({ openPanel: s.openPanel, togglePanel: s.togglePanel })),
  );
  const { reportsOpen, openReports, closeReports } = useAppStore(
    useShallow((s) => ({
      reportsOpen: s.reports.open,
      openReports: s.openReports,
      closeReports: s.closeReports,
    })),
  );
  return (
    <header className="app-header">
      <span className="brand">Loupe</span>
      <span className="muted station">{station}</span>
      <span className="spacer" />
      <button type="button" data-testid="open-import" onClick={() => openPanel('import')}>
        Import folder
      </button>
      <button
        type="button"
        data-testid="open-reports"
        aria-pressed={reportsOpen}
        onClick={reportsOpen ? closeReports : openReports}
      >
        Reports
      </button>
      <button
        type="button"
        data-testid="open-supervisor"
        aria-pressed={supervisorOpen}
        onClick={() => {
          // Both screens take the main area: the one asked for last wins.
          closeReports();
          togglePanel('supervisor');
        }}
      >
        Supervisor
      </button>
      <button
        type="button"
        aria-label="Hot folder settings"
        title="Hot folder settings"
        data-testid="open-settings"
        onClick={() => openPanel('settings')}
      >
        ⚙
      </button>
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => togglePanel('shortcuts')}
      >
        ?
      </button>
      <InspectorBadge />
    </header>
  );
}
