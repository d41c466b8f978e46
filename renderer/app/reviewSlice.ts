import type { ItemDto } from '../../electron/shared/contract';
import { call, coalesce, describeError } from './call';
import { mergeQueue } from './queueMerge';
import type { LoadStatus, SliceCreator, StoreDeps } from './types';

export const QUEUE_BATCH = 5;
/** Below this many items left on the station, fetch more before the inspector runs dry. */
const TOP_UP_BELOW = 3;
/** A shift's worth of walking back; older decisions are corrected elsewhere. */
const UNDO_DEPTH = 100;

export type Choice = { label: 'ok' } | { label: 'defect'; defectClass: string };
export type UndoEntry = { seq: number; item: ItemDto };

export interface ReviewState {
  status: LoadStatus;
  /** queue[0] is on screen. */
  queue: ItemDto[];
  /** When the current image finished loading; time-to-decide counts from here. */
  loaded: { itemId: number; at: number } | null;
  imageFailed: number | null;
  /** Bumped by a retry so the image element is created afresh. */
  imageAttempt: number;
  choosingClass: boolean;
  undoStack: UndoEntry[];
  /** Writes (decide/undo) not yet answered by the services. */
  saving: number;
  refreshing: boolean;
  error: string | null;
}

export interface ReviewSlice {
  review: ReviewState;
  loadQueue: () => Promise<void>;
  imageUrl: (itemId: number) => string;
  markImageLoaded: (itemId: number) => void;
  markImageFailed: (itemId: number) => void;
  retryImage: () => void;
  openClassChoice: () => void;
  cancelClassChoice: () => void;
  /** Records a call on the item on screen and shows the next one at once. */
  decide: (choice: Choice) => Promise<void>;
  /** Takes back this inspector's latest decision of this session; repeated calls walk back further. */
  undo: () => Promise<void>;
  resetUndo: () => void;
}

const initialReview: ReviewState = {
  status: 'idle',
  queue: [],
  loaded: null,
  imageFailed: null,
  imageAttempt: 0,
  choosingClass: false,
  undoStack: [],
  saving: 0,
  refreshing: false,
  error: null,
};

/** A new item on screen starts its own clock and its own choice. */
function withQueue(review: ReviewState, queue: ItemDto[]): ReviewState {
  if (queue[0]?.id === review.queue[0]?.id) return { ...review, queue };
  return { ...review, queue, loaded: null, imageFailed: null, choosingClass: false };
}

