import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createTwoFilesPatch } from "diff";
import { afterEach, describe, expect, it } from "vitest";
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
});
