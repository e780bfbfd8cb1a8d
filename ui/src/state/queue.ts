// Prompts typed while a reply runs wait here, per session, and go one at a time once the session
// is idle: a queued prompt is never lost and never sent to another session. Pure and immutable
// (every function returns a new value), so the rules are tested without a DOM or a framework.
//
// One session's life: idle → a send goes out (`sending`) → it succeeds (`sentAt`: its reply may
// not have started yet) → the session is seen busy (`sawBusy`) → idle again → the next item goes.
// A failed item stays at the head with its error and holds the rest (order matters: later
// prompts often build on earlier ones) until it is retried or removed. Stop pauses the queue, so
// the prompts queued behind a reply the user just cut short wait for a word from them.

export interface QueuedItem<T> {
  readonly id: number;
  readonly value: T;
  /** Why the last attempt to send it failed; the item stays until retried or removed. */
  readonly error?: string;
}

export interface SessionQueue<T> {
  readonly items: readonly QueuedItem<T>[];
  /** What is on its way now: a queued item's id, "direct" for a send that skipped the queue. */
  readonly sending: number | "direct" | null;
  /**
   * When the last send succeeded, until the session is seen busy. The server reports busy an
   * instant after accepting a prompt; the next item must not go out in that instant.
   */
  readonly sentAt: number | null;
  /** Held after Stop until resumed. */
  readonly paused: boolean;
}

export interface Queues<T> {
  readonly sessions: Readonly<Record<string, SessionQueue<T>>>;
  readonly nextId: number;
}

/**
 * How long a successful send waits to see the session busy before the next item may go anyway
 * (a command that finishes at once, or a busy status lost in a reconnect, must not stall the
 * queue).
 */
export const START_GRACE_MS = 3000;

const IDLE: SessionQueue<never> = { items: [], sending: null, sentAt: null, paused: false };

export function emptyQueues<T>(): Queues<T> {
  return { sessions: {}, nextId: 1 };
}

export function sessionQueue<T>(queues: Queues<T>, sessionId: string): SessionQueue<T> {
  return queues.sessions[sessionId] ?? IDLE;
}

/** Replaces one session's queue, dropping it from the map when it holds nothing. */
function put<T>(queues: Queues<T>, sessionId: string, next: SessionQueue<T>): Queues<T> {
  const empty = next.items.length === 0;
  const settled = empty && next.sending === null && next.sentAt === null;
  const sessions = Object.fromEntries(
    Object.entries(queues.sessions).filter(([id]) => id !== sessionId),
  );
  // A pause only holds items; with none left there is nothing to hold.
  if (!settled) sessions[sessionId] = empty && next.paused ? { ...next, paused: false } : next;
  return { ...queues, sessions };
}

function waitingForStart(queue: SessionQueue<unknown>, now: number): boolean {
  return queue.sentAt !== null && now - queue.sentAt < START_GRACE_MS;
}

/** True when a new prompt may skip the queue: nothing waits, nothing is on its way, all idle. */
export function canSendDirectly<T>(
  queues: Queues<T>,
  sessionId: string,
  busy: boolean,
  now: number,
): boolean {
  const queue = sessionQueue(queues, sessionId);
  return (
    !busy && queue.items.length === 0 && queue.sending === null && !waitingForStart(queue, now)
  );
}

/** Marks a send that skipped the queue as on its way (later prompts queue behind it). */
export function startDirect<T>(queues: Queues<T>, sessionId: string): Queues<T> {
  return put(queues, sessionId, { ...sessionQueue(queues, sessionId), sending: "direct" });
}

export function enqueue<T>(
  queues: Queues<T>,
  sessionId: string,
  value: T,
): { queues: Queues<T>; id: number } {
  const id = queues.nextId;
  const queue = sessionQueue(queues, sessionId);
  const next = put(queues, sessionId, { ...queue, items: [...queue.items, { id, value }] });
  return { queues: { ...next, nextId: id + 1 }, id };
}

/** Removes an item, unless it is on its way (then it can no longer be taken back). */
export function remove<T>(queues: Queues<T>, sessionId: string, id: number): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  if (queue.sending === id || !queue.items.some((item) => item.id === id)) return queues;
  return put(queues, sessionId, { ...queue, items: queue.items.filter((item) => item.id !== id) });
}

