import type { AgreementReport } from '../../../electron/shared/report';
import { RateCell } from './RateCell';
import { formatCoefficient, formatCount } from './reportFormat';

/** One-vs-rest figures per class on unbiased labels; support is how many items the human put in it. */
export function PerClassTable({ rows }: { rows: AgreementReport['per_class'] }) {
  return (
    <section
      className="panel-section"
      aria-labelledby="report-per-class-title"
      data-testid="report-per-class"
    >
      <h2 id="report-per-class-title">Per class</h2>
      {rows.length === 0 ? (
        <p className="muted">No classes in this period.</p>
      ) : (
        <div className="report-scroll">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Support</th>
                <th scope="col">Precision</th>
                <th scope="col">Recall</th>
                <th scope="col">Specificity</th>
                <th scope="col">F1</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label} data-testid={`per-class-${r.label}`}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{formatCount(r.support)}</td>
                  <RateCell p={r.precision} />
                  <RateCell p={r.recall} />
                  <RateCell p={r.specificity} />
                  {/* F1 has no interval: it is not a proportion of counted items. */}
                  <td className="num">{formatCoefficient(r.f1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
