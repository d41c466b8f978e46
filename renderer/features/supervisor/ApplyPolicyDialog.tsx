import { useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { reasonSchema } from '../../app/policyDraft';
import { useAppStore } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';

/** Who changes the policy and why: both go into the policy's history and the audit trail. */
export function ApplyPolicyDialog({ onClose }: { onClose: () => void }) {
  const { names, apply } = useAppStore(
    useShallow((s) => ({ names: s.supervisor.names, apply: s.policyApply })),
  );
  const applyPolicy = useAppStore((s) => s.applyPolicy);
  const [name, setName] = useState(names.length === 1 ? (names[0] ?? '') : '');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !password) {
      setProblem('Enter the supervisor name and password.');
      return;
    }
    const checked = reasonSchema.safeParse(reason);
    if (!checked.success) {
      setProblem(
        `A reason is required: ${checked.error.issues[0]?.message ?? 'give a reason for the change'}.`,
      );
      return;
    }
    setProblem(null);
    const applied = await applyPolicy({ supervisor: name.trim(), password, reason: checked.data });
    // The password never outlives the attempt.
    setPassword('');
    if (applied) onClose();
  };

  const busy = apply.status === 'loading';
  return (
    <Dialog title="Apply the new policy" onClose={onClose}>
      <form className="apply-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="supervisor-name">Supervisor</label>
        <input
          id="supervisor-name"
          data-testid="supervisor-name"
          list="supervisor-names"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <datalist id="supervisor-names">
          {names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label htmlFor="supervisor-password">Password</label>
        <input
          id="supervisor-password"
          data-testid="supervisor-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label htmlFor="policy-reason">Reason for the change (required)</label>
        <textarea
          id="policy-reason"
          data-testid="policy-reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {(problem ?? apply.error) && (
          <p role="alert" className="inline-error" data-testid="policy-apply-error">
            {problem ?? apply.error}
          </p>
        )}
        <div className="apply-actions">
          <button type="submit" className="btn-primary" data-testid="policy-confirm" disabled={busy}>
            {busy ? 'Applying…' : 'Apply policy'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
