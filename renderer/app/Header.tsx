import { useShallow } from 'zustand/react/shallow';
import { InspectorBadge } from '../features/inspector/InspectorBadge';
import { useAppStore } from './StoreProvider';

export function Header() {
  const station = useAppStore((s) => s.info.value?.station ?? '');
  const screen = useAppStore((s) => s.ui.screen);
  const { openPanel, togglePanel, toggleScreen } = useAppStore(
    useShallow((s) => ({ openPanel: s.openPanel, togglePanel: s.togglePanel, toggleScreen: s.toggleScreen })),
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
        aria-pressed={screen === 'reports'}
        onClick={() => toggleScreen('reports')}
      >
        Reports
      </button>
      <button
        type="button"
        data-testid="open-supervisor"
        aria-pressed={screen === 'supervisor'}
        onClick={() => toggleScreen('supervisor')}
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
