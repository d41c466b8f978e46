import type { Channel, ChannelInput, ChannelOutput, Envelope, EventName, EventPayload, ItemDto, LoupeApi } from '../../electron/shared/contract';

type Handler<C extends Channel> = (input: ChannelInput<C>) => Envelope<ChannelOutput<C>> | Promise<Envelope<ChannelOutput<C>>>;
type HandlerMap = { [C in Channel]?: Handler<C> };

export type FakeApi = LoupeApi & {
  calls: { channel: Channel; input: unknown }[];
  callsTo<C extends Channel>(channel: C): ChannelInput<C>[];
  handle<C extends Channel>(channel: C, handler: Handler<C>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(): number;
};

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function item(id: number, extra: Partial<ItemDto> = {}): ItemDto {
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
    ...extra,
  };
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
 * removes from it, undo puts the item back at the front; like the real services.
 */
export function createFakeApi(pending: ItemDto[] = []): FakeApi {
  const calls: { channel: Channel; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const queue = [...pending];
  const decisions = new Map<number, ItemDto>();
  let nextDecision = 100;

  const handlers: HandlerMap = {
    'app:info': () => ok(info),
    'inspectors:list': () => ok({ names: ['Ana', 'Ben'] }),
    'queue:next': ({ limit }) => ok({ items: queue.slice(0, limit ?? 5) }),
    'review:decide': ({ itemId }) => {
      const index = queue.findIndex((i) => i.id === itemId);
      if (index < 0) return { ok: false, error: { code: 'conflict', message: 'item is not pending' } };
      const [taken] = queue.splice(index, 1);
      const decisionId = nextDecision++;
      decisions.set(decisionId, taken!);
      return ok({ decisionId });
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
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    imageUrl: (id) => `img://${id}`,
  };
  return api;
}

/** Lets every pending promise chain run to its end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
