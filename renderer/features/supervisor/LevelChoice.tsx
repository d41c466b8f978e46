import type { AutomationLevel } from './levels';
import { LEVELS } from './levels';

export function LevelChoice({
  value,
  onChange,
}: {
  value: AutomationLevel;
  onChange: (level: AutomationLevel) => void;
}) {
  return (
    <fieldset className="level-choice">
      <legend>Automation level</legend>
      {LEVELS.map((l) => (
        <label key={l.level} className="level-option">
          <input
            type="radio"
            name="policy-level"
            value={l.level}
            data-testid={`policy-level-${l.level}`}
            checked={value === l.level}
            onChange={() => onChange(l.level)}
          />
          <span>
            <strong>{l.name}</strong>
            <span className="muted"> — {l.explanation}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
