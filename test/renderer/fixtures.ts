import type {
  PolicyDto,
  QueueItemDto,
  ReviewTaskDto,
  SuggestionDto,
  WhatIfDistributionDto,
} from '../../electron/shared/contract';
import { WHATIF_BINS, binOf } from '../../electron/shared/whatif';

export const BLIND: ReviewTaskDto = { role: 'primary', blind: true, suggestion: null };

export function item(id: number, extra: Partial<QueueItemDto> = {}): QueueItemDto {
  return {
    id,
    sha256: `sha-${id}`,
    originalName: `img-${id}.png`,
    source: 'import',
    station: 'line-1',
    capturedAt: '2025-01-02T03:04:05.000Z',
    width: 100,
    height: 100,
    status: 'predicted',
    quarantineReason: null,
    task: BLIND,
    ...extra,
  };
}

/** A 4×4 heatmap whose bottom-right cell is hot, laid over a 100×100 image with letterbox margins. */
export function suggestion(extra: Partial<SuggestionDto> = {}): SuggestionDto {
  const heat = new Uint8Array(16);
  heat[15] = 255;
  heat[10] = 128;
  return {
    label: 'defect',
    defectClass: 'crack',
    defectProbability: 0.87,
    regions: [{ x: 60, y: 60, width: 30, height: 25, score: 0.9 }],
    peak: { x: 75, y: 72 },
    heatmap: {
      width: 4,
      height: 4,
      data: btoa(String.fromCharCode(...heat)),
      box: { x: -10, y: 0, width: 120, height: 100 },
    },
    ...extra,
  };
}

export function assisted(
  id: number,
  s: SuggestionDto = suggestion(),
  extra: Partial<QueueItemDto> = {},
): QueueItemDto {
  return item(id, { task: { role: 'primary', blind: false, suggestion: s }, ...extra });
}

export function firstReadItem(id: number): QueueItemDto {
  return item(id, { task: { role: 'first_read', blind: true, suggestion: null } });
}

export function policy(extra: Partial<PolicyDto> = {}): PolicyDto {
  return {
    id: 1,
    station: 'line-1',
    version: 1,
    samplingSeed: 'seed',
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: 'system',
    reason: 'initial policy',
    level: 'human_only',
    band: { t_ok: 0.1, t_defect: 0.9 },
    classBands: {},
    auditRate: 0.05,
    blindFirstReadShare: 0.1,
    doubleReviewShare: 0,
    ...extra,
  };
}

/** Labels as (probability, human says defect) pairs, binned like the services bin them. */
export function distribution(
  labels: readonly [number, boolean][],
  itemsPerHour: number | null = 120,
  minimumDefects = 30,
): WhatIfDistributionDto {
  const defectCounts = new Array<number>(WHATIF_BINS).fill(0);
  const okCounts = new Array<number>(WHATIF_BINS).fill(0);
  for (const [p, defect] of labels) (defect ? defectCounts : okCounts)[binOf(p)]! += 1;
  return { bins: WHATIF_BINS, defectCounts, okCounts, itemsPerHour, minimumDefects };
}

/** 40 defects mostly at high p, 160 ok items mostly at low p: enough for figures. */
export function richLabels(): [number, boolean][] {
  const labels: [number, boolean][] = [];
  for (let i = 0; i < 40; i++) labels.push([i < 2 ? 0.05 : 0.5 + i / 100, true]);
  for (let i = 0; i < 160; i++) labels.push([i < 150 ? i / 1000 : 0.95, false]);
  return labels;
}
