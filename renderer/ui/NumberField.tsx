import { useState } from 'react';

type Props = {
  value: number;
  onCommit: (value: number) => void;
  min: number;
  max: number;
  step: number;
  label: string;
  testId?: string;
  disabled?: boolean;
  suffix?: string;
};

/**
 * A number input that keeps what is being typed ("0.", "12.") and commits only values inside
 * [min, max]; leaving the field shows the committed value again.
 */
export function NumberField({ value, onCommit, min, max, step, label, testId, disabled, suffix }: Props) {
  const [text, setText] = useState<string | null>(null);
  return (
    <span className="number-field">
      <input
        type="number"
        aria-label={label}
        data-testid={testId}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        value={text ?? String(value)}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max) onCommit(n);
        }}
        onBlur={() => setText(null)}
      />
      {suffix && <span className="muted">{suffix}</span>}
    </span>
  );
}