export const createReviewSlice: SliceCreator<ReviewSlice> = (set, get, deps) => {
  const { api } = deps;
  // Items with a live decision from this station, and items an undo brought back: the server may
  // answer a queue request from before either write landed, so local knowledge wins.
  const decided = new Set<number>();
  const pinned = new Set<number>();
  const decisionIds = new Map<number, Promise<number | null>>();
  const prefetched = new Set<number>();
  let seq = 0;
  // After a failed write the services' order wins, so the item that was not saved shows again
  // at once (the banner says why) instead of waiting behind the one on screen.
  let resync = false;
  // Writes run one after another so an undo never overtakes the decision it takes back.
  let writes: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  };

  const patch = (fn: (review: ReviewState) => ReviewState) => set((s) => ({ review: fn(s.review) }));
  const prefetchNext = (queue: readonly ItemDto[]) => prefetch(deps, queue.slice(1), prefetched);
  const finishWrite = () => {
    patch((r) => ({ ...r, saving: r.saving - 1 }));
    void get().refreshStats();
    if (get().review.queue.length < TOP_UP_BELOW) void get().loadQueue();
  };

  const loadQueue = coalesce(async () => {
    if (!get().inspector.name) return;
    patch((r) => ({ ...r, refreshing: true, status: r.status === 'ready' ? 'ready' : 'loading' }));
    const keepHead = !resync;
    resync = false;
    const res = await call(api, 'queue:next', { limit: QUEUE_BATCH });
    if (!res.ok) {
      patch((r) => ({ ...r, refreshing: false, status: 'error', error: describeError('Cannot load the queue', res.error) }));
      return;
    }
    const queue = mergeQueue(get().review.queue, res.value.items, pinned, decided, keepHead);
    patch((r) => ({ ...withQueue(r, queue), refreshing: false, status: 'ready', error: null }));
    prefetchNext(queue);
  });

  const failWrite = async (what: string, message: string) => {
    get().reportError(`${what}: ${message}`);
    resync = true;
    await get().loadQueue();
  };

  return {
    review: initialReview,
    loadQueue,
    imageUrl: (itemId) => api.imageUrl(itemId),
    markImageLoaded: (itemId) => {
      if (get().review.queue[0]?.id !== itemId) return;
      patch((r) => ({ ...r, loaded: { itemId, at: deps.now() }, imageFailed: null }));
    },
    markImageFailed: (itemId) => {
      if (get().review.queue[0]?.id === itemId) patch((r) => ({ ...r, imageFailed: itemId, loaded: null }));
    },
    retryImage: () => patch((r) => ({ ...r, imageFailed: null, loaded: null, imageAttempt: r.imageAttempt + 1 })),
    openClassChoice: () => patch((r) => ({ ...r, choosingClass: r.queue.length > 0 })),
    cancelClassChoice: () => patch((r) => ({ ...r, choosingClass: false })),

    decide: (choice) => {
      const { review, inspector } = get();
      const item = review.queue[0];
      const name = inspector.name;
      // Only a call on an image the inspector has actually seen counts.
      if (!item || !name || review.loaded?.itemId !== item.id) return Promise.resolve();
      const timeToDecideMs = Math.max(0, Math.round(deps.now() - review.loaded.at));
      const entrySeq = ++seq;
      decided.add(item.id);
      pinned.delete(item.id);
      const rest = review.queue.slice(1);
      const kept = [...review.undoStack, { seq: entrySeq, item }];
      for (const dropped of kept.splice(0, Math.max(0, kept.length - UNDO_DEPTH))) decisionIds.delete(dropped.seq);
      patch((r) => ({ ...withQueue(r, rest), undoStack: kept, saving: r.saving + 1 }));
      prefetchNext(rest);
      if (rest.length < TOP_UP_BELOW) void loadQueue();

      const written = enqueue(async () => {
        const res = await call(api, 'review:decide', {
          itemId: item.id,
          inspector: name,
          label: choice.label,
          defectClass: choice.label === 'defect' ? choice.defectClass : null,
          timeToDecideMs,
        });
        if (res.ok) return res.value.decisionId;
        decided.delete(item.id);
        patch((r) => ({ ...r, undoStack: r.undoStack.filter((e) => e.seq !== entrySeq) }));
        await failWrite(`The decision on item ${item.id} was not saved`, res.error.message);
        return null;
      });
      decisionIds.set(entrySeq, written);
      return written.then(finishWrite);
    },

    undo: () => {
      const { review, inspector } = get();
      const entry = review.undoStack.at(-1);
      const name = inspector.name;
      if (!entry || !name) return Promise.resolve();
      const { item } = entry;
      const pendingId = decisionIds.get(entry.seq) ?? Promise.resolve(null);
      decisionIds.delete(entry.seq);
      decided.delete(item.id);
      pinned.add(item.id);
      const queue = [item, ...review.queue.filter((i) => i.id !== item.id)];
      patch((r) => ({ ...withQueue(r, queue), undoStack: r.undoStack.slice(0, -1), saving: r.saving + 1 }));

      return enqueue(async () => {
        const decisionId = await pendingId;
        // The decision itself failed: it was reported and the queue reloaded already.
        if (decisionId === null) return;
        const res = await call(api, 'review:undo', { decisionId, inspector: name });
        if (res.ok) return;
        pinned.delete(item.id);
        decided.add(item.id);
        patch((r) => withQueue(r, r.queue.filter((i) => i.id !== item.id)));
        await failWrite(`Undo on item ${item.id} failed, the decision stands`, res.error.message);
      }).then(finishWrite);
    },

    resetUndo: () => {
      decisionIds.clear();
      patch((r) => ({ ...r, undoStack: [] }));
    },
  };
};

function prefetch(deps: StoreDeps, items: readonly ItemDto[], done: Set<number>): void {
  for (const item of items) {
    if (done.has(item.id)) continue;
    done.add(item.id);
    deps.prefetchImage(deps.api.imageUrl(item.id));
  }
}
