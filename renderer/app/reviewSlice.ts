import type { QueueItemDto } from '../../electron/shared/contract';
import { call, coalesce, describeError, patcher } from './call';
import { mergeQueue } from './queueMerge';
import { readPhaseOf, visibleSuggestionOf, withoutHiddenSuggestion } from './readPhase';
import type { Choice, FirstRead } from './readPhase';
import type { LoadStatus, SliceCreator, StoreDeps } from './types';

export type { Choice, FirstRead } from './readPhase';

export const QUEUE_BATCH = 5;
/** Below this many items left on the station, fetch more before the inspector runs dry. */
const TOP_UP_BELOW = 3;
/** A shift's worth of walking back; older decisions are corrected elsewhere. */
const UNDO_DEPTH = 100;

/** firstRead: the revealed first read a final call was made after, restored by its undo. */
export type UndoEntry = { seq: number; item: QueueItemDto; firstRead: FirstRead | null };

export interface ReviewState {
  status: LoadStatus;
  /** queue[0] is on screen. */
  queue: QueueItemDto[];
  /** When the current image finished loading (or its suggestion was revealed); time-to-decide counts from here. */
  loaded: { itemId: number; at: number } | null;
  imageFailed: number | null;
  /** Bumped by a retry so the image element is created afresh. */
  imageAttempt: number;
  choosingClass: boolean;
  /** Blind first reads of this session by item id; undo of a provisional call is not offered. */
  firstReads: Record<number, FirstRead>;
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
  /**
   * Records a call on the item on screen. A final call shows the next item at once; a blind
   * first read keeps the item and waits for the suggestion to reveal.
   */
  decide: (choice: Choice) => Promise<void>;
  /** Takes back this inspector's latest final call of this session; repeated calls walk back further. */
  undo: () => Promise<void>;
  /** Forgets this inspector's session: undo history and revealed first reads. */
  resetUndo: () => void;
}

const initialReview: ReviewState = {
  status: 'idle',
  queue: [],
  loaded: null,
  imageFailed: null,
  imageAttempt: 0,
  choosingClass: false,
  firstReads: {},
  undoStack: [],
  saving: 0,
  refreshing: false,
  error: null,
};

/** A new item on screen starts its own clock and its own choice. */
function withQueue(review: ReviewState, queue: QueueItemDto[]): ReviewState {
  if (queue[0]?.id === review.queue[0]?.id) return { ...review, queue };
  return { ...review, queue, loaded: null, imageFailed: null, choosingClass: false };
}

