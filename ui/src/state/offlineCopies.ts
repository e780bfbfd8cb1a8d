// The offline copies in the window: while the server the window shows is down, the sessions Rust
// kept for this project (listed, searched, one opened read-only); when it is back, the live view
// takes over and the open copy is let go. Also keeps the copy of the open session current by
// asking Rust to re-read it when its reply ends. The pure pieces (when a server counts as down,
// a copy as the transcript's props, the banner's words) are exported for tests.
import { createEffect, createResource, createSignal, on } from "solid-js";
import type { Message, Part, ServerStatusView } from "../ipc";
import type { CopyHit, CopySummary, OfflineApi, SessionCopy } from "../ipc/offline";

/** A server in this state cannot serve the window (starting and ready can, or soon will). */
export function isDown(status: ServerStatusView): boolean {
  switch (status.state) {
    case "starting":
    case "ready":
      return false;
    default:
      return true;
  }
}

export interface CopyTranscript {
  ids: string[];
  info: Record<string, Message>;
  parts: Record<string, Part[]>;
}

/** A copy as the transcript reads it: ids oldest first, infos and parts by message id. */
export function copyTranscript(copy: SessionCopy): CopyTranscript {
  const view: CopyTranscript = { ids: [], info: {}, parts: {} };
  for (const { info, parts } of copy.messages) {
    view.ids.push(info.id);
    view.info[info.id] = info;
    view.parts[info.id] = parts;
  }
  return view;
}

/** When a copy was written, as people say it: today's time, or the day and time. */
export function copyTime(cachedAt: number | null, now: Date = new Date()): string {
  if (cachedAt === null) return "an unknown time";
  const at = new Date(cachedAt);
  const time = at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (at.toDateString() === now.toDateString()) return `today ${time}`;
  const day = at.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  return `${day}, ${time}`;
}

export function copyBanner(cachedAt: number | null, now: Date = new Date()): string {
  return `A copy from ${copyTime(cachedAt, now)}: the server is not reachable`;
}

export interface OfflinePlace {
  serverId: string;
  directory: string;
}

/**
 * The copies of `place()` (undefined while the server can serve the window, or no project is
 * known): the list, a search over titles and text, the copy opened. Nothing is asked of Rust
 * while the server is up.
 */
export function createOfflineCopies(api: OfflineApi, place: () => OfflinePlace | undefined) {
  const key = () => {
    const p = place();
    return p ? `${p.serverId}\n${p.directory}` : undefined;
  };
  const [list] = createResource(key, async () => {
    const p = place();
    return p ? api.listOfflineCopies(p.serverId, p.directory) : ([] as CopySummary[]);
  });
  const [openId, setOpenId] = createSignal<string>();
  /** The message a search hit asked for in the open copy, until the transcript has shown it. */
  const [reveal, setReveal] = createSignal<{ messageId: string }>();
  const [copy] = createResource(
    () => {
      const p = place();
      const id = openId();
      return p && id ? { serverId: p.serverId, id } : undefined;
    },
    ({ serverId, id }) => api.offlineCopy(serverId, id),
  );
  const [query, setQuery] = createSignal("");
  const [hits] = createResource(
    () => {
      const p = place();
      const q = query().trim();
      return p && q !== "" ? { ...p, q } : undefined;
    },
    ({ serverId, directory, q }) => api.searchOfflineCopies(serverId, directory, q),
  );
  // Another server or project, or the server back: the copy opened is let go.
  createEffect(on(key, () => { setOpenId(undefined); setReveal(undefined); setQuery(""); }, { defer: true }));
  return {
    /** The server is down and the window shows the copies. */
    active: () => place() !== undefined,
    list: (): CopySummary[] => (list.state === "ready" ? list() : []),
    listError: (): string | undefined => (list.error instanceof Error ? list.error.message : undefined),
    openId,
    /** Opens a copy; with `messageId` (a search's hit), at that message. */
    open: (sessionId: string, messageId?: string) => {
      setOpenId(sessionId);
      setReveal(messageId === undefined ? undefined : { messageId });
    },
    close: () => {
      setOpenId(undefined);
      setReveal(undefined);
    },
    reveal,
    /** The transcript has shown the message asked for (or found it missing). */
    revealed: () => {
      setReveal(undefined);
    },
    copy: (): SessionCopy | null | undefined => (copy.state === "ready" ? copy() : undefined),
    query,
    setQuery,
    hits: (): CopyHit[] => (hits.state === "ready" ? hits() : []),
  };
}

export type OfflineCopies = ReturnType<typeof createOfflineCopies>;

/**
 * When the open session's reply ends (busy, then not), Rust re-reads its last messages into its
 * copy, so a copy is as current as the last finished reply. Failures only cost freshness.
 */
export function keepCopyCurrent(
  api: Pick<OfflineApi, "refreshOfflineCopy">,
  open: () => { serverId: string; sessionId: string; busy: boolean } | undefined,
) {
  createEffect(
    on(open, (now, before) => {
      if (!now || !before) return;
      const same = now.serverId === before.serverId && now.sessionId === before.sessionId;
      if (same && before.busy && !now.busy) {
        api.refreshOfflineCopy(now.serverId, now.sessionId).catch(() => undefined);
      }
    }),
  );
}
