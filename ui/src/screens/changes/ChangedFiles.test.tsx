import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createTwoFilesPatch } from "diff";
import { createSignal } from "solid-js";
import { afterEach, expect, it, vi } from "vitest";
import type { SnapshotFileDiff } from "../../ipc";
import ChangedFiles from "./ChangedFiles";

afterEach(cleanup);

const diffs: SnapshotFileDiff[] = [
  {
    file: "src/parser.ts",
    patch: createTwoFilesPatch("src/parser.ts", "src/parser.ts", "a\nb\n", "a\nB\nc\n"),
    additions: 2,
    deletions: 1,
    status: "modified",
  },
  {
    file: "README.md",
    patch: createTwoFilesPatch("README.md", "README.md", "", "# Hi\n"),
    additions: 1,
    deletions: 0,
    status: "added",
  },
];

it("lists the files with their counts and totals; a row opens to its diff", () => {
  const { container } = render(() => <ChangedFiles diffs={diffs} />);
  expect(screen.getByText("2 files changed")).toBeTruthy();
  expect(screen.getByRole("img", { name: "3 additions, 1 deletion" })).toBeTruthy();
  const parser = screen.getByRole("button", { name: "src/parser.ts, modified, 2 additions, 1 deletion" });
  expect(parser.getAttribute("aria-expanded")).toBe("false");
  // Closed rows keep no diff in the DOM.
  expect(container.querySelector(".diff-line")).toBeNull();

  fireEvent.click(parser);
  expect(parser.getAttribute("aria-expanded")).toBe("true");
  expect(Array.from(container.querySelectorAll("ins")).map((line) => line.textContent)).toEqual(["B", "c"]);

  fireEvent.click(parser);
  expect(container.querySelector(".diff-line")).toBeNull();
});

it("moves between rows with the arrow keys, Home and End", () => {
  render(() => <ChangedFiles diffs={diffs} />);
  const [first, second] = screen.getAllByRole("button");
  first?.focus();
  fireEvent.keyDown(first as HTMLElement, { key: "ArrowDown" });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(second as HTMLElement, { key: "ArrowDown" });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(second as HTMLElement, { key: "Home" });
  expect(document.activeElement).toBe(first);
  fireEvent.keyDown(first as HTMLElement, { key: "End" });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(second as HTMLElement, { key: "ArrowUp" });
  expect(document.activeElement).toBe(first);
});

it("keeps a file open when the list is refreshed", () => {
  const [list, setList] = createSignal(diffs);
  const { container } = render(() => <ChangedFiles diffs={list()} />);
  fireEvent.click(screen.getByRole("button", { name: /README\.md/ }));
  setList(diffs.map((diff) => ({ ...diff })));
  expect(screen.getByRole("button", { name: /README\.md/ }).getAttribute("aria-expanded")).toBe("true");
  expect(container.querySelector("ins")?.textContent).toBe("# Hi");
});

it("says when nothing has changed", () => {
  render(() => <ChangedFiles diffs={[]} />);
  expect(screen.getByText("No files changed in this session yet.")).toBeTruthy();
  expect(screen.queryByRole("list")).toBeNull();
});

it("says what it is given to say when there is nothing", () => {
  render(() => <ChangedFiles diffs={[]} empty="No uncommitted changes" />);
  expect(screen.getByText("No uncommitted changes")).toBeTruthy();
});

it("opens a file in the Files panel at its first change, or from its diff's line numbers", () => {
  const onOpen = vi.fn();
  const gone: SnapshotFileDiff = { file: "old.ts", patch: createTwoFilesPatch("old.ts", "/dev/null", "x\n", ""), additions: 0, deletions: 1, status: "deleted" };
  const { container } = render(() => <ChangedFiles diffs={[...diffs, gone]} onOpen={onOpen} />);
  fireEvent.click(screen.getByRole("button", { name: "Open src/parser.ts in Files" }));
  expect(onOpen).toHaveBeenLastCalledWith("src/parser.ts", 2);
  // A deleted file has nothing to open.
  expect(screen.queryByRole("button", { name: "Open old.ts in Files" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: /^README\.md/ }));
  fireEvent.click(container.querySelector(".diff-line[data-kind='add'] .diff-no:nth-child(2)") as Element);
  expect(onOpen).toHaveBeenLastCalledWith("README.md", 1);
  // The arrow keys still move between the rows only.
  const [first, second] = screen.getAllByRole("button", { name: /, (modified|added|deleted),/ });
  first?.focus();
  fireEvent.keyDown(first as HTMLElement, { key: "ArrowDown" });
  expect(document.activeElement).toBe(second);
});

