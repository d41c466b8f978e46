import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { levelName, selectLevelInForce } from '../supervisor/levels';
import { formatAgreement, formatCount, formatModel } from './statusSelectors';

export function StatusBar() {
  const { summary, status, error, info } = useAppStore(
    useShallow((s) => ({
      summary: s.stats.summary,
      status: s.stats.status,
      error: s.stats.error,
      info: s.info.value,
    })),
  );
  const level = useAppStore(selectLevelInForce);
  const openPanel = useAppStore((s) => s.openPanel);

  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Station status">
      <span title="Automation level in force">
        Level{' '}
        <strong data-testid="status-level" data-level={level ?? undefined}>
          {level ? levelName(level) : '…'}
        </strong>
      </span>
      <span>
        Pending <strong data-testid="status-pending">{formatCount(summary?.pending)}</strong>
      </span>
      <span>
        Decided today <strong data-testid="status-decided-today">{formatCount(summary?.decidedToday)}</strong>
      </span>
      <span title="Agreement between the inspectors' calls and the shadow model, on items both have judged">
        Agreement with model{' '}
        <strong data-testid="status-agreement">{formatAgreement(summary?.shadowAgreement)}</strong>
      </span>
      <span>
        Awaiting model{' '}
        <strong data-testid="status-awaiting-model">{formatCount(summary?.awaitingModel)}</strong>
      </span>
      <button
        type="button"
        className="link-button"
        data-testid="status-quarantined"
        onClick={() => openPanel('quarantine')}
      >
        Quarantined <strong>{formatCount(summary?.quarantined)}</strong>
      </button>
      <span className="status-model" data-testid="status-model">
        Model {formatModel(info)}
      </span>
      {status === 'error' && (
        <span className="inline-error" role="status">
          {error}
        </span>
      )}
    </footer>
  );
}
