import type { AgreementReport } from '../../../electron/shared/report';
import { formatCount } from './reportFormat';

type Binary = AgreementReport['overall']['confusion'];

function Cell({ count, agree, testId }: { count: number; agree: boolean; testId: string }) {
  return (
    <td className={agree ? 'agree' : 'disagree'} data-testid={testId}>
      {formatCount(count)}
    </td>
  );
}

/** Rows are the reference (the human), columns the prediction (the model): DOMAIN.md orientation. */
function BinaryMatrix({ c }: { c: Binary }) {
  return (
    <table className="confusion" data-testid="confusion-binary">
      <caption className="muted">Defect / OK</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">model says defect</th>
          <th scope="col">model says OK</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">human says defect</th>
          <Cell count={c.tp} agree testId="confusion-tp" />
          <Cell count={c.fn} agree={false} testId="confusion-fn" />
        </tr>
        <tr>
          <th scope="row">human says OK</th>
          <Cell count={c.fp} agree={false} testId="confusion-fp" />
          <Cell count={c.tn} agree testId="confusion-tn" />
        </tr>
      </tbody>
    </table>
  );
}

function ClassMatrix({ labels, matrix }: AgreementReport['class_confusion']) {
  if (labels.length === 0) return <p className="muted">No per-class labels.</p>;
  return (
    <table className="confusion" data-testid="confusion-classes">
      <caption className="muted">By class (rows: human says, columns: model says)</caption>
      <thead>
        <tr>
          <td />
          {labels.map((l) => (
            <th key={l} scope="col">
              model says {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {labels.map((row, i) => (
          <tr key={row}>
            <th scope="row">human says {row}</th>
            {labels.map((col, j) => (
              <Cell
                key={col}
                count={matrix[i]?.[j] ?? 0}
                agree={i === j}
                testId={`confusion-${row}-${col}`}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ConfusionMatrices({ report }: { report: AgreementReport }) {
  return (
    <section
      className="panel-section"
      aria-labelledby="report-confusion-title"
      data-testid="report-confusion"
    >
      <h2 id="report-confusion-title">Confusion</h2>
      <p className="muted report-why">
        Unbiased labels; the model says defect at a defect probability of {report.model_threshold} or more.
      </p>
      <div className="confusion-pair">
        <BinaryMatrix c={report.overall.confusion} />
        <ClassMatrix labels={report.class_confusion.labels} matrix={report.class_confusion.matrix} />
      </div>
    </section>
  );
}
