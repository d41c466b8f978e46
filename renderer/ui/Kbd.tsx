/** A key hint beside a control; kept outside buttons so their names stay exactly "OK", "Defect". */
export function Kbd({ keys }: { keys: readonly (string | null)[] }) {
  const shown = keys.filter((k): k is string => k !== null);
  if (shown.length === 0) return null;
  return (
    <span className="kbd-group" aria-hidden="true">
      {shown.map((k) => (
        <kbd key={k}>{k}</kbd>
      ))}
    </span>
  );
}
