import { useAppStore } from '../../app/StoreProvider';

export function InspectorBadge() {
  const name = useAppStore((s) => s.inspector.name);
  const changeInspector = useAppStore((s) => s.changeInspector);
  if (!name) return <span className="muted">No inspector</span>;
  return (
    <span className="inspector-badge">
      <span data-testid="inspector-name">{name}</span>
      <button type="button" onClick={changeInspector}>
        Change
      </button>
    </span>
  );
}
