import type { AgreementReport } from '../../../electron/shared/report';
import { formatCount, formatFilters, formatPeriod, formatWhen, shortHash } from './reportFormat';

function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <code title={value} data-testid={testId}>
      {shortHash(value)}
    </code>
  );
}

/** What the figures were computed from, so a printed or exported report can be traced and reproduced. */
export function ProvenanceFooter({ report }: { report: AgreementReport }) {
  return (
    <footer
      className="panel-section report-provenance"
      aria-labelledby="report-provenance-title"
      data-testid="report-provenance"
    >
      <h2 id="report-provenance-title">Provenance</h2>
      <dl className="facts">
        <dt>Period</dt>
        <dd data-testid="provenance-period">{formatPeriod(report.period)}</dd>
        <dt>Filters</dt>
        <dd>{formatFilters(report.filters)}</dd>
        <dt>Model versions</dt>
        <dd>
          {report.model_versions.length === 0 ? (
            'none'
          ) : (
            <ul>
              {report.model_versions.map((m) => (
                <li key={`${m.id}@${m.version}`}>
                  {m.id}@{m.version} sha256 <Hash value={m.sha256} testId="provenance-model-sha" />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Model threshold</dt>
        <dd>defect at p ≥ {report.model_threshold}</dd>
        <dt>Policy versions</dt>
        <dd>
          {report.policy_versions.length === 0 ? (
            'none'
          ) : (
            <ul>
              {report.policy_versions.map((p) => (
                <li key={`${p.version}-${p.created_at}`}>
                  v{p.version} {p.level}, by {p.created_by} at {p.created_at}: “{p.reason}”
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Generated</dt>
        <dd>
          {formatWhen(report.generated_at)} by {report.generated_by}
        </dd>
        <dt>Decision rows</dt>
        <dd data-testid="provenance-rows">
          {formatCount(report.row_count)} (corrections and retractions included)
        </dd>
        <dt>CSV sha256</dt>
        <dd>{report.csv_sha256 ? <Hash value={report.csv_sha256} /> : 'not computed for the dashboard'}</dd>
        <dt>Audit head</dt>
        <dd>
          {report.audit_head ? (
            <Hash value={report.audit_head} testId="provenance-audit-head" />
          ) : (
            'not recorded'
          )}
        </dd>
      </dl>
    </footer>
  );
}
