// The app shell's places for terminal OpenCodes (issue 15, the app driving TUIs): the header's
// Terminals place, and a session's "Open in terminal". Apart from App.test.tsx, whose fake
// backend is about servers and streams.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { ServerInfo } from "./ipc";
import { quietBackend } from "./test/backend";
import { server, session } from "./test/factories";
import { terminal } from "./test/terminals";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const SERVER: ServerInfo = server();

it("opens the Terminals place from the header, starting OpenCode on the open project's server", async () => {
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([SERVER]),
    listTerminals: () => Promise.resolve([terminal("42", "proj (port 4555)")]),
  });
  render(() => <App backend={backend} />);
  await settle();
  fireEvent.click(screen.getByRole("button", { name: "OpenCode in terminals" }));
  const place = screen.getByRole("dialog", { name: "OpenCode in terminals" });
  await settle();
  expect(within(place).getByRole("region", { name: "proj (port 4555)" })).toBeTruthy();
  fireEvent.click(within(place).getByRole("button", { name: "Open OpenCode in a terminal" }));
  await settle();
  expect(calls.filter((c) => c.name === "openInTerminal").map((c) => c.args)).toEqual([
    ["server-1", "/p", null],
  ]);
  fireEvent.click(within(place).getByRole("button", { name: "Close" }));
  expect(screen.queryByRole("dialog", { name: "OpenCode in terminals" })).toBeNull();
});

it("shows a session in the terminal OpenCode chosen from the session's menu", async () => {
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([SERVER]),
    listSessions: () => Promise.resolve([session("ses_1", "Fix the build")]),
    listTerminals: () =>
      Promise.resolve([terminal("42", "proj (port 4555)"), terminal("44", "proj (port 4556)")]),
  });
  render(() => <App backend={backend} />);
  const row = (await screen.findByRole("button", { name: /Fix the build/ })).closest("li");
  if (!row) throw new Error("no row");
  fireEvent.click(within(row).getByRole("button", { name: "Session actions" }));
  fireEvent.click(screen.getByRole("menuitem", { name: "Open in terminal" }));
  await settle();
  const chooser = screen.getByRole("dialog", { name: "Open in which terminal?" });
  expect(within(chooser).getByText("Show “Fix the build” in:")).toBeTruthy();
  fireEvent.click(within(chooser).getByRole("button", { name: "proj (port 4556)" }));
  await settle();
  expect(calls.filter((c) => c.name === "driveTerminal").map((c) => c.args)).toEqual([
    ["44", { type: "select_session", session_id: "ses_1" }],
  ]);
  expect(screen.queryByRole("dialog", { name: "Open in which terminal?" })).toBeNull();
});
