import { useShallow } from 'zustand/react/shallow';
import type { Band, PolicySettings } from '../../../electron/shared/contract';
import { bandFor, hasOwnBand, setBandEdge, withBand, withoutClassBand } from '../../app/policyDraft';
import { useAppStore } from '../../app/StoreProvider';
import { NumberField } from '../../ui/NumberField';
import { selectDefectClasses } from '../review/reviewSelectors';

function Threshold({
  edge,
  band,
  disabled,
  onBand,
}: {
  edge: keyof Band;
  band: Band;
  disabled: boolean;
  onBand: (band: Band) => void;
}) {
  const id = edge === 't_ok' ? 'policy-t-ok' : 'policy-t-defect';
  const label = edge === 't_ok' ? 't_ok — below: auto OK' : 't_defect — at or above: auto Defect';
  return (
    <div className="threshold">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.001}
        value={band[edge]}
        disabled={disabled}
        data-testid={id}
        onChange={(e) => onBand(setBandEdge(band, edge, Number(e.target.value)))}
      />
      <NumberField
        label={edge}
        testId={`${id}-value`}
        value={band[edge]}
        min={0}
        max={1}
        step={0.001}
        disabled={disabled}
        onCommit={(v) => onBand(setBandEdge(band, edge, v))}
      />
    </div>
  );
}

/** The three bands on p: auto OK below t_ok, auto Defect from t_defect, humans between; per class if set. */
export function BandEditor({ settings }: { settings: PolicySettings }) {
  const classes = useAppStore(selectDefectClasses);
  const target = useAppStore((s) => s.policyDraft.target);
  const { editPolicyDraft, setBandTarget } = useAppStore(
    useShallow((s) => ({ editPolicyDraft: s.editPolicyDraft, setBandTarget: s.setBandTarget })),
  );
  const band = bandFor(settings, target);
  const own = hasOwnBand(settings, target);
  const editable = target === null || own;
  const onBand = (next: Band) => editPolicyDraft((s) => withBand(s, target, next));
  const defects = classes.filter((c) => c !== 'ok');

  return (
    <fieldset className="band-editor">
      <legend>Bands on the defect probability p</legend>
      <label className="band-target">
        <span>Band for</span>
        <select
          data-testid="policy-band-target"
          value={target ?? ''}
          onChange={(e) => setBandTarget(e.target.value || null)}
        >
          <option value="">All classes (default band)</option>
          {defects.map((c) => (
            <option key={c} value={c}>
              {c}
              {settings.classBands[c] ? ' (own band)' : ''}
            </option>
          ))}
        </select>
      </label>
      {target !== null && (
        <label className="own-band">
          <input
            type="checkbox"
            data-testid="policy-class-band-own"
            checked={own}
            onChange={(e) =>
              editPolicyDraft((s) =>
                e.target.checked ? withBand(s, target, s.band) : withoutClassBand(s, target),
              )
            }
          />
          <span>
            {target} has its own band {own ? '' : '(now it uses the default band)'}
          </span>
        </label>
      )}
      <Threshold edge="t_ok" band={band} disabled={!editable} onBand={onBand} />
      <Threshold edge="t_defect" band={band} disabled={!editable} onBand={onBand} />
      <p className="band-summary muted" data-testid="policy-band-summary">
        p &lt; {band.t_ok.toFixed(3)} → auto OK · {band.t_ok.toFixed(3)} ≤ p &lt; {band.t_defect.toFixed(3)} →
        human · p ≥ {band.t_defect.toFixed(3)} → auto Defect
      </p>
    </fieldset>
  );
}
