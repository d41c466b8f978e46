import type { QueueItemDto } from '../../../electron/shared/contract';
import { describeTask } from './reviewText';

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

type Props = { item: QueueItemDto; position: { index: number; total: number } | null; error: string | null };

export function ItemHeader({ item, position, error }: Props) {
  const task = describeTask(item.task);
  return (
    <div className="review-info">
      {position && (
        <span data-testid="review-position">
          {position.index} of {position.total.toLocaleString()} pending
        </span>
      )}
      <span>Captured {formatTime(item.capturedAt)}</span>
      <span className="muted">Item {item.id}</span>
      {task && (
        <span
          className={`task-kind task-${item.task.role}`}
          data-testid="task-kind"
          data-role={item.task.role}
        >
          {task}
        </span>
      )}
      {error && <span className="inline-error">{error}</span>}
    </div>
  );
}
