import { useState } from 'react';
import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/StoreProvider';

/** No decision is recorded without a name: every call must be attributable. */
export function StartScreen() {
  const { status, known, error } = useAppStore(
    useShallow((s) => ({ status: s.inspector.status, known: s.inspector.known, error: s.inspector.error })),
  );
  const chooseInspector = useAppStore((s) => s.chooseInspector);
  const loadInspectors = useAppStore((s) => s.loadInspectors);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(chooseInspector(draft));
  };

  return (
    <section className="start-screen" data-testid="start-screen" aria-labelledby="start-title">
      <h1 id="start-title">Who is inspecting?</h1>
      {status === 'loading' && <p className="muted">Loading names…</p>}
      {status === 'error' && (
        <p role="alert" className="inline-error">
          {error}{' '}
          <button type="button" onClick={() => void loadInspectors()}>
            Try again
          </button>
        </p>
      )}
      {known.length > 0 && (
        <ul className="inspector-list">
          {known.map((name) => (
            <li key={name}>
              <button
                type="button"
                className="inspector-name"
                onClick={() => setProblem(chooseInspector(name))}
              >
                {name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="new-inspector" onSubmit={submit}>
        <label htmlFor="new-inspector">New name</label>
        <input
          id="new-inspector"
          data-testid="inspector-input"
          value={draft}
          maxLength={64}
          autoComplete="off"
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" data-testid="inspector-start">
          Start
        </button>
      </form>
      {problem && (
        <p role="alert" className="inline-error">
          {problem}
        </p>
      )}
    </section>
  );
}
