import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatPercent, formatWilsonInterval } from '../../../electron/shared/format';
import type { Proportion } from '../../../electron/shared/proportion';
import type { WhatIfFigures } from '../../../electron/shared/whatif';
import { useAppStore } from '../../app/StoreProvider';
import { WhatIfCurve } from './WhatIfCurves';
import {
  formatPerHour,
  notEnoughMessage,
  selectDistribution,
  selectWhatIfTarget,
  whatIfCurves,
  whatIfView,
} from './whatIfSelectors';

/** Exact figures are asked for once a threshold has rested this long (the slider was let go). */
const EXACT_AFTER_MS = 400;

function Row({ label, p, testId }: { label: string; p: Proportion; testId: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-testid={testId} data-value={p.value ?? ''}>
        {formatPercent(p.value)}
      </td>
      <td className="muted">{formatWilsonInterval(p)}</td>
      <td className="muted">
        {p.x.toLocaleString()} of n = {p.n.toLocaleString()}
      </td>
    </tr>
  );
}

function Figures({ figures }: { figures: WhatIfFigures }) {
  return (
    <table className="whatif-figures">
      <tbody>
        <Row label="Auto-pass share" p={figures.autoPass} testId="whatif-auto-pass" />
        <Row label="Auto-fail share" p={figures.autoFail} testId="whatif-auto-fail" />
        <Row label="Human share" p={figures.human} testId="whatif-human" />
        <tr>
          <th scope="row">Human workload</th>
          <td data-testid="whatif-workload" colSpan={3}>
            {formatPerHour(figures.humanItemsPerHour)}
            {figures.itemsPerHour !== null && (
              <span className="muted"> of {formatPerHour(figures.itemsPerHour)} arriving</span>
            )}
          </td>
        </tr>
        <Row label="Escape rate" p={figures.escapeRate} testId="whatif-escape-rate" />
        <Row label="False-reject rate" p={figures.falseRejectRate} testId="whatif-false-reject" />
      </tbody>
    </table>
  );
}

/** Threshold what-if on unbiased labels (DOMAIN.md): live while dragging, exact once released. */
export function WhatIfPanel() {
  const target = useAppStore(useShallow(selectWhatIfTarget));
  const defectClass = target?.defectClass ?? null;
  const distribution = useAppStore((s) => selectDistribution(s, defectClass));
  const exact = useAppStore((s) => s.whatIf.exact);
  const { loadWhatIfDistribution, computeExactWhatIf } = useAppStore(
    useShallow((s) => ({
      loadWhatIfDistribution: s.loadWhatIfDistribution,
      computeExactWhatIf: s.computeExactWhatIf,
    })),
  );
  const distStatus = distribution?.status;
  useEffect(() => {
    if (distStatus === undefined) void loadWhatIfDistribution(defectClass);
  }, [distStatus, defectClass, loadWhatIfDistribution]);

  const tOk = target?.band.t_ok;
  const tDefect = target?.band.t_defect;
  useEffect(() => {
    if (tOk === undefined || tDefect === undefined) return;
    const timer = setTimeout(
      () => void computeExactWhatIf({ t_ok: tOk, t_defect: tDefect }, defectClass),
      EXACT_AFTER_MS,
    );
    return () => clearTimeout(timer);
  }, [tOk, tDefect, defectClass, computeExactWhatIf]);

  const dist = distribution?.value ?? null;
  const view = useMemo(
    () => (target ? whatIfView(dist, exact, target.band, defectClass) : null),
    [dist, exact, target, defectClass],
  );
  const curves = useMemo(() => (dist ? whatIfCurves(dist) : null), [dist]);

  let body;
  if (!view) {
    body =
      distribution?.status === 'error' ? (
        <p role="alert" className="inline-error">
          {distribution.error}
        </p>
      ) : (
        <p className="muted">Loading the labelled items…</p>
      );
  } else if (!view.figures.enough) {
    body = (
      <p className="whatif-not-enough" data-testid="whatif-not-enough">
        {notEnoughMessage(view.figures)}
      </p>
    );
  } else {
    const f = view.figures;
    body = (
      <>
        <Figures figures={f} />
        {curves && target && (
          <div className="whatif-curves">
            <WhatIfCurve
              title="Escape rate vs auto-pass share"
              xLabel="auto-pass share"
              yLabel="over t_ok"
              points={curves.pass}
              current={f.autoPass.value === null ? null : { x: f.autoPass.value, y: f.escapeRate.value ?? 0 }}
              mark={`t_ok = ${target.band.t_ok.toFixed(3)}`}
              testId="whatif-curve-pass"
            />
            <WhatIfCurve
              title="False-reject rate vs auto-fail share"
              xLabel="auto-fail share"
              yLabel="over t_defect"
              points={curves.fail}
              current={
                f.autoFail.value === null ? null : { x: f.autoFail.value, y: f.falseRejectRate.value ?? 0 }
              }
              mark={`t_defect = ${target.band.t_defect.toFixed(3)}`}
              testId="whatif-curve-fail"
            />
          </div>
        )}
      </>
    );
  }

  return (
    <section className="panel-section whatif" aria-labelledby="whatif-title" data-testid="whatif">
      <h2 id="whatif-title">What-if {defectClass ? `for ${defectClass}` : 'for all defects'}</h2>
      <p className="muted" data-testid="whatif-source" data-source={view?.source ?? 'none'}>
        {view?.source === 'exact' ? 'Exact figures' : 'Live estimate'} from{' '}
        {view ? view.figures.labelled.n.toLocaleString() : '…'} unbiased labels (
        {view ? view.figures.labelled.defects.toLocaleString() : '…'} defects): decisions made without a
        visible suggestion.
      </p>
      {exact.status === 'error' && exact.error && <p className="inline-error">{exact.error}</p>}
      {body}
    </section>
  );
}
