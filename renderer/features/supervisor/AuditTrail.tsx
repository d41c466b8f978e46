import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';
import { describeVerification } from './auditText';

/** The hash-chained audit log, newest first as the services list it, and a check that the chain is intact. */
export function AuditTrail() {
  const { status, entries, error, verify } = useAppStore(useShallow((s) => s.audit));
  const { loadAudit, verifyAudit } = useAppStore(
    useShallow((s) => ({ loadAudit: s.loadAudit, verifyAudit: s.verifyAudit })),
  );
  return (
    <section className="panel-section audit-trail" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <div className="apply-actions">
        <button
          type="button"
          data-testid="audit-verify"
          disabled={verify.status === 'loading'}
          onClick={() => void verifyAudit()}
        >
          Verify audit trail
        </button>
        <button type="button" disabled={status === 'loading'} onClick={() => void loadAudit()}>
          Refresh
        </button>
        {verify.status === 'loading' && <span className="muted">Checking every entry…</span>}
        {verify.result && (
          <strong
            className={verify.result.ok ? 'verify-ok' : 'inline-error'}
            data-testid="audit-verify-result"
            data-ok={String(verify.result.ok)}
            role="status"
          >
            {describeVerification(verify.result)}
          </strong>
        )}
        {verify.result?.head && (
          <span
            className="muted"
            data-testid="audit-head"
            title="Hash of the last entry: note it down to detect a truncated trail later"
          >
            last hash {verify.result.head.slice(0, 12)}…
          </span>
        )}
        {verify.error && (
          <span className="inline-error" data-testid="audit-verify-result" data-ok="unknown" role="status">
            {verify.error}
          </span>
        )}
      </div>
      {error && <p className="inline-error">{error}</p>}
      {status === 'ready' && entries.length === 0 && <p className="muted">No entries yet.</p>}
      {entries.length > 0 && (
        <div className="audit-scroll">
          <table className="audit-table" data-testid="audit-list">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="audit-entry">
                  <td>{e.id}</td>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.actor}</td>
                  <td>{e.action}</td>
                  <td className="path-cell">{e.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
