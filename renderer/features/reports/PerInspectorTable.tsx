import type { AgreementReport } from '../../../electron/shared/report';
import { RateCell } from './RateCell';
import { formatCount, formatDuration, formatKappa, formatPercent, sliceKeyName } from './reportFormat';

const RUBBER_STAMP_WHY =
  'Follows nearly every suggestion, quickly, including ones an unbiased label says were wrong: check the assisted reads of this inspector.';

export function PerInspectorTable({ rows }: { rows: AgreementReport['per_inspector'] }) {
  return (
    <section
      className="panel-section"
      aria-labelledby="report-per-inspector-title"
      data-testid="report-per-inspector"
    >
      <h2 id="report-per-inspector-title">Per inspector</h2>
      <p className="muted report-why">
        n, agreement and κ: this inspector&apos;s unbiased labels against the model. Override and
        followed-when-wrong: their assisted decisions.
      </p>
      {rows.length === 0 ? (
        <p className="muted">No human decisions in this period.</p>
      ) : (
        <div className="report-scroll">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Inspector</th>
                <th scope="col">n</th>
                <th scope="col">Agreement</th>
                <th scope="col">κ</th>
                <th scope="col">Assisted n</th>
                <th scope="col">Override rate</th>
                <th scope="col">Followed when wrong</th>
                <th scope="col">Median time to decide</th>
                <th scope="col">Flag</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.inspector} data-testid="per-inspector-row" data-inspector={r.inspector}>
                  <th scope="row">{sliceKeyName(r.inspector)}</th>
                  <td className="num">{formatCount(r.n)}</td>
                  <td className="num">{formatPercent(r.agreement)}</td>
                  <td className="num">{formatKappa(r.cohen_kappa)}</td>
                  <td className="num">{formatCount(r.assisted_n)}</td>
                  <RateCell p={r.override_rate} />
                  <RateCell p={r.followed_when_wrong} />
                  <td className="num">{formatDuration(r.median_time_to_decide_ms)}</td>
                  <td>
                    {r.rubber_stamp && (
                      <span className="rubber-stamp" data-testid="rubber-stamp" title={RUBBER_STAMP_WHY}>
                        ⚠ rubber stamp
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
