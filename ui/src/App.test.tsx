import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { AppInfo } from "./ipc";

afterEach(cleanup);

const info = (over: Partial<AppInfo> = {}): (() => Promise<AppInfo>) => {
  return () =>
    Promise.resolve({
      name: "OpenCode Desk",
      version: "0.1.0",
      project: null,
      project_problem: null,
      ...over,
    });
};

it("shows the title, the empty state and a connecting status", () => {
  render(() => <App loadInfo={info()} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("OpenCode Desk");
  expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("No session open");
  expect(screen.getByRole("status", { name: "Connection: Connecting…" })).toBeTruthy();
});

it("shows the project the app opened", async () => {
  render(() => <App loadInfo={info({ project: "/home/me/work" })} />);
  expect((await screen.findByTitle("/home/me/work")).textContent).toBe("/home/me/work");
});

it("says why a project given on the command line cannot be opened", async () => {
  render(() => <App loadInfo={info({ project_problem: "Cannot open /nope: not found" })} />);
  expect(await screen.findByText("Cannot open /nope: not found")).toBeTruthy();
  expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(
    "That project cannot be opened",
  );
});
