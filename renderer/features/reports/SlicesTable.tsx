import { useState } from 'react';
import type { AgreementReport } from '../../../electron/shared/report';
import { RateCell } from './RateCell';
import {
  formatCoefficient,
  formatCount,
  formatKappa,
  formatPercent,
  formatPercentInterval,
  sliceKeyName,
} from './reportFormat';

type Dimension = keyof AgreementReport['slices'];

export const SLICE_DIMENSIONS: readonly { key: Dimension; name: string }[] = [
  { key: 'model_version', name: 'Model version' },
  { key: 'inspector', name: 'Inspector' },
  { key: 'station', name: 'Station' },
  { key: 'automation_level', name: 'Automation level' },
  { key: 'source', name: 'Source' },
  { key: 'confidence_bucket', name: 'Confidence (defect probability)' },
  { key: 'defect_class', name: 'Defect class (human)' },
];

const isDimension = (value: string): value is Dimension => SLICE_DIMENSIONS.some((d) => d.key === value);

/** The overall figures broken down by one dimension at a time, each row with its own n. */
export function SlicesTable({ slices }: { slices: AgreementReport['slices'] }) {
  const [dimension, setDimension] = useState<Dimension>('model_version');
  const rows = slices[dimension];
  return (
    <section className="panel-section" aria-labelledby="report-slices-title" data-testid="report-slices">
      <h2 id="report-slices-title">Slices</h2>
      <label>
        By{' '}
        <select
          data-testid="report-slice-dimension"
          value={dimension}
          onChange={(e) => {
            if (isDimension(e.target.value)) setDimension(e.target.value);
          }}
        >
          {SLICE_DIMENSIONS.map((d) => (
            <option key={d.key} value={d.key}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {rows.length === 0 ? (
        <p className="muted">No unbiased labels to slice.</p>
      ) : (
        <div className="report-scroll">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{SLICE_DIMENSIONS.find((d) => d.key === dimension)?.name}</th>
                <th scope="col">n</th>
                <th scope="col">Agreement</th>
                <th scope="col">κ</th>
                <th scope="col">AC1</th>
                <th scope="col">PABAK</th>
                <th scope="col">Escape rate</th>
                <th scope="col">False-reject rate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="slice-row" data-key={r.key}>
                  <th scope="row">{sliceKeyName(r.key)}</th>
                  <td className="num">{formatCount(r.n)}</td>
                  <td className="num">
                    {formatPercent(r.agreement)}
                    <span className="ci">{formatPercentInterval(r.agreement_ci95)}</span>
                  </td>
                  <td className="num">{formatKappa(r.cohen_kappa)}</td>
                  <td className="num">{formatCoefficient(r.gwet_ac1)}</td>
                  <td className="num">{formatCoefficient(r.pabak)}</td>
                  <RateCell p={r.escape_rate} />
                  <RateCell p={r.false_reject_rate} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
