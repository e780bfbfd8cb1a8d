// What the app does when a program drives "the TUI" of one of its servers (editors, scripts and
// plugins call /tui/* on the server; Rust passes each request on, having checked the setting and
// that no terminal UI owns that server's prompt). Each request becomes the action a person would
// take in the app, through `TuiActions`, which the window supplies (state/useTuiControl.ts); this
// module decides which, and tells the user in a toast what the app does not do, what failed, and
// what a program undid for them (a cleared prompt comes with Undo). Nothing is dropped in silence.
//
// Requests other than toasts are for the interface of one server: the window obeys them only while
// it shows that server, since its composer and sessions are that server's.
import type { TuiRequest } from "../ipc";
import type { TranscriptScroll } from "../screens/transcript/Transcript";
import { toastVariant, type NewToast } from "./toasts";

/** What the window can do for a program. `Cleared` is what it needs to undo a clear. */
export interface TuiActions<Cleared> {
  /** The window shows server `serverId` (its composer, its sessions). */
  showsServer: (serverId: string) => boolean;
  /** Adds `text` to the end of the open session's draft (or the new-session box): never sent. */
  appendToComposer: (text: string) => void;
  /** Sends what the composer holds, as Enter does. */
  submitComposer: () => unknown;
  /** Empties the composer; what puts it back, or undefined when it held nothing. */
  clearComposer: () => Cleared | undefined;
  restoreComposer: (cleared: Cleared) => void;
  openSession: (sessionId: string) => unknown;
  showToast: (toast: NewToast) => void;
  newSession: () => unknown;
  focusSessionSearch: () => void;
  openModelPicker: () => void;
  nextAgent: () => void;
  openAgentPicker: () => void;
  abortOpenSession: () => unknown;
  summarize: () => unknown;
  share: () => unknown;
  showShortcutHelp: () => void;
  scrollTranscript: (where: TranscriptScroll) => void;
}

/** What asking for a command does, by the TUI's name for it (`TUI_COMMANDS` in the client). */
const COMMANDS = new Map<string, (actions: TuiActions<unknown>) => unknown>([
  ["session.new", (a) => a.newSession()],
  ["session.list", (a) => { a.focusSessionSearch(); }],
  ["model.list", (a) => { a.openModelPicker(); }],
  ["agent.cycle", (a) => { a.nextAgent(); }],
  ["agent.list", (a) => { a.openAgentPicker(); }],
  ["session.interrupt", (a) => a.abortOpenSession()],
  ["session.compact", (a) => a.summarize()],
  ["session.share", (a) => a.share()],
  ["help.show", (a) => { a.showShortcutHelp(); }],
  ["session.page.up", (a) => { a.scrollTranscript("page-up"); }],
  ["session.page.down", (a) => { a.scrollTranscript("page-down"); }],
  ["session.first", (a) => { a.scrollTranscript("first"); }],
  ["session.last", (a) => { a.scrollTranscript("last"); }],
]);

export const CLEARED_MESSAGE = "A program cleared the prompt";
/** Longer than a plain toast: the user has to notice it, then reach for Undo. */
export const UNDO_MS = 10_000;

/** The request by the TUI's own name for it, as a user may know it from the program's docs. */
export function requestName(request: TuiRequest): string {
  switch (request.type) {
    case "append_prompt":
      return "prompt.append";
    case "submit_prompt":
      return "prompt.submit";
    case "clear_prompt":
      return "prompt.clear";
    case "select_session":
      return "session.select";
    case "show_toast":
      return "toast.show";
    case "command":
      return request.name;
    default: {
      // A newer backend's request: named by its type, said to be unknown below.
      const unknown: never = request;
      return (unknown as { type: string }).type;
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Does what a program asked of the TUI of server `serverId`. */
export function obeyTui<Cleared>(
  asked: { serverId: string; request: TuiRequest },
  actions: TuiActions<Cleared>,
): void {
  const { request } = asked;
  if (request.type === "show_toast") {
    const duration = request.duration ?? undefined;
    actions.showToast({
      title: request.title ?? null,
      message: request.message,
      variant: toastVariant(request.variant),
      ...(duration !== undefined && duration > 0 ? { duration } : {}),
    });
    return;
  }
  const name = requestName(request);
  if (!actions.showsServer(asked.serverId)) {
    actions.showToast({
      variant: "info",
      message: `A program asked for “${name}” on a server this window does not show.`,
    });
    return;
  }
  const failed = (error: unknown) => {
    actions.showToast({ variant: "error", title: `“${name}” failed`, message: messageOf(error) });
  };
  try {
    const done = run(request, actions);
    if (done instanceof Promise) done.catch(failed);
  } catch (error) {
    failed(error);
  }
}

function run<Cleared>(request: TuiRequest, actions: TuiActions<Cleared>): unknown {
  switch (request.type) {
    case "append_prompt":
      actions.appendToComposer(request.text);
      return;
    case "submit_prompt":
      return actions.submitComposer();
    case "clear_prompt": {
      const cleared = actions.clearComposer();
      if (cleared === undefined) return;
      actions.showToast({
        variant: "info",
        message: CLEARED_MESSAGE,
        duration: UNDO_MS,
        action: {
          label: "Undo",
          run: () => {
            actions.restoreComposer(cleared);
          },
        },
      });
      return;
    }
    case "select_session":
      return actions.openSession(request.session_id);
    case "command": {
      const command = COMMANDS.get(request.name);
      if (command) return command(actions as TuiActions<unknown>);
      break;
    }
    default:
      break;
  }
  actions.showToast({
    variant: "info",
    message: `A program asked for “${requestName(request)}”, which the app does not do.`,
  });
  return;
}
