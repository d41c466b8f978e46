import { useShallow } from 'zustand/react/shallow';
import { ImportDialog } from '../features/ingest/ImportDialog';
import { ImportStrip } from '../features/ingest/ImportStrip';
import { StartScreen } from '../features/inspector/StartScreen';
import { QuarantineDialog } from '../features/quarantine/QuarantineDialog';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { ShortcutSheet } from '../features/review/ShortcutSheet';
import { HotFolderDialog } from '../features/settings/HotFolderDialog';
import { StatusBar } from '../features/status/StatusBar';
import { SupervisorScreen } from '../features/supervisor/SupervisorScreen';
import { ErrorBanner } from '../ui/ErrorBanner';
import { FullScreenMessage } from '../ui/FullScreenMessage';
import { Header } from './Header';
import { useAppStore } from './StoreProvider';

function OpenPanel() {
  const panel = useAppStore((s) => s.ui.panel);
  switch (panel) {
    case 'import':
      return <ImportDialog />;
    case 'quarantine':
      return <QuarantineDialog />;
    case 'settings':
      return <HotFolderDialog />;
    case 'shortcuts':
      return <ShortcutSheet />;
    case null:
      return null;
  }
}

function MainScreen() {
  const screen = useAppStore((s) => s.ui.screen);
  const hasInspector = useAppStore((s) => s.inspector.name !== null);
  switch (screen) {
    case 'supervisor':
      return <SupervisorScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'review':
      return hasInspector ? <ReviewScreen /> : <StartScreen />;
  }
}

export function App() {
  const info = useAppStore(
    useShallow((s) => ({ status: s.info.status, error: s.info.error, unauthorized: s.info.unauthorized })),
  );
  const loadInfo = useAppStore((s) => s.loadInfo);

  if (info.unauthorized) {
    return (
      <FullScreenMessage title="The access token was not accepted">
        <p>
          Open the address printed by <code>loupe serve</code> (it carries the access token). A restarted
          server prints a new one.
        </p>
      </FullScreenMessage>
    );
  }
  if (info.status === 'error') {
    return (
      <FullScreenMessage title="Loupe is not reachable">
        <p>{info.error}</p>
        <button type="button" onClick={() => void loadInfo()}>
          Try again
        </button>
      </FullScreenMessage>
    );
  }
  if (info.status !== 'ready') return <FullScreenMessage title="Connecting to Loupe…" />;

  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <ImportStrip />
      <main className="app-main">
        <MainScreen />
      </main>
      <StatusBar />
      <OpenPanel />
    </div>
  );
}
