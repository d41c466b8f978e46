import type { ReviewTaskDto, SuggestionDto } from '../../../electron/shared/contract';
import type { Choice } from '../../app/readPhase';

const percent = (p: number) => `${Math.round(p * 100)} %`;

/** The task kind in the item header; a primary read needs no label. */
export function describeTask(task: ReviewTaskDto): string | null {
  switch (task.role) {
    case 'audit':
      return 'Audit sample — decide without the model';
    case 'second_read':
      return 'Second read';
    case 'first_read':
      return 'Blind first read';
    case 'primary':
      return null;
  }
}

/** "Suggests: Defect — crack, 87 %" / "Suggests: OK, 6 % defect". */
export function describeSuggestion(s: SuggestionDto): string {
  if (s.label === 'ok') return `Suggests: OK, ${percent(s.defectProbability)} defect`;
  return s.defectClass
    ? `Suggests: Defect — ${s.defectClass}, ${percent(s.defectProbability)}`
    : `Suggests: Defect, ${percent(s.defectProbability)}`;
}

export function describeChoice(choice: Choice | null): string {
  if (!choice) return 'recorded';
  return choice.label === 'ok' ? 'OK' : `Defect — ${choice.defectClass}`;
}
