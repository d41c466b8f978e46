import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { AuditTrail } from './AuditTrail';
import { CurrentPolicy } from './CurrentPolicy';
import { PolicyForm } from './PolicyForm';
import { WhatIfPanel } from './WhatIfPanel';

/** The supervisor's screen: the policy in force and its history, the edit form with its what-if, the audit trail. */
export function SupervisorScreen() {
  const { loadPolicy, loadSupervisorStatus, loadAudit, refreshWhatIf, openScreen } = useAppStore(
    useShallow((s) => ({
      loadPolicy: s.loadPolicy,
      loadSupervisorStatus: s.loadSupervisorStatus,
      loadAudit: s.loadAudit,
      refreshWhatIf: s.refreshWhatIf,
      openScreen: s.openScreen,
    })),
  );
  useEffect(() => {
    void loadPolicy();
    void loadSupervisorStatus();
    void loadAudit();
    // Labels decided while the screen was closed: figures from an earlier visit are stale.
    refreshWhatIf();
  }, [loadPolicy, loadSupervisorStatus, loadAudit, refreshWhatIf]);

  return (
    <section className="screen" data-testid="supervisor-screen" aria-labelledby="supervisor-title">
      <div className="screen-head">
        <h1 id="supervisor-title">Supervisor</h1>
        <button type="button" data-testid="close-supervisor" onClick={() => openScreen('review')}>
          Back to review
        </button>
      </div>
      <div className="supervisor-grid">
        <div className="supervisor-column">
          <CurrentPolicy />
          <PolicyForm />
        </div>
        <div className="supervisor-column">
          <WhatIfPanel />
          <AuditTrail />
        </div>
      </div>
    </section>
  );
}
