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
import { countBandFromBins, figuresFromCounts } from '../../electron/shared/whatif';
import { distribution, policy, richLabels, suggestion } from './fixtures';

export { assisted, firstReadItem, item, policy, suggestion } from './fixtures';

type Handler<C extends Channel> = (input: ChannelInput<C>) => Envelope<ChannelOutput<C>> | Promise<Envelope<ChannelOutput<C>>>;
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
    provisional.has(i.id) ? { ...i, task: { role: 'first_read', blind: false, suggestion: provisional.get(i.id) ?? null } } : i;

  const handlers: HandlerMap = {
    'app:info': () => ok(info),
    'inspectors:list': () => ok({ names: ['Ana', 'Ben'] }),
    'queue:next': ({ limit }) => ok({ items: queue.slice(0, limit ?? 5).map(served) }),
    'review:decide': ({ itemId }) => {
      const index = queue.findIndex((i) => i.id === itemId);
      if (index < 0) return { ok: false, error: { code: 'conflict', message: 'item is not pending' } };
      const decisionId = nextDecision++;
      if (queue[index]!.task.role === 'first_read' && !provisional.has(itemId)) {
        const reveal = options.reveals && itemId in options.reveals ? (options.reveals[itemId] ?? null) : suggestion();
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
      ok({ pending: queue.length, awaitingModel: 0, decidedToday: decisions.size, quarantined: 0, shadowAgreement: { n: 0, agree: 0, rate: null } }),
    'ingest:status': () => ok({ jobs: [] }),
    'items:quarantined': () => ok({ items: [], total: 0 }),
    'hotFolder:get': () => ok({ path: null, active: false, error: null }),
    'supervisor:status': () => ok({ configured: true, names: [SUPERVISOR.name] }),
    'policy:get': () => ok({ current, history }),
    'policy:set': ({ supervisor, password, reason, settings }) => {
      if (supervisor !== SUPERVISOR.name || password !== SUPERVISOR.password)
        return { ok: false, error: { code: 'unauthorized', message: 'wrong supervisor name or password' } };
      if (reason.trim().length < 3) return { ok: false, error: { code: 'invalid_input', message: 'reason: give a reason for the change' } };
      current = { ...current, ...settings, classBands: settings.classBands ?? {}, id: current.id + 1, version: current.version + 1, createdBy: supervisor, reason };
      history = [current, ...history];
      emit('policy:changed', current);
      return ok({ policy: current });
    },
    'whatif:distribution': () => ok(dist),
    'whatif:compute': ({ band, defectClass }) => {
      const figures = figuresFromCounts(countBandFromBins(dist.defectCounts, dist.okCounts, band), dist.itemsPerHour, dist.minimumDefects);
      return ok({ ...figures, band, defectClass: defectClass ?? null });
    },
    'audit:list': () => ok({ entries: [{ id: 1, at: '2025-01-01T00:00:00.000Z', actor: 'system', action: 'policy.set', details: 'version 1' }] }),
    'audit:verify': () => ok({ ok: true, entries: 1, head: 'ab12cd34ef56', badEntryId: null, reason: null }),
  };

  const api: FakeApi = {
    calls,
    callsTo: <C extends Channel>(channel: C) => calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>),
    handle: (channel, handler) => {
      (handlers as Record<string, unknown>)[channel] = handler;
    },
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'unknown_channel', message: `fake has no ${channel}` } };
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

/** Lets every pending promise chain run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
