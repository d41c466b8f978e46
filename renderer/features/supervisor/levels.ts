import { AUTOMATION_LEVELS } from '../../../electron/shared/contract';
import type { PolicyDto } from '../../../electron/shared/contract';
import type { AppState } from '../../app/types';

export type AutomationLevel = PolicyDto['level'];

/** Names and one-line explanations, from the automation levels table of DOMAIN.md. */
export const LEVELS: readonly { level: AutomationLevel; name: string; explanation: string }[] =
  AUTOMATION_LEVELS.map((level) => {
    switch (level) {
      case 'human_only':
        return {
          level,
          name: 'Human only',
          explanation:
            'A human decides every item and sees the image only; the model runs in shadow, its output hidden.',
        };
      case 'ai_assist':
        return {
          level,
          name: 'AI assist',
          explanation:
            'A human decides every item and sees the highlight and suggested call (blind-first-read items: only after a provisional call).',
        };
      case 'partial':
        return {
          level,
          name: 'Partial',
          explanation:
            'The model decides items outside the human band, a human the rest (shown as AI assist or blind, per policy).',
        };
      case 'full':
        return {
          level,
          name: 'Full',
          explanation: 'The model decides every item; humans see only the audit picks, blind.',
        };
    }
  });

export function levelName(level: AutomationLevel): string {
  return LEVELS.find((l) => l.level === level)?.name ?? level;
}

/** The policy heard of last (loaded or pushed by policy:changed), else the level app:info reported. */
export function selectLevelInForce(state: AppState): AutomationLevel | null {
  return state.policy.current?.level ?? state.info.value?.automationLevel ?? null;
}
