import { useAppStore } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';
import { deriveClassKeys } from './keymap';
import { selectDefectClasses } from './reviewSelectors';

type Row = [keys: string, action: string];

export function ShortcutSheet() {
  const classes = useAppStore(selectDefectClasses);
  const closePanel = useAppStore((s) => s.closePanel);
  const decide: Row[] = [
    ['o', 'OK'],
    ['d', 'Defect (then pick the class)'],
    ...deriveClassKeys(classes).map((c): Row => [
      [c.letter, c.digit].filter(Boolean).join(' or '),
      `Defect: ${c.name}`,
    ]),
    ['Esc', 'Cancel the class choice'],
    ['z, Ctrl+Z, Backspace', 'Undo my last final call (repeat to go further back)'],
  ];
  const look: Row[] = [
    ['+ or =', 'Zoom in'],
    ['-', 'Zoom out'],
    ['0', 'Fit the whole image'],
    ['Arrow keys', 'Pan while zoomed in'],
    ['Wheel, drag', 'Zoom at the pointer; drag to pan'],
    ['h', 'Show or hide the model highlight (where the model is shown)'],
    ['[ and ]', 'Highlight fainter / stronger'],
    ['?', 'Show or hide this sheet'],
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={closePanel}>
      <table className="shortcuts" data-testid="shortcut-sheet">
        <tbody>
          {[...decide, ...look].map(([keys, action]) => (
            <tr key={action}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Blind first read: your first call is provisional and made without the model; the suggestion then shows
        and the same keys make the final call. Both are recorded. Undo applies to final calls only: a first
        read is not undone.
      </p>
      <p className="muted">Keys do nothing while you type in a text field.</p>
    </Dialog>
  );
}
