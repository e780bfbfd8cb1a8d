import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, expect, it } from "vitest";
import type { SnapshotFileDiff } from "../../ipc";
import SessionChanges from "./SessionChanges";

afterEach(cleanup);

const diff = (file: string): SnapshotFileDiff => ({ file, patch: "", additions: 2, deletions: 1, status: "modified" });
const now = () => 100_000;

it("shows a session-wide diff as it is when no turn recorded its changes", () => {
  render(() => <SessionChanges sessionDiffs={[diff("a.ts")]} turns={[]} now={now} />);
  expect(screen.getByText("1 file changed")).toBeTruthy();
  expect(screen.getByRole("button", { name: /^a\.ts, modified/ })).toBeTruthy();
});

it("while reverted, shows what the revert undid above the turns that remain", () => {
  const turns = [{ messageId: "m", prompt: "Add a parser", at: 0, diffs: [diff("b.ts")] }];
  const [reverted, setReverted] = createSignal(true);
  render(() => <SessionChanges sessionDiffs={[diff("a.ts")]} turns={turns} reverted={reverted()} now={now} />);
  const undone = screen.getByRole("region", { name: "Changes undone by the revert" });
  expect(within(undone).getByRole("button", { name: /^a\.ts, modified/ })).toBeTruthy();
  expect(screen.getByRole("region", { name: "Changes after “Add a parser”" })).toBeTruthy();
  // Undone: the revert's diff the server may still hold is not a change of the session.
  setReverted(false);
  expect(screen.queryByRole("region", { name: "Changes undone by the revert" })).toBeNull();
  expect(screen.queryByRole("button", { name: /^a\.ts/ })).toBeNull();
});

it("otherwise shows each turn's files under its prompt, and says when older turns are not loaded", () => {
  render(() => (
    <SessionChanges
      sessionDiffs={[]}
      turns={[
        { messageId: "m2", prompt: "Rename the module", at: 40_000, diffs: [diff("b.ts"), diff("c.ts")] },
        { messageId: "m1", prompt: "Add a parser", at: 0, diffs: [diff("a.ts")] },
      ]}
      hasOlder
      now={now}
    />
  ));
  const newest = screen.getByRole("region", { name: "Changes after “Rename the module”" });
  expect(newest.textContent).toContain("1 min ago");
  expect(newest.textContent).toContain("2 files changed");
  expect(screen.getByRole("region", { name: "Changes after “Add a parser”" }).textContent).toContain("1 file changed");
  expect(screen.getByText(/Older turns appear here/)).toBeTruthy();
});

it("says so when nothing changed", () => {
  render(() => <SessionChanges sessionDiffs={[]} turns={[]} now={now} />);
  expect(screen.getByText("No files changed in this session yet.")).toBeTruthy();
});
