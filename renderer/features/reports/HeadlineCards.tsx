import type { AgreementBlock, AgreementReport, ReportProportion } from '../../../electron/shared/report';
import {
  formatCoefficient,
  formatCoefficientInterval,
  formatCount,
  formatFraction,
  formatKappa,
  formatPercent,
  formatPercentInterval,
} from './reportFormat';

type CardProps = {
  label: string;
  figure: string;
  detail: string;
  n: number;
  testId: string;
  value: number | null;
  undefinedFigure?: boolean;
};

function Card({ label, figure, detail, n, testId, value, undefinedFigure }: CardProps) {
  return (
    <div className="report-card">
      <span className="muted">{label}</span>
      <span
        className={undefinedFigure ? 'figure figure-undefined' : 'figure'}
        data-testid={testId}
        data-value={value ?? ''}
      >
        {figure}
      </span>
      <span className="detail">{detail}</span>
      <span className="detail" data-testid={`${testId}-n`}>
        n = {formatCount(n)}
      </span>
    </div>
  );
}

function RateCard({
  label,
  p,
  testId,
  meaning,
}: {
  label: string;
  p: ReportProportion;
  testId: string;
  meaning: string;
}) {
  return (
    <div className="report-card" title={meaning}>
      <span className="muted">{label}</span>
      <span className="figure" data-testid={testId} data-value={p.value ?? ''}>
        {formatPercent(p.value)}
      </span>
      <span className="detail">{formatPercentInterval(p.ci95)}</span>
      <span className="detail" data-testid={`${testId}-n`}>
        {formatFraction(p)}
      </span>
    </div>
  );
}

/** The four agreement figures of one block as cards; κ says "undefined" where it has no value. */
function AgreementCards({ block, prefix }: { block: AgreementBlock; prefix: string }) {
  return (
    <>
      <Card
        label="Observed agreement"
        figure={formatPercent(block.agreement)}
        detail={formatPercentInterval(block.agreement_ci95)}
        n={block.n}
        value={block.agreement}
        testId={`${prefix}-agreement`}
      />
      <Card
        label="Cohen's κ"
        figure={formatKappa(block.cohen_kappa)}
        detail={
          block.cohen_kappa === null
            ? 'both raters used one class'
            : formatCoefficientInterval(block.cohen_kappa_ci95)
        }
        n={block.n}
        value={block.cohen_kappa}
        undefinedFigure={block.cohen_kappa === null}
        testId={`${prefix}-kappa`}
      />
      <Card
        label="Gwet's AC1"
        figure={formatCoefficient(block.gwet_ac1)}
        detail={formatCoefficientInterval(block.gwet_ac1_ci95)}
        n={block.n}
        value={block.gwet_ac1}
        testId={`${prefix}-ac1`}
      />
      <Card
        label="PABAK"
        figure={formatCoefficient(block.pabak)}
        detail={formatCoefficientInterval(block.pabak_ci95)}
        n={block.n}
        value={block.pabak}
        testId={`${prefix}-pabak`}
      />
    </>
  );
}

function HumanHuman({ block }: { block: AgreementBlock | null }) {
  return (
    <div data-testid="report-human-human">
      <h3>Human–human baseline</h3>
      <p className="muted report-why">
        First read against a blind second read of the same item: how far two people agree.
      </p>
      {block && block.n > 0 ? (
        <div className="report-cards">
          <AgreementCards block={block} prefix="report-hh" />
        </div>
      ) : (
        <p data-testid="report-human-human-none">
          Not enough double reviews in this period (set a double-review share in the policy).
        </p>
      )}
    </div>
  );
}

function Assisted({ block }: { block: AgreementBlock }) {
  return (
    <div className="anchored" data-testid="report-assisted">
      <h3>Assisted decisions (anchored)</h3>
      <p className="muted report-why">
        Humans saw the model&apos;s suggestion, so they lean towards it: this agreement is inflated and says
        little about the model. For reference only.
      </p>
      {block.n > 0 ? (
        <div className="report-cards">
          <AgreementCards block={block} prefix="report-assisted" />
        </div>
      ) : (
        <p className="muted">No assisted decisions in this period.</p>
      )}
    </div>
  );
}

/** Model against unbiased human labels, with the human–human baseline and the anchored figures beside it. */
export function HeadlineCards({ report }: { report: AgreementReport }) {
  const o = report.overall;
  return (
    <section className="panel-section" aria-labelledby="report-overall-title" data-testid="report-overall">
      <h2 id="report-overall-title">Model vs unbiased human labels</h2>
      <div className="report-cards">
        <Card
          label="Unbiased labels"
          figure={formatCount(o.n)}
          detail="decided without a visible suggestion"
          n={o.n}
          value={o.n}
          testId="report-n"
        />
        <AgreementCards block={o} prefix="report" />
        <RateCard
          label="Escape rate"
          p={o.escape_rate}
          testId="report-escape-rate"
          meaning="Defects (by the human) the model would pass: fn / (tp + fn)"
        />
        <RateCard
          label="False-reject rate"
          p={o.false_reject_rate}
          testId="report-false-reject"
          meaning="Good items (by the human) the model would fail: fp / (fp + tn)"
        />
      </div>
      <p className="report-why" data-testid="report-why-three">
        Why three coefficients: at a low defect rate κ can sit near 0 while model and human agree on almost
        every item (the kappa paradox); Gwet&apos;s AC1 and PABAK stay interpretable there. Read them
        together, each with its n.
      </p>
      <div className="report-compare">
        <HumanHuman block={report.human_human} />
        <Assisted block={report.assisted} />
      </div>
    </section>
  );
}