/** Clears a failed item's error so it can go again. */
export function retry<T>(queues: Queues<T>, sessionId: string, id: number): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  const target = queue.items.find((item) => item.id === id);
  if (target?.error === undefined) return queues;
  const items = queue.items.map((item) =>
    item.id === id ? { id: item.id, value: item.value } : item,
  );
  return put(queues, sessionId, { ...queue, items });
}

/**
 * The item to send now, if the session is idle and its queue is free to move: nothing on its way,
 * not waiting for the last send's reply to start, not paused, and the head has not failed.
 * The item is marked as on its way; report the outcome with `succeeded` or `failed`.
 */
export function takeNext<T>(
  queues: Queues<T>,
  sessionId: string,
  busy: boolean,
  now: number,
): { queues: Queues<T>; item: QueuedItem<T> } | null {
  const queue = sessionQueue(queues, sessionId);
  const head = queue.items[0];
  if (busy || head === undefined || queue.sending !== null || queue.paused) return null;
  if (head.error !== undefined || waitingForStart(queue, now)) return null;
  const next = put(queues, sessionId, { ...queue, sending: head.id, sentAt: null });
  return { queues: next, item: head };
}

/**
 * The send on its way went through: a queued item leaves the queue. Unless the session is already
 * seen busy (`busy`), the next item waits for the reply to start (or for the grace to pass).
 */
export function succeeded<T>(
  queues: Queues<T>,
  sessionId: string,
  at: { now: number; busy: boolean },
): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  const sending = queue.sending;
  if (sending === null) return queues;
  const items = queue.items.filter((item) => item.id !== sending);
  const sentAt = at.busy ? null : at.now;
  return put(queues, sessionId, { ...queue, items, sending: null, sentAt });
}

/** The send on its way failed: a queued item keeps its place with the error, holding the rest. */
export function failed<T>(queues: Queues<T>, sessionId: string, error: string): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  const sending = queue.sending;
  if (sending === null) return queues;
  const items = queue.items.map((item) => (item.id === sending ? { ...item, error } : item));
  return put(queues, sessionId, { ...queue, items, sending: null });
}

/** The session was seen busy: the last send's reply has started. */
export function sawBusy<T>(queues: Queues<T>, sessionId: string): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  if (queue.sentAt === null) return queues;
  return put(queues, sessionId, { ...queue, sentAt: null });
}

/** Holds the queue (after Stop). A queue with nothing in it is not held. */
export function pause<T>(queues: Queues<T>, sessionId: string): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  if (queue.items.length === 0 || queue.paused) return queues;
  return put(queues, sessionId, { ...queue, paused: true });
}

export function resume<T>(queues: Queues<T>, sessionId: string): Queues<T> {
  const queue = sessionQueue(queues, sessionId);
  if (!queue.paused) return queues;
  return put(queues, sessionId, { ...queue, paused: false });
}

/** When the wait for the last send's reply to start runs out (ms since epoch), or null if none. */
export function graceEnds<T>(queues: Queues<T>, sessionId: string): number | null {
  const { sentAt } = sessionQueue(queues, sessionId);
  return sentAt === null ? null : sentAt + START_GRACE_MS;
}

/**
 * Moves what waits in `from` behind the items of `to` (a new session's box: once its first prompt
 * created the session, the rest belong to that session). The wait for the last send's reply moves
 * with them; an item on its way stays where it is.
 */
export function moveItems<T>(queues: Queues<T>, from: string, to: string): Queues<T> {
  const source = sessionQueue(queues, from);
  const moving = source.items.filter((item) => item.id !== source.sending);
  if (from === to || (moving.length === 0 && source.sentAt === null)) return queues;
  const target = sessionQueue(queues, to);
  const left = put(queues, from, {
    ...source,
    items: source.items.filter((item) => item.id === source.sending),
    sentAt: null,
  });
  return put(left, to, {
    ...target,
    items: [...target.items, ...moving],
    sentAt: source.sentAt ?? target.sentAt,
    paused: target.paused || source.paused,
  });
}
