// The main window's side of TUI control: hears what programs ask of the TUI of its servers (ipc)
// and gives state/tuiControl.ts the window's real actions. Drafts change only through
// `ws.compose` (their one writer), so text a program appends is a draft like any other: kept per
// session, stored across restarts, sent only by Enter or by a program's submit. Sessions open
// through the same `ws.openSession` as a click or an OpenSessionRequested.
import { onCleanup, onMount } from "solid-js";
import { copyText } from "../lib/clipboard";
import type { ComposerHandle } from "../screens/composer/Composer";
import type { SessionListControls } from "../screens/sessions/SessionList";
import type { TranscriptControls } from "../screens/transcript/Transcript";
import type { Draft } from "./drafts";
import type { OpenView } from "./openView";
import { createToastList } from "./toasts";
import { obeyTui, type TuiActions } from "./tuiControl";
import type { Workspace } from "./workspace";

/** The parts of the window a program can reach; the getters read what is mounted now. */
export interface TuiControlParts {
  ws: Workspace;
  view: OpenView;
  composer: () => ComposerHandle | undefined;
  sessionList: () => SessionListControls | undefined;
  transcript: () => TranscriptControls | undefined;
  showShortcutHelp: () => void;
}

/** A cleared box, to put back on Undo: the box it was in, and what it held. */
interface Cleared {
  sessionId: string;
  draft: Pick<Draft, "text" | "mentions" | "attachments">;
}

function mounted<T>(part: T | undefined, missing: string): T {
  if (part === undefined) throw new Error(missing);
  return part;
}

/** Obeys programs while the window lives; returns the toasts to show. */
export function useTuiControl(parts: TuiControlParts) {
  const { ws, view } = parts;
  const toasts = createToastList();
  /** The open session's box, or the new-session box ("") when none is open. */
  const box = () => ws.selected() ?? "";
  const composer = () => mounted(parts.composer(), "The composer is not shown.");
  const openSession = (doing: string) => mounted(ws.selected(), `No session is open to ${doing}.`);

  const actions: TuiActions<Cleared> = {
    showsServer: (id) => ws.server()?.id === id,
    appendToComposer: (text) => {
      const at = box();
      ws.compose.update(at, { text: ws.compose.draft(at).text + text });
    },
    submitComposer: () => composer().submit(),
    clearComposer: () => {
      const sessionId = box();
      const now = ws.compose.draft(sessionId);
      if (now.text === "" && now.attachments.length === 0) return undefined;
      // Copies: the store merges the update into the object `now` reads from.
      const draft = { text: now.text, mentions: [...now.mentions], attachments: [...now.attachments] };
      ws.compose.update(sessionId, { text: "", mentions: [], attachments: [] });
      return { sessionId, draft };
    },
    restoreComposer: ({ sessionId, draft }) => {
      // Whatever was typed since stays, after the text put back (as a failed send does).
      const now = ws.compose.draft(sessionId);
      ws.compose.update(sessionId, {
        text: now.text === "" ? draft.text : `${draft.text}\n${now.text}`,
        mentions: [...draft.mentions, ...now.mentions],
        // Ids need only differ within one draft: both lists counted from 1.
        attachments: [...draft.attachments, ...now.attachments].map((file, i) => ({ ...file, id: i + 1 })),
      });
    },
    openSession: (sessionId) => ws.openSession(sessionId),
    showToast: (toast) => {
      toasts.show(toast);
    },
    newSession: () => ws.newSession(),
    focusSessionSearch: () => {
      mounted(parts.sessionList(), "The session list is not shown yet.").focusSearch();
    },
    openModelPicker: () => {
      if (!composer().focusPicker("model")) throw new Error("There is no model to pick from yet.");
    },
    nextAgent: () => {
      composer().cycleAgent();
    },
    openAgentPicker: () => {
      if (!composer().focusPicker("agent")) throw new Error("There is no agent to pick from.");
    },
    abortOpenSession: () => ws.stop(),
    summarize: () => view.summarize(openSession("summarize")),
    share: async () => {
      const url = await ws.share(openSession("share"));
      const copied = await copyText(url);
      toasts.show({ variant: "success", title: copied ? "Link copied" : "Shared: copy this link", message: url });
    },
    showShortcutHelp: parts.showShortcutHelp,
    scrollTranscript: (where) => {
      parts.transcript()?.scroll(where);
    },
  };

  onMount(() => {
    onCleanup(
      ws.api.onTuiControlRequested((asked) => {
        obeyTui(asked, actions);
      }),
    );
  });

  return { toasts: toasts.toasts, dismissToast: toasts.dismiss };
}
