import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import type { Part } from "../../ipc";
import {
  diffStat,
  fileLabel,
  type FilePart,
  formatDuration,
  inputText,
  isInlineImage,
  isStreaming,
  messageErrorText,
  retryText,
  toolDiffs,
  toolDuration,
  toolOutput,
  type ToolPart,
  type ToolState,
  toolTitle,
  toolTodos,
  writtenContent,
} from "./partInfo";

const tool = (name: string, state: ToolState): ToolPart =>
  ({ type: "tool", id: "prt_1", sessionID: "ses_1", messageID: "msg_1", callID: "c1", tool: name, state }) as ToolPart;

const completed = (input: unknown, metadata: unknown = {}, output = "", title = ""): ToolState => ({
  status: "completed",
  input,
  output,
  title,
  metadata,
  time: { start: 1000, end: 2500 },
});

describe("toolTitle", () => {
  it("prefers the server's title, then the most telling input field", () => {
    expect(toolTitle(tool("read", completed({ filePath: "/p/a.ts" }, {}, "", "a.ts")))).toBe("a.ts");
    expect(toolTitle(tool("bash", { status: "pending", input: { command: "npm test" }, raw: "" }))).toBe("npm test");
    expect(
      toolTitle(tool("bash", { status: "pending", input: { command: "ls", description: "List files" }, raw: "" })),
    ).toBe("List files");
    expect(toolTitle(tool("bash", { status: "pending", input: { command: "a\nb" }, raw: "" }))).toBe("a …");
    expect(toolTitle(tool("x", { status: "unknown", kind: "queued", raw: {} }))).toBe("");
  });
});

describe("durations", () => {
  it("measures finished calls only", () => {
    expect(toolDuration(completed({}))).toBe(1500);
    expect(toolDuration({ status: "running", input: {}, time: { start: 1 } })).toBeNull();
    expect(toolDuration({ status: "error", input: {}, error: "x", time: { start: 5, end: 1 } })).toBeNull();
  });

  it("reads short and long spans", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1240)).toBe("1.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_780_000)).toBe("1 h 3 min");
  });
});

describe("toolOutput and inputText", () => {
  it("shows a shell's output as it grows, and the raw input of a call still being written", () => {
    expect(toolOutput({ status: "running", input: {}, metadata: { output: "partial" }, time: { start: 1 } })).toBe(
      "partial",
    );
    expect(toolOutput(completed({}, {}, "done"))).toBe("done");
    expect(inputText({ status: "pending", input: {}, raw: '{"comm' })).toBe('{"comm');
    expect(inputText(completed({ a: 1 }))).toBe('{\n  "a": 1\n}');
  });
});

describe("toolDiffs", () => {
  const patch = createTwoFilesPatch("/p/a.ts", "/p/a.ts", "a\n", "b\n");

  it("reads the edit tool's filediff as OpenCode 1.18.33 sends it", () => {
    const part = tool(
      "edit",
      completed(
        { filePath: "/p/a.ts", oldString: "a", newString: "b" },
        { diff: patch, filediff: { file: "/p/a.ts", patch, additions: 1, deletions: 1 }, diagnostics: {} },
      ),
    );
    expect(toolDiffs(part)).toEqual([
      { file: "/p/a.ts", patch, before: undefined, after: undefined, additions: 1, deletions: 1 },
    ]);
    expect(diffStat(toolDiffs(part))).toEqual({ additions: 1, deletions: 1 });
  });

  it("falls back to metadata.diff, then to the input's old and new strings", () => {
    expect(toolDiffs(tool("edit", completed({ filePath: "/p/a.ts" }, { diff: patch })))).toEqual([
      { file: "/p/a.ts", patch },
    ]);
    const pending: ToolState = { status: "pending", input: { filePath: "/p/a.ts", oldString: "x", newString: "y" }, raw: "" };
    expect(toolDiffs(tool("edit", pending))).toEqual([{ file: "/p/a.ts", before: "x", after: "y" }]);
    expect(diffStat(toolDiffs(tool("edit", pending)))).toBeNull();
  });

  it("gives each file of an apply_patch call, with its kind of change", () => {
    const part = tool(
      "apply_patch",
      completed(
        { patchText: "*** Begin Patch" },
        {
          diff: patch + patch,
          files: [
            { filePath: "/p/a.ts", relativePath: "a.ts", type: "update", patch, additions: 1, deletions: 1 },
            { filePath: "/p/n.ts", relativePath: "n.ts", type: "add", patch, additions: 3, deletions: 0 },
            { filePath: "/p/x.ts", relativePath: "x.ts", type: "delete" },
          ],
        },
      ),
    );
    const diffs = toolDiffs(part);
    expect(diffs.map((diff) => [diff.file, diff.status])).toEqual([
      ["a.ts", "modified"],
      ["n.ts", "added"],
    ]);
    expect(diffStat(diffs)).toEqual({ additions: 4, deletions: 1 });
  });

  it("shows a new file written as all added; an overwritten one as its new content", () => {
    const created = tool("write", completed({ filePath: "/p/new.md", content: "# Hi\n" }, { exists: false }));
    expect(toolDiffs(created)).toEqual([{ file: "/p/new.md", before: "", after: "# Hi\n", status: "added" }]);
    const overwritten = tool("write", completed({ filePath: "/p/old.md", content: "# New\n" }, { exists: true }));
    expect(toolDiffs(overwritten)).toEqual([]);
    expect(writtenContent(overwritten)).toEqual({ file: "/p/old.md", content: "# New\n" });
  });

  it("is empty for tools that change no files", () => {
    expect(toolDiffs(tool("bash", completed({ command: "ls" }, { diff: "not a diff tool" })))).toEqual([]);
  });
});

