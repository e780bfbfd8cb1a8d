// Unsent work, outside any component: each box's draft and each session's queue of prompts, for
// every server and project, stored in localStorage (state/drafts.ts) so nothing typed is lost to a
// server restart, a reload or an app restart. The composer only shows and edits it, so it can come
// and go without taking the user's text with it.
//
// Sending: a prompt goes at once only when the connection is live and the session is idle with
// nothing queued; otherwise it waits in the session's queue ("will send when connected" while the
// link is down) and goes, one at a time, when both hold. Each item is marked as on its way before
// the call, so a resync or a second marker can never send it twice, and it is left out of storage
// while on its way; a failed call keeps it at the head with the reason (state/queue.ts).
import { batch, createEffect, createSignal, on, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import {
  deserialize,
  EMPTY_DRAFT,
  scopeOfSlot,
  serialize,
  sessionOfSlot,
  slotOf,
  STORAGE_KEY,
  type Draft,
  type Outgoing,
} from "./drafts";
import {
  canSendDirectly,
  enqueue,
  failed,
  graceEnds,
  moveItems,
  pause,
  remove,
  resume,
  retry,
  sawBusy,
  sessionQueue,
  startDirect,
  succeeded,
  takeNext,
  type Queues,
  type SessionQueue,
} from "./queue";

/** How long typing must pause before the drafts are written down. */
export const SAVE_DEBOUNCE_MS = 300;

export interface ComposeOptions {
  /** The server and project shown; undefined before a server is known. */
  place: () => { serverId: string; directory: string } | undefined;
  /** The open session ("" for the box of a new session). */
  open: () => string;
  /** Prompts may go out: the view is live. */
  online: () => boolean;
  busy: (sessionId: string) => boolean;
  /** Sends to `sessionId` ("" for a new one); resolves to the session it went to. */
  deliver: (outgoing: Outgoing, sessionId: string) => Promise<string>;
  /** Where unsent work is kept; null keeps it in memory only. */
  storage?: Storage | null;
}

export type Compose = ReturnType<typeof createCompose>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createCompose(options: ComposeOptions) {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const restored = deserialize(read(storage));
  const [drafts, setDrafts] = createStore<Record<string, Draft>>(restored.drafts);
  const [queues, setQueuesNow] = createSignal<Queues<Outgoing>>(restored.queues);

  // ---- storage ----

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!storage) return;
    // Attachments go first when the store is full: the text matters most.
    for (const withAttachments of [true, false]) {
      try {
        storage.setItem(STORAGE_KEY, serialize(drafts, queues(), withAttachments));
        return;
      } catch {
        // Over quota: try again without them; failing that, memory still holds everything.
      }
    }
  };
  const changed = () => {
    if (!storage) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, SAVE_DEBOUNCE_MS);
  };
  // A window closing or hidden may not come back to finish the wait.
  const onHide = () => {
    if (saveTimer !== undefined) save();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") onHide();
  };
  window.addEventListener("pagehide", onHide);
  document.addEventListener("visibilitychange", onVisibility);
  onCleanup(() => {
    window.removeEventListener("pagehide", onHide);
    document.removeEventListener("visibilitychange", onVisibility);
    onHide();
  });

  const setQueues = (next: (q: Queues<Outgoing>) => Queues<Outgoing>) => {
    setQueuesNow(next);
    changed();
  };

  // ---- slots ----

  const slot = (sessionId: string) => {
    const place = options.place();
    return place ? slotOf(place.serverId, place.directory, sessionId) : "";
  };
  const draft = (sessionId: string): Draft => drafts[slot(sessionId)] ?? EMPTY_DRAFT;
  const update = (sessionId: string, patch: Partial<Draft>) => {
    const at = slot(sessionId);
    setDrafts(at, { ...(drafts[at] ?? EMPTY_DRAFT), ...patch });
    changed();
  };
  const queue = (sessionId: string): SessionQueue<Outgoing> => sessionQueue(queues(), slot(sessionId));

  /** The slots of the shown server and project that hold queued work. */
  const queuedHere = () => {
    const place = options.place();
    if (!place) return [];
    const scope = scopeOfSlot(slotOf(place.serverId, place.directory, ""));
    return Object.keys(queues().sessions).filter((at) => scopeOfSlot(at) === scope);
  };

  // ---- sending ----

  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleGrace = (at: string) => {
    const ends = graceEnds(queues(), at);
    if (ends === null || ends <= Date.now()) return;
    clearTimeout(graceTimer);
    graceTimer = setTimeout(pumpAll, Math.max(0, ends - Date.now()));
  };
  onCleanup(() => {
    clearTimeout(graceTimer);
    clearTimeout(saveTimer);
  });

  const busyAt = (at: string) => options.busy(sessionOfSlot(at) ?? "");

  /** The send went through: a new session's later prompts follow it into that session. */
  const settled = (at: string, sessionId: string, to: string) => {
    setQueues((q) => {
      const done = succeeded(q, at, { now: Date.now(), busy: busyAt(at) });
      return sessionId === "" && to !== "" ? moveItems(done, at, slot(to)) : done;
    });
    scheduleGrace(sessionId === "" && to !== "" ? slot(to) : at);
  };

  /** Sends the next queued item of slot `at` if the link is live, the session idle and the queue free. */
  const pump = (at: string) => {
    if (!options.online()) return;
    const taken = takeNext(queues(), at, busyAt(at), Date.now());
    if (!taken) {
      scheduleGrace(at);
      return;
    }
    setQueues(() => taken.queues);
    const sessionId = sessionOfSlot(at) ?? "";
    options.deliver(taken.item.value, sessionId).then(
      (to) => {
        settled(at, sessionId, to);
      },
      (error: unknown) => {
        setQueues((q) => failed(q, at, message(error)));
      },
    );
  };

  function pumpAll() {
    for (const at of queuedHere()) {
      if (busyAt(at)) setQueues((q) => sawBusy(q, at));
      else pump(at);
    }
  }

  // Whenever the link comes back, a session goes idle or a queue changes, what may go, goes.
  createEffect(
    on(
      () => [options.online(), queuedHere().map((at) => [at, busyAt(at)])] as const,
      () => {
        pumpAll();
      },
    ),
  );

  /**
   * Sends what was in the box of `sessionId` (already emptied by the caller), or queues it. A
   * failed direct send gives the text back to the box, with the reason.
   */
  const send = async (sessionId: string, outgoing: Outgoing, before: Draft) => {
    const at = slot(sessionId);
    if (!options.online() || !canSendDirectly(queues(), at, options.busy(sessionId), Date.now())) {
      setQueues((q) => enqueue(q, at, outgoing).queues);
      return;
    }
    setQueues((q) => startDirect(q, at));
    try {
      const to = await options.deliver(outgoing, sessionId);
      settled(at, sessionId, to);
    } catch (error) {
      setQueues((q) => failed(q, at, message(error)));
      // Give the text back where the user left it. A first send may have created a session and
      // opened it: the text follows to the open box if that one is empty.
      const open = options.open();
      const target = sessionId === "" && open !== "" && draft(open).text === "" ? open : sessionId;
      const now = draft(target);
      batch(() => {
        update(target, {
          text: now.text === "" ? before.text : `${before.text}\n${now.text}`,
          mentions: [...before.mentions, ...now.mentions],
          // Only a prompt took the attachments with it.
          attachments:
            outgoing.kind === "prompt" ? [...before.attachments, ...now.attachments] : now.attachments,
          error: message(error),
        });
      });
    }
  };

  return {
    draft,
    update,
    queue,
    send,
    /** Holds a session's queue (after Stop). */
    pause: (sessionId: string) => {
      setQueues((q) => pause(q, slot(sessionId)));
    },
    resume: (sessionId: string) => {
      setQueues((q) => resume(q, slot(sessionId)));
      pumpAll();
    },
    retry: (sessionId: string, id: number) => {
      setQueues((q) => retry(q, slot(sessionId), id));
      pumpAll();
    },
    remove: (sessionId: string, id: number) => {
      setQueues((q) => remove(q, slot(sessionId), id));
      pumpAll();
    },
    /** Writes pending changes down now (tests; the window's pagehide does it too). */
    save,
  };
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Storage can be refused outright (privacy settings); memory must do then.
    return null;
  }
}

function read(storage: Storage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
