import type { ReportProportion } from '../../../electron/shared/report';
import { formatFraction, formatPercent, formatPercentInterval } from './reportFormat';

/** A rate in a table: the figure, then its interval and counts in small print under it. */
export function RateCell({ p, testId }: { p: ReportProportion; testId?: string }) {
  return (
    <td className="num" data-testid={testId} data-value={p.value ?? ''}>
      {formatPercent(p.value)}
      <span className="ci">{formatPercentInterval(p.ci95)}</span>
      <span className="ci">{formatFraction(p)}</span>
    </td>
  );
}
