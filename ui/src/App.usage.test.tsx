// What it cost (issue 20) in the app shell: the status bar shows the open session's exact totals
// from Rust (not the sum of the pages loaded), asked again after the server updates one of its
// replies; and the Settings dialog's Usage tab asks for this project, then all projects.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import App from "./App";
import type { Message, MessageWithParts, PumpMessage } from "./ipc";
import type { UsageReport, UsageTotals } from "./ipc/usage";
import { server, session } from "./test/factories";
import { quietBackend } from "./test/backend";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const totals = (cost: number, input: number): UsageTotals => ({
  input,
  output: 0,
  reasoning: 0,
  cacheRead: 0,
  cacheWrite: 0,
  cost,
  messages: 40,
});

const reply = (cost: number) =>
  ({
    role: "assistant",
    id: "msg_2",
    sessionID: "ses_1",
    time: { created: 1 },
    providerID: "anthropic",
    modelID: "claude-sonnet-4",
    tokens: { input: 10, output: 0, reasoning: 0, cache: { read: 0, write: 0 } },
    cost,
  }) as unknown as Message;

function world() {
  let onBatch: ((batch: PumpMessage[]) => void) | undefined;
  // The loaded tail has one reply of $0.01; the whole session has cost far more.
  const messages = [{ info: reply(0.01), parts: [] }] as unknown as MessageWithParts[];
  const { backend } = quietBackend({
    listServers: () => Promise.resolve([server()]),
    listSessions: () => Promise.resolve([session("ses_1", "Long one")]),
    loadMessages: () => Promise.resolve({ messages, before: null }),
    watchEvents: (_server, _directory, handler) => {
      onBatch = handler;
      queueMicrotask(() => {
        handler([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => Promise.resolve());
    },
  });
  let answer = totals(12.5, 4_000_000);
  const sessionUsage = vi.fn<(serverId: string, sessionId: string) => Promise<UsageTotals>>(() =>
    Promise.resolve(answer),
  );
  const usageReport = vi.fn<(serverId: string, allProjects: boolean) => Promise<UsageReport>>(() =>
    Promise.resolve({ rows: [], sessions: 0, projects: 0, totals: totals(0, 0) }),
  );
  return {
    backend,
    usage: { sessionUsage, usageReport },
    setAnswer: (next: UsageTotals) => {
      answer = next;
    },
    events: (batch: PumpMessage[]) => onBatch?.(batch),
  };
}

const shownUsage = () => document.querySelector(".status-bar-usage")?.textContent;

it("shows the open session's exact usage from Rust, and asks again after one of its replies is updated", async () => {
  const w = world();
  render(() => <App backend={w.backend} usage={w.usage} />);
  fireEvent.click(await screen.findByRole("button", { name: /Long one/ }));
  await settle();
  // Asked a second after the open (state/sessionUsage.ts), so the session's own page goes first.
  expect(w.usage.sessionUsage).not.toHaveBeenCalled();
  await new Promise((resolve) => setTimeout(resolve, 1050));
  await settle();
  expect(w.usage.sessionUsage).toHaveBeenCalledWith("server-1", "ses_1");
  expect(shownUsage()).toBe("Session usage: 4M tokens · $12.50");

  w.setAnswer(totals(13, 4_100_000));
  w.events([
    { kind: "Events", events: [{ type: "message.updated", properties: { info: reply(0.51) } }] },
  ] as PumpMessage[]);
  await settle();
  // Debounced: the figure stays until the burst has settled.
  expect(w.usage.sessionUsage).toHaveBeenCalledTimes(1);
  await new Promise((resolve) => setTimeout(resolve, 550));
  await settle();
  expect(w.usage.sessionUsage).toHaveBeenCalledTimes(2);
  expect(shownUsage()).toBe("Session usage: 4.1M tokens · $13.00");
});

it("has a Usage tab in Settings that asks for this project, then all projects", async () => {
  const w = world();
  render(() => <App backend={w.backend} usage={w.usage} />);
  await settle();
  fireEvent.click(screen.getByRole("button", { name: "Settings" }));
  const dialog = screen.getByRole("dialog", { name: "Settings" });
  fireEvent.click(within(dialog).getByRole("tab", { name: "Usage" }));
  await settle();
  expect(within(dialog).getByRole("heading", { name: "No usage yet" })).toBeTruthy();
  fireEvent.click(within(dialog).getByRole("button", { name: "All projects" }));
  await settle();
  expect(w.usage.usageReport.mock.calls).toEqual([
    ["server-1", false],
    ["server-1", true],
  ]);
});
