import { cleanup, fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, expect, it, vi } from "vitest";
import type { SnapshotFileDiff, WorkingTree } from "../../ipc";
import WorkingTreeView, { REFRESH_DEBOUNCE_MS, REFRESH_MAX_WAIT_MS } from "./WorkingTree";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const diff = (file: string): SnapshotFileDiff => ({ file, patch: "", additions: 1, deletions: 0, status: "modified" });
const tree = (branch: string | null, ...files: string[]): WorkingTree => ({ branch, files: files.map(diff) });

it("shows the branch and the uncommitted files, loaded when shown", async () => {
  const load = vi.fn(() => Promise.resolve(tree("feature/parser", "src/a.ts", "README.md")));
  render(() => <WorkingTreeView serverId="srv" load={load} changes={0} />);
  expect(await screen.findByText("feature/parser")).toBeTruthy();
  expect(screen.getByText("2 files changed")).toBeTruthy();
  expect(screen.getByRole("button", { name: /^src\/a\.ts, modified/ })).toBeTruthy();
  expect(load).toHaveBeenCalledWith("srv");
});

it("says when nothing is uncommitted", async () => {
  render(() => <WorkingTreeView serverId="srv" load={() => Promise.resolve(tree("main"))} changes={0} />);
  expect(await screen.findByText("No uncommitted changes")).toBeTruthy();
});

it("says why it could not load, keeping what it showed, and loads again on Refresh", async () => {
  const load = vi
    .fn<(serverId: string) => Promise<WorkingTree>>()
    .mockResolvedValueOnce(tree("main", "a.ts"))
    .mockRejectedValueOnce(new Error("The server is unreachable."))
    .mockResolvedValueOnce(tree("main", "a.ts", "b.ts"));
  render(() => <WorkingTreeView serverId="srv" load={load} changes={0} />);
  await screen.findByText("1 file changed");
  fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
  expect((await screen.findByRole("alert")).textContent).toBe("The server is unreachable.");
  expect(screen.getByText("1 file changed")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
  await screen.findByText("2 files changed");
  expect(screen.queryByRole("alert")).toBeNull();
});

it("refetches once a burst of news of changed files has settled", () => {
  vi.useFakeTimers();
  const load = vi.fn(() => Promise.resolve(tree("main")));
  const [changes, setChanges] = createSignal(0);
  render(() => <WorkingTreeView serverId="srv" load={load} changes={changes()} />);
  expect(load).toHaveBeenCalledTimes(1);
  for (let i = 1; i <= 3; i++) {
    setChanges(i);
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS - 50);
  }
  expect(load).toHaveBeenCalledTimes(1);
  vi.advanceTimersByTime(50);
  expect(load).toHaveBeenCalledTimes(2);
});

it("does not wait forever under a steady stream of news", () => {
  vi.useFakeTimers();
  const load = vi.fn(() => Promise.resolve(tree("main")));
  const [changes, setChanges] = createSignal(0);
  render(() => <WorkingTreeView serverId="srv" load={load} changes={changes()} />);
  for (let waited = 0; waited < REFRESH_MAX_WAIT_MS; waited += 100) {
    setChanges((n) => n + 1);
    vi.advanceTimersByTime(100);
  }
  expect(load).toHaveBeenCalledTimes(2);
});

it("shows only the latest answer when an older one arrives after it", async () => {
  let answerFirst: (value: WorkingTree) => void = () => undefined;
  const load = vi
    .fn<(serverId: string) => Promise<WorkingTree>>()
    .mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve)))
    .mockResolvedValueOnce(tree("new-branch", "new.ts"));
  render(() => <WorkingTreeView serverId="srv" load={load} changes={0} />);
  fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
  await screen.findByText("new-branch");
  answerFirst(tree("old-branch", "old.ts"));
  await Promise.resolve();
  await waitFor(() => {
    expect(screen.getByText("new-branch")).toBeTruthy();
  });
  expect(screen.queryByText("old-branch")).toBeNull();
});
