import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope,
  EventName,
  EventPayload,
  LoupeApi,
  PolicyDto,
  QueueItemDto,
  SuggestionDto,
  WhatIfDistributionDto,
} from '../../electron/shared/contract';
import { wilson } from '../../electron/shared/proportion';
import type { AgreementBlock, AgreementReport } from '../../electron/shared/report';
import { countBandFromBins, figuresFromCounts } from '../../electron/shared/whatif';
import { distribution, policy, richLabels, suggestion } from './fixtures';

export { assisted, firstReadItem, item, policy, suggestion } from './fixtures';

type Handler<C extends Channel> = (
  input: ChannelInput<C>,
) => Envelope<ChannelOutput<C>> | Promise<Envelope<ChannelOutput<C>>>;
type HandlerMap = { [C in Channel]?: Handler<C> };

export type FakeApi = LoupeApi & {
  calls: { channel: Channel; input: unknown }[];
  callsTo<C extends Channel>(channel: C): ChannelInput<C>[];
  handle<C extends Channel>(channel: C, handler: Handler<C>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
};

export type FakeOptions = {
  /** What a blind first read reveals, by item id (default: suggestion()). */
  reveals?: Record<number, SuggestionDto | null>;
  distribution?: WhatIfDistributionDto;
  /** What reports:summary answers (default: reportFixture()). */
  report?: AgreementReport;
};

export const SUPERVISOR = { name: 'Sam', password: 'secret' };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export const info: ChannelOutput<'app:info'> = {
  version: '0.1.0',
  dataDir: '/data',
  station: 'line-1',
  automationLevel: 'human_only',
  defectClasses: ['blowhole', 'break', 'crack', 'fray', 'uneven'],
  model: { id: 'mvtec-cable', version: '1.0.0', sha256: 'abc' },
  modelError: null,
};

/**
 * A plain-object LoupeApi backed by an in-memory pending list: queue:next serves it, decide
 * removes from it, undo puts the item back at the front; like the real services. A first_read
 * item's first decide is provisional: it stays pending and is served unblinded afterwards.
 */
export function createFakeApi(pending: QueueItemDto[] = [], options: FakeOptions = {}): FakeApi {
  const calls: { channel: Channel; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue = [...pending];
  const decisions = new Map<number, QueueItemDto>();
  const provisional = new Map<number, SuggestionDto | null>();
  let nextDecision = 100;
  let current: PolicyDto = policy();
  let history: PolicyDto[] = [current];
  const dist = options.distribution ?? distribution(richLabels());
  const emit = (event: EventName, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const served = (i: QueueItemDto): QueueItemDto =>
    provisional.has(i.id)
      ? { ...i, task: { role: 'first_read', blind: false, suggestion: provisional.get(i.id) ?? null } }
      : i;

  const handlers: HandlerMap = {
    'app:info': () => ok(info),
    'inspectors:list': () => ok({ names: ['Ana', 'Ben'] }),
    'queue:next': ({ limit }) => ok({ items: queue.slice(0, limit ?? 5).map(served) }),
    'review:decide': ({ itemId }) => {
      const index = queue.findIndex((i) => i.id === itemId);
      if (index < 0) return { ok: false, error: { code: 'conflict', message: 'item is not pending' } };
      const decisionId = nextDecision++;
      if (queue[index]!.task.role === 'first_read' && !provisional.has(itemId)) {
        const reveal =
          options.reveals && itemId in options.reveals ? (options.reveals[itemId] ?? null) : suggestion();
        provisional.set(itemId, reveal);
        return ok({ decisionId, reveal });
      }
      const [taken] = queue.splice(index, 1);
      decisions.set(decisionId, taken!);
      return ok({ decisionId, reveal: null });
    },
    'review:undo': ({ decisionId }) => {
      const taken = decisions.get(decisionId);
      if (!taken) return { ok: false, error: { code: 'not_found', message: 'no such decision' } };
      decisions.delete(decisionId);
      queue.unshift(taken);
      return ok({ retractionId: decisionId + 1000, itemId: taken.id });
    },
    'stats:summary': () =>
      ok({
        pending: queue.length,
        awaitingModel: 0,
        decidedToday: decisions.size,
        quarantined: 0,
        shadowAgreement: { n: 0, agree: 0, rate: null },
      }),
    'ingest:status': () => ok({ jobs: [] }),
    'items:quarantined': () => ok({ items: [], total: 0 }),
    'hotFolder:get': () => ok({ path: null, active: false, error: null }),
    'supervisor:status': () => ok({ configured: true, names: [SUPERVISOR.name] }),
    'policy:get': () => ok({ current, history }),
    'policy:set': ({ supervisor, password, reason, settings }) => {
      if (supervisor !== SUPERVISOR.name || password !== SUPERVISOR.password)
        return { ok: false, error: { code: 'unauthorized', message: 'wrong supervisor name or password' } };
      if (reason.trim().length < 3)
        return {
          ok: false,
          error: { code: 'invalid_input', message: 'reason: give a reason for the change' },
        };
      current = {
        ...current,
        ...settings,
        classBands: settings.classBands ?? {},
        id: current.id + 1,
        version: current.version + 1,
        createdBy: supervisor,
        reason,
      };
      history = [current, ...history];
      emit('policy:changed', current);
      return ok({ policy: current });
    },
    'whatif:distribution': () => ok(dist),
    'whatif:compute': ({ band, defectClass }) => {
      const figures = figuresFromCounts(
        countBandFromBins(dist.defectCounts, dist.okCounts, band),
        dist.itemsPerHour,
        dist.minimumDefects,
      );
      return ok({ ...figures, band, defectClass: defectClass ?? null });
    },
    'reports:summary': () => ok(options.report ?? reportFixture()),
    'reports:export': ({ format }) =>
      ok({ file: `/data/exports/loupe-agreement.${format}`, rows: 1234, sha256: EXPORT_SHA }),
    'audit:list': () =>
      ok({
        entries: [
          {
            id: 1,
            at: '2025-01-01T00:00:00.000Z',
            actor: 'system',
            action: 'policy.set',
            details: 'version 1',
          },
        ],
      }),
    'audit:verify': () => ok({ ok: true, entries: 1, head: 'ab12cd34ef56', badEntryId: null, reason: null }),
  };

  const api: FakeApi = {
    calls,
    callsTo: <C extends Channel>(channel: C) =>
      calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>),
    handle: (channel, handler) => {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      const handler = handlers[channel];
      if (!handler)
        return { ok: false, error: { code: 'unknown_channel', message: `fake has no ${channel}` } };
      return handler(input);
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    emit,
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    imageUrl: (id) => `img://${id}`,
  };
  return api;
}

type Confusion = AgreementBlock['confusion'];
const rate = (x: number, n: number) => ({ value: n ? x / n : null, x, n, ci95: wilson(x, n) });
const around = (v: number | null): [number, number] | null =>
  v === null ? null : [v - 0.05, Math.min(1, v + 0.05)];

/** A block from a binary confusion, by the DOMAIN.md formulas; coefficient intervals are ±0.05 stand-ins. */
export function agreementBlock(c: Confusion): AgreementBlock {
  const n = c.tp + c.fp + c.fn + c.tn;
  const po = n ? (c.tp + c.tn) / n : null;
  const ph = n ? (c.tp + c.fn) / n : 0;
  const pm = n ? (c.tp + c.fp) / n : 0;
  const pe = ph * pm + (1 - ph) * (1 - pm);
  const pi = (ph + pm) / 2;
  const peAc1 = 2 * pi * (1 - pi);
  const kappa = po === null || pe === 1 ? null : (po - pe) / (1 - pe);
  const ac1 = po === null ? null : (po - peAc1) / (1 - peAc1);
  const pabak = po === null ? null : 2 * po - 1;
  return {
    n,
    agreement: po,
    agreement_ci95: wilson(c.tp + c.tn, n),
    cohen_kappa: kappa,
    cohen_kappa_ci95: around(kappa),
    gwet_ac1: ac1,
    gwet_ac1_ci95: around(ac1),
    pabak,
    pabak_ci95: around(pabak),
    confusion: { ...c },
    escape_rate: rate(c.fn, c.tp + c.fn),
    false_reject_rate: rate(c.fp, c.fp + c.tn),
  };
}

export const EXPORT_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** 1000 unbiased labels, 44 human defects: agreement 99.0 %, κ 0.884, AC1 0.989, PABAK 0.980. */
export const OVERALL: Confusion = { tp: 40, fp: 6, fn: 4, tn: 950 };
const slice = (key: string, c: Confusion) => ({ key, ...agreementBlock(c) });
const inspectorRow = (
  inspector: string,
  c: Confusion,
  extra: Partial<AgreementReport['per_inspector'][number]>,
) => ({
  inspector,
  n: c.tp + c.fp + c.fn + c.tn,
  agreement: agreementBlock(c).agreement,
  cohen_kappa: agreementBlock(c).cohen_kappa,
  assisted_n: 0,
  override_rate: rate(0, 0),
  followed_when_wrong: rate(0, 0),
  median_time_to_decide_ms: 1800,
  rubber_stamp: false,
  ...extra,
});

export function reportFixture(extra: Partial<AgreementReport> = {}): AgreementReport {
  const ana: Confusion = { tp: 25, fp: 4, fn: 3, tn: 568 };
  const ben: Confusion = { tp: 15, fp: 2, fn: 1, tn: 382 };
  return {
    report: 'loupe-agreement',
    version: 1,
    generated_at: '2025-03-05T10:00:00.000Z',
    generated_by: 'Sam',
    period: { from: '2025-03-01T00:00:00.000Z', to: '2025-03-05T00:00:00.000Z' },
    filters: { inspector: null, source: null, automation_level: null, model_version: null },
    row_count: 1712,
    csv_sha256: null,
    model_threshold: 0.5,
    model_versions: [
      {
        id: 'tile-defect-v1',
        version: '1.0.0',
        sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
    policy_versions: [
      {
        version: 1,
        level: 'human_only',
        created_at: '2025-01-01T00:00:00.000Z',
        created_by: 'system',
        reason: 'initial policy',
      },
    ],
    audit_head: 'ab12cd34ef56ab12cd34ef56ab12cd34',
    overall: agreementBlock(OVERALL),
    assisted: agreementBlock({ tp: 50, fp: 1, fn: 1, tn: 448 }),
    human_human: agreementBlock({ tp: 18, fp: 2, fn: 1, tn: 179 }),
    per_class: [
      {
        label: 'ok',
        support: 956,
        precision: rate(950, 954),
        recall: rate(950, 956),
        specificity: rate(40, 44),
        f1: 0.9948,
      },
      {
        label: 'crack',
        support: 34,
        precision: rate(30, 36),
        recall: rate(30, 34),
        specificity: rate(960, 966),
        f1: 0.8571,
      },
      {
        label: 'fray',
        support: 10,
        precision: rate(7, 10),
        recall: rate(7, 10),
        specificity: rate(987, 990),
        f1: 0.7,
      },
    ],
    class_confusion: {
      labels: ['ok', 'crack', 'fray'],
      matrix: [
        [950, 4, 2],
        [3, 30, 1],
        [1, 2, 7],
      ],
    },
    per_inspector: [
      inspectorRow('Ana', ana, {
        assisted_n: 120,
        override_rate: rate(14, 120),
        followed_when_wrong: rate(1, 6),
      }),
      inspectorRow('Ben', ben, {
        assisted_n: 380,
        override_rate: rate(2, 380),
        followed_when_wrong: rate(9, 10),
        median_time_to_decide_ms: 640,
        rubber_stamp: true,
      }),
    ],
    over_time: [
      slice('2025-03-01', { tp: 20, fp: 3, fn: 2, tn: 475 }),
      slice('2025-03-03', { tp: 0, fp: 0, fn: 0, tn: 100 }),
      slice('2025-03-04', { tp: 20, fp: 3, fn: 2, tn: 375 }),
    ],
    calibration: Array.from({ length: 10 }, (_, b) => {
      const n = [900, 40, 0, 0, 10, 0, 0, 0, 20, 30][b]!;
      return {
        lower: b / 10,
        upper: (b + 1) / 10,
        n,
        mean_probability: n ? b / 10 + 0.05 : null,
        defect_rate: n ? [0.004, 0.05, 0, 0, 0.4, 0, 0, 0, 0.8, 0.9][b]! : null,
      };
    }),
    slices: {
      model_version: [slice('tile-defect-v1@1.0.0', OVERALL)],
      inspector: [slice('', { tp: 0, fp: 0, fn: 0, tn: 0 }), slice('Ana', ana), slice('Ben', ben)],
      station: [slice('line-1', OVERALL)],
      automation_level: [slice('human_only', OVERALL)],
      source: [
        slice('history', { tp: 10, fp: 1, fn: 1, tn: 188 }),
        slice('human', { tp: 30, fp: 5, fn: 3, tn: 762 }),
      ],
      confidence_bucket: [slice('0.0–0.1', { tp: 4, fp: 0, fn: 0, tn: 896 })],
      defect_class: [
        slice('crack', { tp: 30, fp: 0, fn: 4, tn: 0 }),
        slice('ok', { tp: 0, fp: 6, fn: 0, tn: 950 }),
      ],
    },
    ...extra,
  };
}

/** Lets every pending promise chain run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
