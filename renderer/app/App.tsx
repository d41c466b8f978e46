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
    // A full screen in the main area, not a dialog over the review.
    case 'supervisor':
    case null:
      return null;
  }
}

export function App() {
  const info = useAppStore(
    useShallow((s) => ({ status: s.info.status, error: s.info.error, unauthorized: s.info.unauthorized })),
  );
  const loadInfo = useAppStore((s) => s.loadInfo);
  const hasInspector = useAppStore((s) => s.inspector.name !== null);
  const supervising = useAppStore((s) => s.ui.panel === 'supervisor');
  const reporting = useAppStore((s) => s.reports.open);

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
        {supervising ? (
          <SupervisorScreen />
        ) : reporting ? (
          <ReportsScreen />
        ) : hasInspector ? (
          <ReviewScreen />
        ) : (
          <StartScreen />
        )}
      </main>
      <StatusBar />
      <OpenPanel />
    </div>
  );
}
