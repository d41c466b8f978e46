import { useAppStore } from '../../app/StoreProvider';
import { toPercent } from '../../app/policyDraft';
import type { PolicyDto } from '../../../electron/shared/contract';
import { levelName } from './levels';

const bandText = (b: { t_ok: number; t_defect: number }) => `${b.t_ok.toFixed(3)} – ${b.t_defect.toFixed(3)}`;
const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
};

function ClassBands({ policy }: { policy: PolicyDto }) {
  const entries = Object.entries(policy.classBands);
  if (entries.length === 0) return <>none (every class uses the default band)</>;
  return <>{entries.map(([c, b]) => `${c} ${bandText(b)}`).join(' · ')}</>;
}

/** The policy in force, then every earlier version: who changed what, when and why. */
export function CurrentPolicy() {
  const { status, current, history, error } = useAppStore((s) => s.policy);
  if (status === 'error') return <p className="inline-error">{error}</p>;
  if (!current) return <p className="muted">Loading the policy…</p>;
  return (
    <section className="panel-section current-policy" aria-labelledby="current-policy-title">
      <h2 id="current-policy-title">Policy in force</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="policy-version">{current.version}</dd>
        <dt>Level</dt>
        <dd data-testid="policy-current-level">{levelName(current.level)}</dd>
        <dt>Band (t_ok – t_defect)</dt>
        <dd>{bandText(current.band)}</dd>
        <dt>Per-class bands</dt>
        <dd>
          <ClassBands policy={current} />
        </dd>
        <dt>Audit rate</dt>
        <dd>{toPercent(current.auditRate)} %</dd>
        <dt>Blind-first-read share</dt>
        <dd>{toPercent(current.blindFirstReadShare)} %</dd>
        <dt>Double-review share</dt>
        <dd>{toPercent(current.doubleReviewShare)} %</dd>
        <dt>Changed</dt>
        <dd>
          by {current.createdBy}, {when(current.createdAt)}: “{current.reason}”
        </dd>
      </dl>
      <details className="policy-history">
        <summary>Version history ({history.length})</summary>
        <table data-testid="policy-history">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Level</th>
              <th scope="col">Band</th>
              <th scope="col">Audit</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {history.map((p) => (
              <tr key={p.id}>
                <td>{p.version}</td>
                <td>{levelName(p.level)}</td>
                <td>{bandText(p.band)}</td>
                <td>{toPercent(p.auditRate)} %</td>
                <td>{p.createdBy}</td>
                <td>{when(p.createdAt)}</td>
                <td>{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
