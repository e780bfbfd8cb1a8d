import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, expect, it, vi } from "vitest";
import type { WorkingTree } from "../../ipc";
import ChangesPanel, { type ChangesView } from "./ChangesPanel";

afterEach(cleanup);

function setup(serverId: string | null = "srv") {
  const load = vi.fn((): Promise<WorkingTree> => Promise.resolve({ branch: "main", files: [] }));
  const [view, setView] = createSignal<ChangesView>("session");
  render(() => (
    <ChangesPanel
      view={view()}
      onView={setView}
      sessionDiffs={[]}
      turns={[]}
      reverted={false}
      hasOlder={false}
      serverId={serverId ?? undefined}
      loadWorkingTree={load}
      fileChanges={0}
    />
  ));
  return { load, view };
}

it("shows this session's changes first, and the working tree, loaded then, on its tab", async () => {
  const { load, view } = setup();
  expect(screen.getByRole("tab", { name: "This session" }).getAttribute("aria-selected")).toBe("true");
  expect(screen.getByText("No files changed in this session yet.")).toBeTruthy();
  expect(load).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole("tab", { name: "Working tree" }));
  expect(view()).toBe("worktree");
  expect(await screen.findByText("No uncommitted changes")).toBeTruthy();
  expect(screen.getByRole("region", { name: "Working tree" }).textContent).toContain("main");
  expect(load).toHaveBeenCalledWith("srv");
});

it("says so when no server is connected", () => {
  const { load } = setup(null);
  fireEvent.click(screen.getByRole("tab", { name: "Working tree" }));
  expect(screen.getByText("Not connected to an OpenCode server yet.")).toBeTruthy();
  expect(load).not.toHaveBeenCalled();
});
