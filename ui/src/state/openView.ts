// What the window shows of the open session, derived from the workspace's store: its pending
// requests, the tool calls that wait for them, the messages left visible after a revert, its
// usage (exact, from Rust: state/sessionUsage.ts) and per-turn changes, when the Files panel
// should reload, and the model a summary uses.
// Selectors only (memos, no store writes), so App.tsx can lay screens out without computing
// anything; besides waiting for a burst of changed-file news to settle and the usage module asking
// Rust, the one effect here refetches the side panel's data, which the server's own events do not
// fully cover.
import { createEffect, createMemo, createSignal, on, onCleanup } from "solid-js";
import type { Message } from "../ipc";
import type * as UsageIpc from "../ipc/usage";
import { turnChanges } from "../screens/changes/turnChanges";
import { requestsWithin } from "../screens/permissions/withinSession";
import { visibleAfterRevert } from "../screens/transcript/revert";
import { createSessionUsage } from "./sessionUsage";
import type { Workspace } from "./workspace";

export type OpenView = ReturnType<typeof createOpenView>;
/** Where the open session's exact usage comes from (tests pass a fake). */
export type SessionUsageApi = Pick<typeof UsageIpc, "sessionUsage">;

/** Quiet time after the server's last news of changed files before the Files panel reloads. */
export const FILE_NEWS_SETTLE_MS = 300;

/** `source`'s value once it has stopped changing for `ms` (a save or a checkout comes in bursts). */
function settled<T>(source: () => T, ms: number): () => T {
  const [value, setValue] = createSignal(source());
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      source,
      (next) => {
        clearTimeout(timer);
        timer = setTimeout(() => setValue(() => next), ms);
      },
      { defer: true },
    ),
  );
  onCleanup(() => {
    clearTimeout(timer);
  });
  return value;
}

export function createOpenView(ws: Workspace, usageApi: SessionUsageApi) {
  const { store, selected } = ws;
  const busy = () => {
    const id = selected();
    return id !== undefined && ws.isBusy(id);
  };
  /** The open session's requests and its sub-agents' (which wait in sessions never opened). */
  const pending = createMemo(() => {
    const id = selected();
    return id ? requestsWithin(store.permissions, store.sessions, id) : [];
  });
  const asked = createMemo(() => {
    const id = selected();
    return id ? requestsWithin(store.questions, store.sessions, id) : [];
  });
  /** The open session's tool calls that wait for one of its requests. */
  const awaitedCalls = createMemo(() => {
    const calls = new Set<string>();
    for (const request of [...pending(), ...asked()]) if (request.tool) calls.add(request.tool.callID);
    return calls;
  });
  const visibleIds = createMemo(() => {
    const id = selected();
    return id ? visibleAfterRevert(store.messages[id] ?? [], ws.openSessionInfo()?.revert) : [];
  });
  const usage = createSessionUsage({
    open: () => {
      const serverId = ws.server()?.id;
      const sessionId = selected();
      return serverId && sessionId ? { serverId, sessionId } : undefined;
    },
    busy,
    messages: () => {
      const id = selected();
      const ids = id ? (store.messages[id] ?? []) : [];
      return ids.flatMap((m): Message[] => (store.messageInfo[m] ? [store.messageInfo[m]] : []));
    },
    fetch: usageApi.sessionUsage,
  });
  /** Reverted turns' changes are undone on disk: only the visible turns count. */
  const turns = createMemo(() => turnChanges(visibleIds(), store.messageInfo, store.parts));
  /**
   * Changes when the agent changed files, or the server reported changed files (anyone's edits, a
   * checkout): the file tree refetches its git marks and the open file then, once per burst.
   */
  const fileNews = settled(() => store.fileChanges, FILE_NEWS_SETTLE_MS);
  const filesRefresh = createMemo(() => [store.diffs[selected() ?? ""], turns()[0]?.diffs, fileNews()]);

  /** The server's default model, for when the session has used none yet. */
  const defaultModel = () => {
    const models = ws.catalog()?.models;
    const provider = models?.providers[0];
    if (!models || !provider) return null;
    const modelID = models.default[provider.id] ?? Object.keys(provider.models)[0];
    return modelID ? { providerID: provider.id, modelID } : null;
  };
  const summarize = async (sessionId: string) => {
    const model = ws.lastChoice().model ?? defaultModel();
    if (!model) throw new Error("No model is configured to write the summary.");
    await ws.summarize(sessionId, model);
  };

  return { busy, pending, asked, awaitedCalls, visibleIds, usage, turns, filesRefresh, summarize };
}

/**
 * Refetches the open session's changed files and todos when their panel is shown and whenever the
 * session finishes a reply: the server's own diff events do not cover every change.
 */
export function refreshSidePanel(
  ws: Workspace,
  view: OpenView,
  panel: () => string | undefined,
  report: (action: Promise<unknown>) => void,
): void {
  createEffect(
    on([panel, ws.selected, view.busy], ([shown, id]) => {
      if (shown && shown !== "files" && id) report(ws.refreshExtras());
    }),
  );
}
