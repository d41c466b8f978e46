import type { PolicySettings } from '../../../electron/shared/contract';
import { fromPercent, toPercent } from '../../app/policyDraft';
import { NumberField } from '../../ui/NumberField';

type RateKey = 'auditRate' | 'blindFirstReadShare' | 'doubleReviewShare';

const RATES: readonly { key: RateKey; label: string; help: string; testId: string }[] = [
  {
    key: 'auditRate',
    label: 'Audit rate',
    help: 'share of auto-decided items also sent to a human, blind',
    testId: 'policy-audit-rate',
  },
  {
    key: 'blindFirstReadShare',
    label: 'Blind-first-read share',
    help: 'AI assist / partial: share of human items read blind first, the suggestion shown after a provisional call',
    testId: 'policy-blind-first-read',
  },
  {
    key: 'doubleReviewShare',
    label: 'Double-review share',
    help: 'share of human items a second inspector decides, blind',
    testId: 'policy-double-review',
  },
];

export function RatesFields({
  settings,
  onChange,
}: {
  settings: PolicySettings;
  onChange: (key: RateKey, share: number) => void;
}) {
  return (
    <fieldset className="rates">
      <legend>Sampling</legend>
      {RATES.map((r) => (
        <div key={r.key} className="rate">
          <span className="rate-label">
            {r.label}
            <span className="muted"> — {r.help}</span>
          </span>
          <NumberField
            label={`${r.label} in percent`}
            testId={r.testId}
            value={toPercent(settings[r.key])}
            min={0}
            max={100}
            step={0.1}
            suffix="%"
            onCommit={(pct) => onChange(r.key, fromPercent(pct))}
          />
        </div>
      ))}
    </fieldset>
  );
}
