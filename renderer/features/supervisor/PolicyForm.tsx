import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { draftProblem, sameSettings, settingsOf } from '../../app/policyDraft';
import { useAppStore } from '../../app/StoreProvider';
import { ApplyPolicyDialog } from './ApplyPolicyDialog';
import { BandEditor } from './BandEditor';
import { LevelChoice } from './LevelChoice';
import { RatesFields } from './RatesFields';

function NotConfigured() {
  return (
    <div className="notice" data-testid="supervisor-not-configured">
      <p>
        No supervisor is set up on this station, so the policy cannot be changed yet. On the station computer
        run:
      </p>
      <pre>
        <code>npx loupe supervisor init --password … --data …</code>
      </pre>
      <p className="muted">
        Use the station&apos;s data folder for --data; the name and password are then asked for here.
      </p>
    </div>
  );
}

/** The edit form: a draft of the settings, applied as a new policy version with name, password and reason. */
export function PolicyForm() {
  const { settings, current, supervisor, apply } = useAppStore(
    useShallow((s) => ({
      settings: s.policyDraft.settings,
      current: s.policy.current,
      supervisor: s.supervisor,
      apply: s.policyApply,
    })),
  );
  const { editPolicyDraft, resetPolicyDraft, clearPolicyApply } = useAppStore(
    useShallow((s) => ({
      editPolicyDraft: s.editPolicyDraft,
      resetPolicyDraft: s.resetPolicyDraft,
      clearPolicyApply: s.clearPolicyApply,
    })),
  );
  const [confirming, setConfirming] = useState(false);
  if (!settings) return <p className="muted">Loading the policy…</p>;

  const problem = draftProblem(settings);
  const changed = current ? !sameSettings(settings, settingsOf(current)) : true;
  const canApply = supervisor.configured && !problem && changed;
  const open = () => {
    clearPolicyApply();
    setConfirming(true);
  };

  return (
    <section className="panel-section policy-form" aria-labelledby="policy-form-title">
      <h2 id="policy-form-title">Change the policy</h2>
      <LevelChoice value={settings.level} onChange={(level) => editPolicyDraft((s) => ({ ...s, level }))} />
      <BandEditor settings={settings} />
      <RatesFields
        settings={settings}
        onChange={(key, share) => editPolicyDraft((s) => ({ ...s, [key]: share }))}
      />
      {problem && (
        <p role="alert" className="inline-error">
          {problem}
        </p>
      )}
      {supervisor.status === 'ready' && !supervisor.configured && <NotConfigured />}
      {supervisor.status === 'error' && <p className="inline-error">{supervisor.error}</p>}
      <div className="apply-actions">
        <button
          type="button"
          className="btn-primary"
          data-testid="policy-apply"
          disabled={!canApply}
          onClick={open}
        >
          Apply…
        </button>
        <button type="button" disabled={!changed} onClick={resetPolicyDraft}>
          Discard changes
        </button>
        {apply.status === 'ready' && apply.appliedVersion !== null && (
          <span className="applied" role="status" data-testid="policy-applied">
            Version {apply.appliedVersion} is in force.
          </span>
        )}
      </div>
      {confirming && <ApplyPolicyDialog onClose={() => setConfirming(false)} />}
    </section>
  );
}
