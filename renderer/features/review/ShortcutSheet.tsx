import { useAppStore } from '../../app/StoreProvider';
import { Dialog } from '../../ui/Dialog';
import { deriveClassKeys } from './keymap';
import { selectDefectClasses } from './reviewSelectors';

export function ShortcutSheet() {
  const classes = useAppStore(selectDefectClasses);
  const closePanel = useAppStore((s) => s.closePanel);
  const rows: [string, string][] = [
    ['o', 'OK'],
    ['d', 'Defect (then pick the class)'],
    ...deriveClassKeys(classes).map((c): [string, string] => [[c.letter, c.digit].filter(Boolean).join(' or '), `Defect: ${c.name}`]),
    ['Esc', 'Cancel the class choice'],
    ['z, Ctrl+Z, Backspace', 'Undo my last decision (repeat to go further back)'],
    ['?', 'Show or hide this sheet'],
  ];
  return (
    <Dialog title="Keyboard shortcuts" onClose={closePanel}>
      <table className="shortcuts" data-testid="shortcut-sheet">
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={action}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Keys do nothing while you type in a text field.</p>
    </Dialog>
  );
}
