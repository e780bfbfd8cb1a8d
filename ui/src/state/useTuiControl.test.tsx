// The whole window obeying programs, through a fake backend: the requests Rust passes on reach
// the real composer, session list, pickers, dialogs and toasts.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "../App";
import type { Agent, ConfigProviders, ServerInfo, Session, TuiRequest } from "../ipc";
import { quietBackend } from "../test/backend";
import { server, session } from "../test/factories";
import { STORAGE_KEY } from "./drafts";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const SERVER: ServerInfo = server();

const agent = (name: string): Agent =>
  ({ name, mode: "primary", hidden: false, native: true, description: name }) as Agent;

const MODELS: ConfigProviders = {
  providers: [
    {
      id: "zen",
      name: "OpenCode Zen",
      models: { pickle: { id: "pickle", providerID: "zen", name: "Big Pickle", capabilities: {}, limit: {}, cost: {} } },
    },
  ],
  default: { zen: "pickle" },
};

/** The app on a live server with `sessions`; `ask` passes a program's request on as Rust does. */
async function setup(sessions: Session[] = [], models: ConfigProviders = MODELS) {
  let obey: ((asked: { serverId: string; request: TuiRequest }) => void) | undefined;
  const sent: string[] = [];
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([SERVER]),
    listSessions: () => Promise.resolve(sessions),
    listAgents: () => Promise.resolve([agent("build"), agent("plan")]),
    listModels: () => Promise.resolve(models),
    onTuiControlRequested: (handler) => {
      obey = handler;
      return () => (obey = undefined);
    },
    sendPrompt: (_server, id, draft) => {
      sent.push(`${id}: ${draft.text}`);
      return Promise.resolve();
    },
    shareSession: (_server, id) =>
      Promise.resolve({ ...session(id), share: { url: "https://example.test/s/1" } } as Session),
  });
  render(() => <App backend={backend} />);
  const box = await screen.findByRole<HTMLTextAreaElement>("textbox", { name: "Message" });
  await waitFor(() => {
    expect(screen.getByRole("status", { name: /^Connection: / }).getAttribute("data-state")).toBe("live");
  });
  const ask = (request: TuiRequest, serverId = SERVER.id) => {
    obey?.({ serverId, request });
  };
  const toasts = () => screen.getByRole("status", { name: "Notifications from programs" });
  const opened = () => calls.filter((c) => c.name === "loadMessages").map((c) => c.args[1]);
  return { box, ask, sent, calls, toasts, opened };
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

it("puts a program's text in the open session's draft, and sends it only when asked to", async () => {
  const { box, ask, sent } = await setup([session("ses_1", "Fix the build")]);
  fireEvent.click(await screen.findByRole("button", { name: /Fix the build/ }));
  ask({ type: "append_prompt", text: "explain " });
  ask({ type: "append_prompt", text: "main.rs" });
  expect(box.value).toBe("explain main.rs");
  await settle();
  expect(sent).toEqual([]);
  ask({ type: "submit_prompt" });
  await settle();
  expect(sent).toEqual(["ses_1: explain main.rs"]);
  expect(box.value).toBe("");
});

it("puts it in the new-session box when no session is open, stored like any draft", async () => {
  const { box, ask } = await setup();
  ask({ type: "append_prompt", text: "start here" });
  expect(box.value).toBe("start here");
  // The window going away writes pending drafts down at once.
  window.dispatchEvent(new Event("pagehide"));
  expect(localStorage.getItem(STORAGE_KEY)).toContain("start here");
});

it("clears the composer with a toast whose Undo puts the text back", async () => {
  const { box, ask, toasts } = await setup();
  fireEvent.input(box, { target: { value: "keep me" } });
  ask({ type: "clear_prompt" });
  expect(box.value).toBe("");
  expect(within(toasts()).getByText("A program cleared the prompt")).toBeTruthy();
  fireEvent.click(within(toasts()).getByRole("button", { name: "Undo" }));
  expect(box.value).toBe("keep me");
  expect(within(toasts()).queryByText("A program cleared the prompt")).toBeNull();
});

it("opens the session a program selected, and a new one on session.new", async () => {
  const { ask, opened, calls } = await setup([session("ses_1", "One"), session("ses_2", "Two")]);
  ask({ type: "select_session", session_id: "ses_2" });
  await settle();
  expect(opened()).toEqual(["ses_2"]);
  ask({ type: "command", name: "session.new" });
  await settle();
  expect(calls.some((c) => c.name === "createSession")).toBe(true);
  expect(opened()).toEqual(["ses_2", "ses_new"]);
});

it("shows a program's toast, and says which command the app does not do", async () => {
  const { ask, toasts } = await setup();
  ask({ type: "show_toast", title: "From a script", message: "The build passed", variant: "success", duration: null });
  ask({ type: "command", name: "desk.unknown" });
  expect(within(toasts()).getByText("From a script")).toBeTruthy();
  expect(within(toasts()).getByText("The build passed").closest(".toast")?.getAttribute("data-variant")).toBe("success");
  expect(within(toasts()).getByText("A program asked for “desk.unknown”, which the app does not do.")).toBeTruthy();
});

it("opens the pickers, the session search and the shortcut help, and cycles the agent", async () => {
  const { ask } = await setup([session("ses_1", "One")]);
  const agentPicker = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
  await waitFor(() => {
    expect(agentPicker().value).toBe("build");
  });
  ask({ type: "command", name: "agent.cycle" });
  expect(agentPicker().value).toBe("plan");
  ask({ type: "command", name: "agent.list" });
  expect(document.activeElement).toBe(agentPicker());
  ask({ type: "command", name: "model.list" });
  expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Model" }));
  ask({ type: "command", name: "session.list" });
  expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search sessions" }));
  ask({ type: "command", name: "help.show" });
  expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
});

it("says so when the model picker has nothing to pick yet", async () => {
  const { ask, toasts } = await setup([], { providers: [], default: {} });
  ask({ type: "command", name: "model.list" });
  expect(within(toasts()).getByText("There is no model to pick from yet.")).toBeTruthy();
});

it("shares the open session and shows its link; says so when none is open", async () => {
  const { ask, toasts } = await setup([session("ses_1", "One")]);
  ask({ type: "command", name: "session.share" });
  expect(await within(toasts()).findByText("No session is open to share.")).toBeTruthy();
  fireEvent.click(await screen.findByRole("button", { name: /One/ }));
  ask({ type: "command", name: "session.share" });
  expect(await within(toasts()).findByText("https://example.test/s/1")).toBeTruthy();
});

it("leaves the prompt of a server the window does not show alone", async () => {
  const { box, ask, toasts } = await setup();
  ask({ type: "append_prompt", text: "not for this window" }, "server-2");
  expect(box.value).toBe("");
  expect(within(toasts()).getByText(/on a server this window does not show/)).toBeTruthy();
});