function withFirstRead(
  firstReads: Record<number, FirstRead>,
  itemId: number,
  value: FirstRead | null,
): Record<number, FirstRead> {
  const { [itemId]: _dropped, ...rest } = firstReads;
  return value ? { ...rest, [itemId]: value } : rest;
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

  const patch = patcher(set, 'review');
  const prefetchNext = (queue: readonly QueueItemDto[]) =>
    prefetch(deps, queue.slice(1), get().review.firstReads, prefetched);
  const finishWrite = () => {
    // No stats refresh here: the services' db:changed after every write brings the figures.
    patch((r) => ({ saving: r.saving - 1 }));
    if (get().review.queue.length < TOP_UP_BELOW) void get().loadQueue();
  };

  const loadQueue = coalesce(async () => {
    const inspector = get().inspector.name;
    if (!inspector) return;
    patch((r) => ({ refreshing: true, status: r.status === 'ready' ? 'ready' : 'loading' }));
    const keepHead = !resync;
    resync = false;
    const res = await call(api, 'queue:next', { limit: QUEUE_BATCH, inspector });
    if (!res.ok) {
      patch(() => ({
        refreshing: false,
        status: 'error',
        error: describeError('Cannot load the queue', res.error),
      }));
      return;
    }
    const queue = mergeQueue(
      get().review.queue,
      res.value.items.map(withoutHiddenSuggestion),
      pinned,
      decided,
      keepHead,
    );
    patch((r) => ({ ...withQueue(r, queue), refreshing: false, status: 'ready', error: null }));
    prefetchNext(queue);
  });

  const failWrite = async (what: string, message: string) => {
    get().reportError(`${what}: ${message}`);
    resync = true;
    await get().loadQueue();
  };

  /** The one shape of a call on the services, provisional or final. */
  const sendDecision = (itemId: number, inspector: string, choice: Choice, timeToDecideMs: number) =>
    call(api, 'review:decide', {
      itemId,
      inspector,
      label: choice.label,
      defectClass: choice.label === 'defect' ? choice.defectClass : null,
      timeToDecideMs,
    });

  /** The provisional call of a blind first read: the item stays, the answer carries the reveal. */
  const recordFirstRead = (item: QueueItemDto, inspector: string, choice: Choice, timeToDecideMs: number) => {
    patch((r) => ({
      choosingClass: false,
      saving: r.saving + 1,
      firstReads: withFirstRead(r.firstReads, item.id, { choice, reveal: null, pending: true }),
    }));
    return enqueue(async () => {
      const res = await sendDecision(item.id, inspector, choice, timeToDecideMs);
      if (res.ok) {
        const { reveal } = res.value;
        if (reveal?.heatmap) deps.prefetchOverlay(reveal.heatmap);
        patch((r) => ({
          firstReads: withFirstRead(r.firstReads, item.id, { choice, reveal, pending: false }),
          // The final call's time-to-decide counts from the reveal, not from the first look.
          loaded: r.loaded?.itemId === item.id ? { itemId: item.id, at: deps.now() } : r.loaded,
        }));
        return;
      }
      patch((r) => ({ firstReads: withFirstRead(r.firstReads, item.id, null) }));
      await failWrite(`The first read on item ${item.id} was not saved`, res.error.message);
    }).then(finishWrite);
  };

  return {
    review: initialReview,
    loadQueue,
    imageUrl: (itemId) => api.imageUrl(itemId),
    markImageLoaded: (itemId) => {
      const { review } = get();
      if (review.queue[0]?.id !== itemId || review.loaded?.itemId === itemId) return;
      patch(() => ({ loaded: { itemId, at: deps.now() }, imageFailed: null }));
    },
    markImageFailed: (itemId) => {
      if (get().review.queue[0]?.id === itemId) patch(() => ({ imageFailed: itemId, loaded: null }));
    },
    retryImage: () => patch((r) => ({ imageFailed: null, loaded: null, imageAttempt: r.imageAttempt + 1 })),
    openClassChoice: () => patch((r) => ({ choosingClass: r.queue.length > 0 })),
    cancelClassChoice: () => patch(() => ({ choosingClass: false })),

    decide: (choice) => {
      const { review, inspector } = get();
      const item = review.queue[0];
      const name = inspector.name;
      // Only a call on an image the inspector has actually seen counts.
      if (!item || !name || review.loaded?.itemId !== item.id) return Promise.resolve();
      const phase = readPhaseOf(item, review.firstReads);
      if (phase === 'first-read-saving') return Promise.resolve();
      const timeToDecideMs = Math.max(0, Math.round(deps.now() - review.loaded.at));
      if (phase === 'first-read') return recordFirstRead(item, name, choice, timeToDecideMs);

      const firstRead = review.firstReads[item.id] ?? null;
      const entrySeq = ++seq;
      decided.add(item.id);
      pinned.delete(item.id);
      const rest = review.queue.slice(1);
      const kept = [...review.undoStack, { seq: entrySeq, item, firstRead }];
      for (const dropped of kept.splice(0, Math.max(0, kept.length - UNDO_DEPTH)))
        decisionIds.delete(dropped.seq);
      patch((r) => ({
        ...withQueue(r, rest),
        undoStack: kept,
        saving: r.saving + 1,
        firstReads: withFirstRead(r.firstReads, item.id, null),
      }));
      prefetchNext(rest);
      if (rest.length < TOP_UP_BELOW) void loadQueue();

      const written = enqueue(async () => {
        const res = await sendDecision(item.id, name, choice, timeToDecideMs);
        if (res.ok) return res.value.decisionId;
        decided.delete(item.id);
        patch((r) => ({
          undoStack: r.undoStack.filter((e) => e.seq !== entrySeq),
          // The provisional call stands on the server; the item returns asking for the final call.
          firstReads: firstRead ? withFirstRead(r.firstReads, item.id, firstRead) : r.firstReads,
        }));
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
      const { item, firstRead } = entry;
      const pendingId = decisionIds.get(entry.seq) ?? Promise.resolve(null);
      decisionIds.delete(entry.seq);
      decided.delete(item.id);
      pinned.add(item.id);
      const queue = [item, ...review.queue.filter((i) => i.id !== item.id)];
      patch((r) => ({
        ...withQueue(r, queue),
        undoStack: r.undoStack.slice(0, -1),
        saving: r.saving + 1,
        // Undoing a final call after a reveal asks for the final call again, suggestion shown.
        firstReads: firstRead ? withFirstRead(r.firstReads, item.id, firstRead) : r.firstReads,
      }));

      return enqueue(async () => {
        const decisionId = await pendingId;
        // The decision itself failed: it was reported and the queue reloaded already.
        if (decisionId === null) return;
        const res = await call(api, 'review:undo', { decisionId, inspector: name });
        if (res.ok) return;
        pinned.delete(item.id);
        decided.add(item.id);
        patch((r) => ({
          ...withQueue(
            r,
            r.queue.filter((i) => i.id !== item.id),
          ),
          firstReads: withFirstRead(r.firstReads, item.id, null),
        }));
        await failWrite(`Undo on item ${item.id} failed, the decision stands`, res.error.message);
      }).then(finishWrite);
    },

    resetUndo: () => {
      decisionIds.clear();
      // Another inspector must not inherit a reveal meant for the one who made the first read.
      patch(() => ({ undoStack: [], firstReads: {} }));
    },
  };
};

/** The next items' images and, where the model output may be shown, their decoded overlays. */
function prefetch(
  deps: StoreDeps,
  items: readonly QueueItemDto[],
  firstReads: Record<number, FirstRead>,
  done: Set<number>,
): void {
  for (const item of items) {
    if (done.has(item.id)) continue;
    done.add(item.id);
    deps.prefetchImage(deps.api.imageUrl(item.id));
    const heatmap = visibleSuggestionOf(item, firstReads)?.heatmap;
    if (heatmap) deps.prefetchOverlay(heatmap);
  }
}
