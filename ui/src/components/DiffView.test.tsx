import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createTwoFilesPatch } from "diff";
import { afterEach, describe, expect, it, vi } from "vitest";
import DiffView, { DIFF_PAGE } from "./DiffView";

afterEach(cleanup);

const rows = (container: HTMLElement, kind: string) =>
  Array.from(container.querySelectorAll(`.diff-line[data-kind="${kind}"]`));

describe("DiffView", () => {
  it("shows a patch with a file header, counts, line numbers and +/− lines", () => {
    const patch = createTwoFilesPatch("src/app.ts", "src/app.ts", "a\nb\nc\n", "a\nB\nc\nd\n");
    const { container } = render(() => <DiffView patch={patch} file="src/app.ts" additions={2} deletions={1} />);
    const section = screen.getByRole("region", { name: "Changes to src/app.ts" });
    expect(section.querySelector(".diff-base")?.textContent).toBe("app.ts");
    expect(section.querySelector(".diff-dir")?.textContent).toBe("src/");
    expect(screen.getByRole("img", { name: "2 additions, 1 deletion" }).textContent).toBe("+2 −1");

    const added = rows(container, "add");
    expect(added.map((row) => row.querySelector("ins")?.textContent)).toEqual(["B", "d"]);
    expect(added[0]?.querySelector(".diff-sign")?.textContent).toBe("+");
    // Old number empty, new number 2.
    expect(Array.from(added[0]?.querySelectorAll(".diff-no") ?? []).map((cell) => cell.textContent)).toEqual(["", "2"]);
    const removed = rows(container, "del");
    expect(removed.map((row) => row.querySelector("del")?.textContent)).toEqual(["b"]);
    expect(rows(container, "hunk")[0]?.textContent).toBe("@@ -1,3 +1,4 @@");
  });

  it("diffs before and after text when there is no patch, with syntax colours for the file type", () => {
    const { container } = render(() => (
      <DiffView before={"fn main() {}\n"} after={"fn main() { run(); }\n"} file="src/main.rs" />
    ));
    expect(rows(container, "del")).toHaveLength(1);
    expect(rows(container, "add")[0]?.querySelector(".hljs-keyword")?.textContent).toBe("fn");
    expect(screen.getByRole("img", { name: "1 addition, 1 deletion" })).toBeTruthy();
  });

  it("escapes file content: a line of HTML stays text", () => {
    const { container } = render(() => (
      <DiffView before="" after={'<img src=x onerror="alert(1)">\n'} file="evil.html" />
    ));
    expect(container.querySelector("img")).toBeNull();
    expect(rows(container, "add")[0]?.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it("gives each file of a multi-file patch its own section and status", () => {
    const patch = [
      "diff --git a/new.txt b/new.txt",
      "--- /dev/null",
      "+++ b/new.txt",
      "@@ -0,0 +1 @@",
      "+hello",
      "diff --git a/old.txt b/old.txt",
      "--- a/old.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-bye",
    ].join("\n");
    render(() => <DiffView patch={patch} />);
    expect(screen.getByRole("region", { name: "Changes to new.txt" }).querySelector(".diff-status")?.textContent).toBe("Added");
    expect(screen.getByRole("region", { name: "Changes to old.txt" }).querySelector(".diff-status")?.textContent).toBe("Deleted");
  });

  it("says so when there is nothing to show", () => {
    render(() => <DiffView patch="" file="empty.txt" />);
    expect(screen.getByText("No changes to show.")).toBeTruthy();
    expect(screen.getByText("empty.txt")).toBeTruthy();
  });

  it("shows a long diff a page at a time", () => {
    const after = Array.from({ length: DIFF_PAGE + 500 }, (_, i) => `line ${String(i)}`).join("\n");
    const { container } = render(() => <DiffView before="" after={after} file="big.txt" header={false} />);
    expect(container.querySelector(".diff-header")).toBeNull();
    expect(container.querySelectorAll(".diff-line")).toHaveLength(DIFF_PAGE);
    fireEvent.click(screen.getByRole("button", { name: "Show 501 more lines" }));
    // The hunk header plus every added line.
    expect(container.querySelectorAll(".diff-line")).toHaveLength(DIFF_PAGE + 501);
    expect(screen.queryByRole("button", { name: /more lines/ })).toBeNull();
  });

  describe("opening the file", () => {
    const patch = createTwoFilesPatch("src/app.ts", "src/app.ts", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\nseven\n8\n");
    const row = (container: HTMLElement, kind: string, at = 0) => rows(container, kind)[at] as HTMLElement;

    it("opens the file at its first change from its name, and at a line from that line's number", () => {
      const onOpen = vi.fn();
      const { container } = render(() => <DiffView patch={patch} file="src/app.ts" onOpen={onOpen} />);
      fireEvent.click(screen.getByRole("button", { name: "src/app.ts" }));
      expect(onOpen).toHaveBeenLastCalledWith("src/app.ts", 7);
      // The new line number of a kept line; a removed line's place in the file now.
      fireEvent.click(row(container, "context", 2).querySelectorAll(".diff-no")[1] as Element);
      expect(onOpen).toHaveBeenLastCalledWith("src/app.ts", 5);
      fireEvent.click(row(container, "del").querySelector(".diff-no") as Element);
      expect(onOpen).toHaveBeenLastCalledWith("src/app.ts", 7);
      // A hunk's header (@@ -3,6 +3,6 @@): its first line.
      fireEvent.click(row(container, "hunk"));
      expect(onOpen).toHaveBeenLastCalledWith("src/app.ts", 3);
      // The text itself is for reading and selecting, not a link.
      const calls = onOpen.mock.calls.length;
      fireEvent.click(row(container, "add").querySelector("ins") as Element);
      expect(onOpen.mock.calls.length).toBe(calls);
    });

    it("is plain text without onOpen, and a before/after diff's numbers (the snippet's) open nothing", () => {
      const onOpen = vi.fn();
      const { container } = render(() => (
        <>
          <DiffView patch={patch} file="src/app.ts" />
          <DiffView before={"a\n"} after={"b\n"} file="src/b.ts" onOpen={onOpen} />
        </>
      ));
      expect(screen.queryByRole("button", { name: "src/app.ts" })).toBeNull();
      fireEvent.click(rows(container, "add")[1]?.querySelector(".diff-no") as Element);
      expect(onOpen).not.toHaveBeenCalled();
      // The name still opens it, at no particular line.
      fireEvent.click(screen.getByRole("button", { name: "src/b.ts" }));
      expect(onOpen).toHaveBeenCalledWith("src/b.ts", undefined);
    });

    it("offers no way to a file the change deleted", () => {
      const gone = createTwoFilesPatch("old.txt", "/dev/null", "bye\n", "");
      render(() => <DiffView patch={gone} file="old.txt" status="deleted" onOpen={vi.fn()} />);
      expect(screen.queryByRole("button", { name: "old.txt" })).toBeNull();
    });
  });
});
