/** Letters with a meaning of their own: o = OK, d = Defect chooser, z = undo, h = highlight on/off. */
const RESERVED = new Set(['o', 'd', 'z', 'h']);

export type ClassKey = { name: string; letter: string | null; digit: string | null };

/**
 * Each defect class gets the first letter of its name not taken by a command or an earlier
 * class (blowhole b, break r, crack c, fray f, uneven u), and the digits 1..9 in order.
 */
export function deriveClassKeys(classes: readonly string[]): ClassKey[] {
  const taken = new Set(RESERVED);
  return classes.map((name, index) => {
    let letter: string | null = null;
    for (const ch of name.toLowerCase()) {
      if (ch >= 'a' && ch <= 'z' && !taken.has(ch)) {
        letter = ch;
        taken.add(ch);
        break;
      }
    }
    return { name, letter, digit: index < 9 ? String(index + 1) : null };
  });
}

export type ReviewCommand =
  | { type: 'ok' }
  | { type: 'chooseDefect' }
  | { type: 'defect'; defectClass: string }
  | { type: 'cancel' }
  | { type: 'undo' }
  | { type: 'help' };

/** Looking, not deciding: these never record anything and work in the class choice too. */
export type ViewCommand =
  | { type: 'zoomIn' }
  | { type: 'zoomOut' }
  | { type: 'fit' }
  | { type: 'pan'; dx: -1 | 0 | 1; dy: -1 | 0 | 1 }
  | { type: 'toggleOverlay' }
  | { type: 'opacity'; direction: -1 | 1 };

const PAN_KEYS: Record<string, { dx: -1 | 0 | 1; dy: -1 | 0 | 1 }> = {
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
};

/** Held keys may repeat here (panning, zooming), unlike decisions. */
function resolveViewKey(key: string, repeat: boolean): ViewCommand | null {
  const pan = PAN_KEYS[key];
  if (pan) return { type: 'pan', ...pan };
  switch (key) {
    case '+':
    case '=':
      return { type: 'zoomIn' };
    case '-':
    case '_':
      return { type: 'zoomOut' };
    case '0':
      return repeat ? null : { type: 'fit' };
    case 'h':
      return repeat ? null : { type: 'toggleOverlay' };
    case '[':
      return { type: 'opacity', direction: -1 };
    case ']':
      return { type: 'opacity', direction: 1 };
    default:
      return null;
  }
}

export type KeyInput = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
};

/**
 * Inputs that take no typing: after the opacity slider or a checkbox was used, focus stays on
 * it, and the review keys must still work.
 */
const NON_TEXT_INPUTS = new Set([
  'range',
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'color',
  'file',
  'image',
]);

/** True when the key press belongs to a text field, not to the review. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Partial<Element>).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input') return !NON_TEXT_INPUTS.has((element as HTMLInputElement).type);
  if (tag === 'textarea' || tag === 'select') return true;
  return (
    element.isContentEditable === true ||
    element.closest?.('[contenteditable]:not([contenteditable="false"])') != null
  );
}

/** Maps a key press to a review or view command, or null when the review should ignore it. */
export function resolveKey(
  input: KeyInput,
  classKeys: readonly ClassKey[],
  choosingClass: boolean,
): ReviewCommand | ViewCommand | null {
  if (isTypingTarget(input.target)) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if ((input.ctrlKey || input.metaKey) && !input.altKey && key === 'z')
    return input.repeat ? null : { type: 'undo' };
  // Ctrl + / Ctrl − stay the browser's own page zoom.
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const view = resolveViewKey(key, input.repeat);
  if (view) return view;
  // A held key auto-repeats; on a line that would stamp the same call on the next items unseen.
  if (input.repeat) return null;

  const byKey = classKeys.find((c) => c.letter === key || c.digit === key);
  if (byKey) return { type: 'defect', defectClass: byKey.name };
  if (choosingClass) return key === 'Escape' ? { type: 'cancel' } : null;

  switch (key) {
    case 'o':
      return { type: 'ok' };
    case 'd':
      return { type: 'chooseDefect' };
    case 'z':
    case 'Backspace':
      return { type: 'undo' };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}
