/** Letters with a meaning of their own: o = OK, d = Defect chooser, z = undo. */
const RESERVED = new Set(['o', 'd', 'z']);

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

export type KeyInput = {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
};

/** True when the key press belongs to a text field, not to the review. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Partial<Element>).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return true;
  return element.isContentEditable === true || element.closest?.('[contenteditable]:not([contenteditable="false"])') != null;
}

/** Maps a key press to a review command, or null when the review should ignore it. */
export function resolveKey(input: KeyInput, classKeys: readonly ClassKey[], choosingClass: boolean): ReviewCommand | null {
  if (isTypingTarget(input.target)) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  // A held key auto-repeats; on a line that would stamp the same call on the next items unseen.
  if (input.repeat) return null;
  if ((input.ctrlKey || input.metaKey) && !input.altKey && key === 'z') return { type: 'undo' };
  if (input.ctrlKey || input.metaKey || input.altKey) return null;

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
