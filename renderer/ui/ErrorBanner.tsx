import { useAppStore } from '../app/StoreProvider';

/** Every failed action lands here, in words, until the inspector dismisses it. */
export function ErrorBanner() {
  const errors = useAppStore((s) => s.ui.errors);
  const dismissError = useAppStore((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      {errors.map((e) => (
        <div key={e.id} className="error-line">
          <span>{e.message}</span>
          <button type="button" onClick={() => dismissError(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