describe("toolTodos", () => {
  it("reads todowrite's list, dropping malformed items", () => {
    const part = tool(
      "todowrite",
      completed({}, { todos: [{ content: "One", status: "completed", priority: "high" }, { status: "pending" }, "x"] }),
    );
    expect(toolTodos(part)).toEqual([{ content: "One", status: "completed", priority: "high" }]);
    expect(toolTodos(tool("bash", completed({})))).toBeNull();
  });
});

describe("messageErrorText", () => {
  it("says each kind of failure plainly; a user's stop is muted", () => {
    expect(messageErrorText({ name: "MessageAbortedError", data: { message: "Aborted" } })).toEqual({
      text: "Stopped.",
      muted: true,
    });
    expect(messageErrorText({ name: "APIError", data: { message: "Rate limited", statusCode: 429, isRetryable: true } }).text).toBe(
      "Rate limited (HTTP 429)",
    );
    expect(messageErrorText({ name: "ProviderAuthError", data: { providerID: "openai", message: "bad key" } }).text).toBe(
      "Could not sign in to openai: bad key",
    );
    expect(messageErrorText({ name: "MessageOutputLengthError", data: {} }).text).toContain("output limit");
    expect(messageErrorText({ name: "ContextOverflowError", data: { message: "too long" } }).text).toContain("Compact");
    expect(messageErrorText({ name: "SomethingNew", data: null })).toEqual({ text: "SomethingNew", muted: false });
  });
});

describe("other parts", () => {
  it("describes a retry", () => {
    const retry = { type: "retry", id: "p", sessionID: "s", messageID: "m", attempt: 2, error: { name: "APIError", data: { message: "Overloaded" } } } as Extract<Part, { type: "retry" }>;
    expect(retryText(retry)).toBe("Retrying (attempt 2): Overloaded");
  });

  it("names files without ever showing a data: URL", () => {
    const file = (fields: { mime?: string; url?: string; filename?: string; source?: unknown }): FilePart =>
      ({ type: "file", id: "p", sessionID: "s", messageID: "m", mime: "text/plain", url: "", ...fields }) as unknown as FilePart;
    expect(fileLabel(file({ filename: "a.txt", url: "file:///x/a.txt" }))).toBe("a.txt");
    expect(fileLabel(file({ url: "file:///x/my%20notes.md" }))).toBe("my notes.md");
    expect(fileLabel(file({ url: "file:///x/b.md", source: { type: "file", path: "src/b.md" } }))).toBe("src/b.md");
    expect(fileLabel(file({ mime: "image/png", url: "data:image/png;base64,AAAA" }))).toBe("image/png");
    expect(isInlineImage(file({ mime: "image/png", url: "data:image/png;base64,AAAA" }))).toBe(true);
    expect(isInlineImage(file({ mime: "image/png", url: "file:///x.png" }))).toBe(false);
    expect(isInlineImage(file({ mime: "text/html", url: "data:text/html,<script>" }))).toBe(false);
  });

  it("knows a part is streaming by its open time", () => {
    expect(isStreaming({ time: { start: 1 } })).toBe(true);
    expect(isStreaming({ time: { start: 1, end: 2 } })).toBe(false);
    expect(isStreaming({})).toBe(false);
  });
});
