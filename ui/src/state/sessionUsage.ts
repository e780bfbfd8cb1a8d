// The open session's exact tokens and cost for the status bar, and the only writer of them. Rust
// sums them over every message of the session (ipc/usage.ts `sessionUsage`); adding up the pages
// loaded here under-reported any session longer than its tail.
//
// When to ask: a second after a session opens (or the server or project changes): a long
// session's first count reads all of its messages from the server, which must not compete with
// the page the window is opening it with; and, 500 ms after
// things settle, when its reply finishes or the server updates one of its assistant messages (a
// `message.updated`, which the reducer writes into the store: seen here as a reply whose info
// object was replaced, or a newer reply). Older pages loading or being let go are not news.
// Meanwhile, and after a failed ask, the last value known for that session stays shown.
import { createEffect, createMemo, on, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import type { Message } from "../ipc";
import type { UsageTotals } from "../ipc/usage";
import { fromTotals, type SessionUsage } from "../lib/usage";

/** Quiet time after the last update before asking again: a reply updates its message per step. */
export const USAGE_SETTLE_MS = 500;
/** After a session opens: its own first page goes first (see the top of this file). */
export const USAGE_OPEN_MS = 1000;

export interface SessionUsageSource {
  /** The server and session shown; undefined while none is open. */
  open: () => { serverId: string; sessionId: string } | undefined;
  /** Whether the open session is replying now. */
  busy: () => boolean;
  /** The open session's messages the store holds (user ones are skipped here). */
  messages: () => readonly Message[];
  fetch: (serverId: string, sessionId: string) => Promise<UsageTotals>;
}

const keyOf = (open: { serverId: string; sessionId: string }) => `${open.serverId}\n${open.sessionId}`;

/** The open session's usage: the last known for it, or undefined before the first answer. */
export function createSessionUsage(source: SessionUsageSource): () => SessionUsage | undefined {
  /** Last known totals by server and session, so reopening one shows its figure at once. */
  const [known, setKnown] = createStore<Record<string, SessionUsage>>({});
  /** The latest ask per session: an older answer arriving last must not win. */
  const asked = new Map<string, number>();
  let asks = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const ask = (serverId: string, sessionId: string) => {
    const key = keyOf({ serverId, sessionId });
    const mine = ++asks;
    asked.set(key, mine);
    source.fetch(serverId, sessionId).then(
      (totals) => {
        if (asked.get(key) === mine) setKnown(key, fromTotals(totals));
      },
      // Keep what was shown: a figure a moment old beats none.
      () => undefined,
    );
  };
  const askOpen = () => {
    clearTimeout(timer);
    timer = undefined;
    const open = source.open();
    if (open) ask(open.serverId, open.sessionId);
  };
  const askSoon = (after = USAGE_SETTLE_MS) => {
    clearTimeout(timer);
    timer = setTimeout(askOpen, after);
  };

  const key = createMemo(() => {
    const open = source.open();
    return open ? keyOf(open) : undefined;
  });
  createEffect(on(key, () => { askSoon(USAGE_OPEN_MS); }));

  // The reply finished: its last figures are in.
  createEffect(
    on(source.busy, (busy, was) => {
      if (was === true && !busy) askSoon();
    }),
  );

  // A `message.updated` replaces the message's info object in the store; ids sort in creation
  // order, so a reply newer than every one seen is news too, while an older page is not.
  const replies = createMemo(() => source.messages().filter((m) => m.role === "assistant"));
  let seen: { key: string | undefined; byId: Map<string, Message>; newest: string } | undefined;
  createEffect(
    on([key, replies], ([at, now]) => {
      const byId = new Map(now.map((m) => [m.id, m]));
      const newest = now.reduce((max, m) => (m.id > max ? m.id : max), "");
      const before = seen;
      seen = { key: at, byId, newest };
      // A session just opened (or its first page just arrived): the ask on opening covers it.
      if (!before || before.key !== at || before.byId.size === 0) return;
      const changed = now.some((m) => {
        const old = before.byId.get(m.id);
        return old ? old !== m : m.id > before.newest;
      });
      if (changed) askSoon();
    }),
  );

  onCleanup(() => {
    clearTimeout(timer);
  });

  return () => {
    const at = key();
    return at === undefined ? undefined : known[at];
  };
}
