import { describe, expect, it } from "vitest";
import type { TuiRequest } from "../ipc";
import type { NewToast } from "./toasts";
import { CLEARED_MESSAGE, obeyTui, UNDO_MS, type TuiActions } from "./tuiControl";

/** Actions that record what was done; the window shows server "srv" and its composer holds "draft". */
function fakeActions(over: Partial<TuiActions<string>> = {}) {
  const done: string[] = [];
  const toasts: NewToast[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      done.push(args.length > 0 ? `${name} ${args.map(String).join(" ")}` : name);
    };
  const actions: TuiActions<string> = {
    showsServer: (id) => id === "srv",
    appendToComposer: record("append"),
    submitComposer: record("submit"),
    clearComposer: () => {
      done.push("clear");
      return "draft";
    },
    restoreComposer: record("restore"),
    openSession: record("open"),
    showToast: (toast) => toasts.push(toast),
    newSession: record("new"),
    focusSessionSearch: record("search"),
    openModelPicker: record("model picker"),
    nextAgent: record("next agent"),
    openAgentPicker: record("agent picker"),
    abortOpenSession: record("abort"),
    summarize: record("summarize"),
    share: record("share"),
    showShortcutHelp: record("help"),
    scrollTranscript: record("scroll"),
    ...over,
  };
  const obey = (request: TuiRequest, serverId = "srv") => {
    obeyTui({ serverId, request }, actions);
  };
  return { actions, done, toasts, obey };
}

const command = (name: string): TuiRequest => ({ type: "command", name });

/** Lets a rejected action's catch run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the prompt", () => {
  it("appends text to the composer without sending it, and sends on submit", () => {
    const { done, obey } = fakeActions();
    obey({ type: "append_prompt", text: "fix the build" });
    expect(done).toEqual(["append fix the build"]);
    obey({ type: "submit_prompt" });
    expect(done).toEqual(["append fix the build", "submit"]);
  });

  it("clears the composer and offers Undo, which puts the text back", () => {
    const { done, toasts, obey } = fakeActions();
    obey({ type: "clear_prompt" });
    expect(done).toEqual(["clear"]);
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ message: CLEARED_MESSAGE, duration: UNDO_MS });
    expect(toasts[0]?.action?.label).toBe("Undo");
    toasts[0]?.action?.run();
    expect(done).toEqual(["clear", "restore draft"]);
  });

  it("says nothing when it cleared an empty composer", () => {
    const { toasts, obey } = fakeActions({ clearComposer: () => undefined });
    obey({ type: "clear_prompt" });
    expect(toasts).toEqual([]);
  });
});

describe("toasts", () => {
  it("shows a program's toast with its title, variant and duration", () => {
    const { toasts, obey } = fakeActions();
    obey({ type: "show_toast", title: "Build", message: "passed", variant: "success", duration: 2000 });
    expect(toasts).toEqual([{ title: "Build", message: "passed", variant: "success", duration: 2000 }]);
  });

  it("takes the default duration and an unknown variant as info", () => {
    const { toasts, obey } = fakeActions();
    obey({ type: "show_toast", title: null, message: "hi", variant: "shiny", duration: null });
    obey({ type: "show_toast", title: null, message: "zero", variant: "info", duration: 0 });
    expect(toasts).toEqual([
      { title: null, message: "hi", variant: "info" },
      { title: null, message: "zero", variant: "info" },
    ]);
  });

  it("shows toasts for any server, even one the window does not show", () => {
    const { toasts, obey } = fakeActions();
    obey({ type: "show_toast", title: null, message: "elsewhere", variant: "info", duration: null }, "other");
    expect(toasts.map((t) => t.message)).toEqual(["elsewhere"]);
  });
});

describe("sessions and commands", () => {
  it("opens the session a program selected", () => {
    const { done, obey } = fakeActions();
    obey({ type: "select_session", session_id: "ses_9" });
    expect(done).toEqual(["open ses_9"]);
  });

  it("maps each TUI command the app does to its own action", () => {
    const { done, obey } = fakeActions();
    for (const name of [
      "session.new",
      "session.list",
      "model.list",
      "agent.cycle",
      "agent.list",
      "session.interrupt",
      "session.compact",
      "session.share",
      "help.show",
      "session.page.up",
      "session.page.down",
      "session.first",
      "session.last",
    ]) {
      obey(command(name));
    }
    expect(done).toEqual([
      "new",
      "search",
      "model picker",
      "next agent",
      "agent picker",
      "abort",
      "summarize",
      "share",
      "help",
      "scroll page-up",
      "scroll page-down",
      "scroll first",
      "scroll last",
    ]);
  });

  it("says which command the app does not do, whatever its name", () => {
    const { done, toasts, obey } = fakeActions();
    obey(command("theme.switch"));
    obey(command("constructor"));
    expect(done).toEqual([]);
    expect(toasts.map((t) => t.message)).toEqual([
      "A program asked for “theme.switch”, which the app does not do.",
      "A program asked for “constructor”, which the app does not do.",
    ]);
  });

  it("says so when a request is one this app does not know at all", () => {
    const { toasts, obey } = fakeActions();
    obey({ type: "open_everything" } as unknown as TuiRequest);
    expect(toasts.map((t) => t.message)).toEqual([
      "A program asked for “open_everything”, which the app does not do.",
    ]);
  });
});

describe("what cannot be done", () => {
  it("leaves the prompt and sessions of a server the window does not show, and says so", () => {
    const { done, toasts, obey } = fakeActions();
    obey({ type: "append_prompt", text: "hi" }, "other");
    obey(command("session.new"), "other");
    expect(done).toEqual([]);
    expect(toasts.map((t) => t.message)).toEqual([
      "A program asked for “prompt.append” on a server this window does not show.",
      "A program asked for “session.new” on a server this window does not show.",
    ]);
  });

  it("shows why an action failed, thrown or rejected", async () => {
    const { toasts, obey } = fakeActions({
      summarize: () => Promise.reject(new Error("No model is configured to write the summary.")),
      focusSessionSearch: () => {
        throw new Error("The session list is not shown.");
      },
    });
    obey(command("session.list"));
    obey(command("session.compact"));
    await settle();
    expect(toasts).toEqual([
      { variant: "error", title: "“session.list” failed", message: "The session list is not shown." },
      {
        variant: "error",
        title: "“session.compact” failed",
        message: "No model is configured to write the summary.",
      },
    ]);
  });
});
