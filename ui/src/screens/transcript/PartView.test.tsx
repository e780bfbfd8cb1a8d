import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createTwoFilesPatch } from "diff";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Part } from "../../ipc";
import { textPart } from "../../test/factories";
import PartView, { MessageError } from "./PartView";
import { INLINE_DIFF_LINES, type ToolPart, type ToolState } from "./partInfo";
import { AwaitingUser, OpenFile, ProjectDirectory } from "./context";

afterEach(cleanup);

const base = { id: "prt_1", sessionID: "ses_1", messageID: "msg_1" };
const part = (fields: Record<string, unknown>) => ({ ...base, ...fields }) as unknown as Part;
const tool = (name: string, state: ToolState) =>
  ({ ...base, type: "tool", callID: "call_1", tool: name, state }) as ToolPart;

function show(p: Part) {
  return render(() => <PartView part={p} />).container;
}

/** Opens a tool card by its head button. */
function open(name: RegExp | string) {
  const head = screen.getByRole("button", { name });
  fireEvent.click(head);
  return head;
}

describe("text", () => {
  it("renders reply text as sanitized markdown with highlighted code", () => {
    const container = show(textPart("prt_1", "msg_1", "**Done.**\n\n```ts\nconst a = 1;\n```\n\n<script>x()</script>"));
    expect(container.querySelector("strong")?.textContent).toBe("Done.");
    expect(container.querySelector(".hljs-keyword")?.textContent).toBe("const");
    expect(container.querySelector("script")).toBeNull();
    expect(screen.getByRole("button", { name: "Copy code" })).toBeTruthy();
  });

  it("keeps an open code block plain while the text streams, highlighted once it ends", () => {
    const [p, setP] = createSignal(part({ type: "text", text: "```ts\nconst a = 1;\n", time: { start: 1 } }));
    const { container } = render(() => <PartView part={p()} />);
    expect(container.querySelector("code")?.textContent).toBe("const a = 1;");
    expect(container.querySelector(".hljs-keyword")).toBeNull();
    setP(part({ type: "text", text: "```ts\nconst a = 1;\n```", time: { start: 1, end: 2 } }));
    expect(container.querySelector(".hljs-keyword")?.textContent).toBe("const");
  });
});

describe("reasoning", () => {
  it("is collapsed, and its text enters the DOM only when opened", async () => {
    const container = show(part({ type: "reasoning", text: "Let me **think**.", time: { start: 0, end: 3000 } }));
    const details = container.querySelector("details");
    expect(details?.open).toBe(false);
    expect(within(details as HTMLElement).getByText("Thought")).toBeTruthy();
    expect(details?.textContent).toContain("for 3.0 s");
    expect(container.textContent).not.toContain("Let me");
    fireEvent.click(container.querySelector("summary") as HTMLElement);
    expect(details?.open).toBe(true);
    // The toggle event comes a task later.
    await vi.waitFor(() => {
      expect(container.querySelector("strong")?.textContent).toBe("think");
    });
  });

  it("says Thinking… while it streams, and shows nothing for empty reasoning", () => {
    expect(show(part({ type: "reasoning", text: "", time: { start: 1 } })).textContent).toBe("Thinking…");
    cleanup();
    expect(show(part({ type: "reasoning", text: "  ", time: { start: 1, end: 2 } })).textContent).toBe("");
  });
});

describe("tool cards", () => {
  it("show tool, title, status and duration, and open to input and output", () => {
    const container = show(
      tool("read", {
        status: "completed",
        input: { filePath: "/p/a.ts" },
        output: "<file>\n00001| hello\n</file>",
        title: "a.ts",
        metadata: {},
        time: { start: 1000, end: 1420 },
      }),
    );
    const head = screen.getByRole("button", { name: /read/ });
    expect(head.getAttribute("aria-expanded")).toBe("false");
    expect(head.textContent).toContain("a.ts");
    expect(head.textContent).toContain("Completed");
    expect(head.textContent).toContain("420 ms");
    // Closed: no body in the DOM.
    expect(container.querySelector(".tool-body")).toBeNull();

    open(/read/);
    expect(head.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("figure", { name: "Input" }).textContent).toContain('"filePath": "/p/a.ts"');
    expect(screen.getByRole("figure", { name: "Output" }).textContent).toContain("00001| hello");
    fireEvent.click(head);
    expect(container.querySelector(".tool-body")).toBeNull();
  });

  it("show a running shell command's output as it grows, monospaced", () => {
    const container = show(
      tool("bash", {
        status: "running",
        input: { command: "npm test", description: "Run tests" },
        title: "Run tests",
        metadata: { output: "PASS src/a.test.ts\n" },
        time: { start: 1 },
      }),
    );
    const head = open(/bash/);
    expect(head.textContent).toContain("Running");
    expect(screen.getByRole("figure", { name: "Command" }).querySelector("code")?.textContent).toBe("npm test");
    expect(screen.getByRole("figure", { name: "Output" }).querySelector("pre")?.textContent).toBe("PASS src/a.test.ts\n");
    expect(container.querySelector(".tool-duration")).toBeNull();
  });

  it("cut a huge output, keeping the DOM small", () => {
    const output = "x".repeat(60) + "\n";
    const container = show(
      tool("bash", {
        status: "completed",
        input: { command: "cat big.log" },
        output: output.repeat(200_000),
        title: "cat big.log",
        metadata: {},
        time: { start: 1, end: 2 },
      }),
    );
    open(/bash/);
    expect(container.textContent.length).toBeLessThan(110_000);
    expect(screen.getByRole("button", { name: "Show all" })).toBeTruthy();
  });

  it("show a failed call's error plainly, even while closed", () => {
    const container = show(
      tool("edit", {
        status: "error",
        input: { filePath: "/p/a.ts", oldString: "x", newString: "y" },
        error: "Error: oldString not found in content",
        time: { start: 1, end: 2 },
      }),
    );
    expect(screen.getByText("Error: oldString not found in content")).toBeTruthy();
    expect(container.querySelector(".tool-status")?.textContent).toBe("Error");
    open(/edit/);
    // The full error and the change that was asked for.
    expect(container.querySelector(".tool-error-full")?.textContent).toBe("Error: oldString not found in content");
    expect(container.querySelector("del")?.textContent).toBe("x");
    expect(container.querySelector("ins")?.textContent).toBe("y");
  });

  it("show an edit as a diff with its counts, from the metadata OpenCode sends", () => {
    const patch = createTwoFilesPatch("/p/src/a.ts", "/p/src/a.ts", "let a = 1;\n", "let a = 2;\nlet b = 3;\n");
    const container = show(
      tool("edit", {
        status: "completed",
        input: { filePath: "/p/src/a.ts", oldString: "let a = 1;", newString: "let a = 2;\nlet b = 3;" },
        output: "Edit applied successfully.",
        title: "src/a.ts",
        metadata: { diff: patch, filediff: { file: "/p/src/a.ts", patch, additions: 2, deletions: 1 }, diagnostics: {} },
        time: { start: 1, end: 2 },
      }),
    );
    expect(screen.getAllByRole("img", { name: "2 additions, 1 deletion" }).length).toBeGreaterThan(0);
    // A small finished edit shows its diff without a click.
    expect(screen.getByRole("button", { name: /edit/ }).getAttribute("aria-expanded")).toBe("true");
    const diff = screen.getByRole("region", { name: "Changes to /p/src/a.ts" });
    expect(Array.from(diff.querySelectorAll("ins")).map((line) => line.textContent)).toEqual(["let a = 2;", "let b = 3;"]);
    expect(diff.querySelector("ins .hljs-keyword")?.textContent).toBe("let");
    // The one-line "applied" output is not repeated.
    expect(container.textContent).not.toContain("Edit applied successfully.");
  });

  it("say a call held up by an unanswered permission waits for the user, and runs again once answered", () => {
    const [awaited, setAwaited] = createSignal<ReadonlySet<string>>(new Set(["call_1"]));
    render(() => (
      <AwaitingUser.Provider value={awaited}>
        <PartView part={tool("bash", { status: "running", input: { command: "ls src" }, time: { start: 1 } })} />
      </AwaitingUser.Provider>
    ));
    const card = screen.getByRole("button", { name: /bash/ });
    expect(card.textContent).toContain("Waiting for you");
    setAwaited(new Set(["call_other"]));
    expect(card.textContent).not.toContain("Waiting for you");
    expect(card.textContent).toContain("Running");
  });

  it("name the edited file relative to the project when the transcript knows it", () => {
    const patch = createTwoFilesPatch("/p/src/a.ts", "/p/src/a.ts", "x\n", "y\n");
    render(() => (
      <ProjectDirectory.Provider value={() => "/p"}>
        <PartView
          part={tool("edit", {
            status: "completed",
            input: { filePath: "/p/src/a.ts", oldString: "x", newString: "y" },
            output: "",
            title: "src/a.ts",
            metadata: { filediff: { file: "/p/src/a.ts", patch, additions: 1, deletions: 1 } },
            time: { start: 1, end: 2 },
          })}
        />
        <PartView part={part({ type: "patch", hash: "abc", files: ["/p/src/a.ts", "/elsewhere/b.ts"] })} />
      </ProjectDirectory.Provider>
    ));
    expect(screen.getByRole("region", { name: "Changes to src/a.ts" })).toBeTruthy();
    expect(screen.getByText(/^Changed 2 files/).textContent).toBe("Changed 2 files: src/a.ts, /elsewhere/b.ts");
  });

  it("keep a running edit closed, open it when it finishes, and respect the user's choice", () => {
    const patch = createTwoFilesPatch("a.ts", "a.ts", "x\n", "y\n");
    const done = {
      status: "completed" as const,
      input: { filePath: "a.ts" },
      output: "",
      title: "a.ts",
      metadata: { diff: patch, filediff: { file: "a.ts", patch, additions: 1, deletions: 1 } },
      time: { start: 1, end: 2 },
    };
    const [part, setPart] = createSignal(tool("edit", { status: "running", input: { filePath: "a.ts" }, time: { start: 1 } }));
    render(() => <PartView part={part()} />);
    const card = () => screen.getByRole("button", { name: /edit/ });
    expect(card().getAttribute("aria-expanded")).toBe("false");
    setPart(tool("edit", done));
    expect(card().getAttribute("aria-expanded")).toBe("true");
    card().click();
    expect(card().getAttribute("aria-expanded")).toBe("false");
  });

  it("keep a big edit closed", () => {
    const big = "l\n".repeat(INLINE_DIFF_LINES + 1);
    const patch = createTwoFilesPatch("b.ts", "b.ts", "", big);
    const filediff = { file: "b.ts", patch, additions: INLINE_DIFF_LINES + 1, deletions: 0 };
    show(tool("edit", { status: "completed", input: { filePath: "b.ts" }, output: "", title: "b.ts", metadata: { diff: patch, filediff }, time: { start: 1, end: 2 } }));
    expect(screen.getByRole("button", { name: /edit/ }).getAttribute("aria-expanded")).toBe("false");
  });

  it("show a new file written as all added, and an overwrite as its new content", () => {
    show(
      tool("write", {
        status: "completed",
        input: { filePath: "/p/NOTES.md", content: "# Notes\n" },
        output: "Wrote file successfully.",
        title: "NOTES.md",
        metadata: { filepath: "/p/NOTES.md", exists: false, diagnostics: {} },
        time: { start: 1, end: 2 },
      }),
    );
    open(/write/);
    expect(screen.getByRole("region", { name: "Changes to /p/NOTES.md" }).querySelector("ins")?.textContent).toBe("# Notes");
    cleanup();

    show(
      tool("write", {
        status: "completed",
        input: { filePath: "/p/a.py", content: "def f():\n    pass\n" },
        output: "Wrote file successfully.",
        title: "a.py",
        metadata: { filepath: "/p/a.py", exists: true, diagnostics: {} },
        time: { start: 1, end: 2 },
      }),
    );
    open(/write/);
    const content = screen.getByRole("figure", { name: "New content of /p/a.py" });
    expect(content.querySelector(".hljs-keyword")?.textContent).toBe("def");
  });

  it("show each file of an apply_patch call as its own diff", () => {
    const one = createTwoFilesPatch("/p/a.ts", "/p/a.ts", "a\n", "b\n");
    const two = createTwoFilesPatch("/p/n.ts", "/p/n.ts", "", "new\n");
    show(
      tool("apply_patch", {
        status: "completed",
        input: { patchText: "*** Begin Patch\n*** End Patch" },
        output: "Success. Updated the following files:\nM a.ts\nA n.ts",
        title: "Success. Updated the following files:\nM a.ts\nA n.ts",
        metadata: {
          diff: one + two,
          files: [
            { filePath: "/p/a.ts", relativePath: "a.ts", type: "update", patch: one, additions: 1, deletions: 1 },
            { filePath: "/p/n.ts", relativePath: "n.ts", type: "add", patch: two, additions: 1, deletions: 0 },
          ],
          diagnostics: {},
        },
        time: { start: 1, end: 2 },
      }),
    );
    expect(screen.getByRole("button", { name: /apply_patch/ }).getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("region", { name: "Changes to a.ts" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Changes to n.ts" }).querySelector(".diff-status")?.textContent).toBe("Added");
  });

  it("show the files a call returned", () => {
    show(
      tool("read", {
        status: "completed",
        input: { filePath: "/p/shot.png" },
        output: "Image read successfully",
        title: "shot.png",
        metadata: {},
        time: { start: 1, end: 2 },
        attachments: [
          { id: "prt_a", sessionID: "ses_1", messageID: "msg_1", mime: "image/png", url: "data:image/png;base64,iVBORw0KGgo=", filename: "shot.png" },
        ],
      } as ToolState),
    );
    expect(screen.queryByRole("img", { name: "shot.png" })).toBeNull();
    open(/read/);
    expect(screen.getByRole("img", { name: "shot.png" }).getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
  });

  it("show a todowrite call as a checklist", () => {
    show(
      tool("todowrite", {
        status: "completed",
        input: { todos: [] },
        output: "[]",
        title: "1 todos",
        metadata: { todos: [{ content: "Ship it", status: "in_progress", priority: "high" }] },
        time: { start: 1, end: 2 },
      }),
    );
    open(/todowrite/);
    expect(screen.getByRole("listitem").textContent).toContain("In progress: Ship it");
  });

  it("show a pending call's input as it streams, and a state this version does not know", () => {
    show(tool("grep", { status: "pending", input: {}, raw: '{"pattern": "TODO' }));
    expect(screen.getByRole("button", { name: /grep/ }).textContent).toContain("Pending");
    open(/grep/);
    expect(screen.getByRole("figure", { name: "Input" }).textContent).toContain('{"pattern": "TODO');
    cleanup();

    show(tool("grep", { status: "unknown", kind: "queued", raw: { status: "queued" } }));
    expect(screen.getByRole("button", { name: /grep/ }).textContent).toContain("queued");
    open(/grep/);
    expect(screen.getByText(/does not know the state "queued"/)).toBeTruthy();
  });
});

describe("other parts", () => {
  it("step-finish: no tokens or cost on the step (its reply sums them, once, at its end)", () => {
    const container = show(
      part({
        type: "step-finish",
        reason: "stop",
        cost: 0.0123,
        tokens: { input: 1234, output: 300, reasoning: 50, cache: { read: 8000, write: 0 } },
      }),
    );
    expect(container.textContent).toBe("");
  });

  it("step-finish: says where a step was cut off at the output limit or stopped by the content filter", () => {
    const tokens = { input: 1234, output: 300, reasoning: 0, cache: { read: 0, write: 0 } };
    const line = show(part({ type: "step-finish", reason: "length", cost: 0.02, tokens })).querySelector("p");
    // A short muted line of its own: the figures are the reply's line's.
    expect(line?.textContent).toBe("Cut off at the output limit");
    expect(line?.classList.contains("part-line")).toBe(true);
    cleanup();
    expect(show(part({ type: "step-finish", reason: "content-filter", cost: 0, tokens })).textContent).toBe(
      "Stopped by the content filter",
    );
  });

  it("step-start: nothing to show", () => {
    expect(show(part({ type: "step-start" })).textContent).toBe("");
  });

  it("file: an image as a thumbnail, anything else as a name chip", () => {
    show(part({ type: "file", mime: "image/png", url: "data:image/png;base64,iVBORw0KGgo=", filename: "shot.png" }));
    const image = screen.getByRole("img", { name: "shot.png" });
    expect(image.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    cleanup();
    const container = show(part({ type: "file", mime: "text/plain", url: "file:///p/notes.txt" }));
    expect(container.textContent).toContain("notes.txt");
    expect(container.querySelector("img")).toBeNull();
  });

  it("agent: the agent named", () => {
    expect(show(part({ type: "agent", name: "plan" })).textContent).toBe("@plan agent");
  });

  it("subtask: agent and description, the prompt collapsed", () => {
    const container = show(
      part({ type: "subtask", prompt: "Find every TODO", description: "Survey TODOs", agent: "general", command: "todos" }),
    );
    expect(container.querySelector("summary")?.textContent).toBe("@general subtask: Survey TODOs (/todos)");
    expect(container.querySelector("details")?.open).toBe(false);
  });

  it("patch: the files changed", () => {
    const files = ["a.ts", "b.ts", "c.ts", "d.ts", "e.ts", "f.ts", "g.ts"];
    expect(show(part({ type: "patch", hash: "abc", files })).textContent).toBe(
      "Changed 7 files: a.ts, b.ts, c.ts, d.ts, e.ts and 2 more",
    );
  });

  it("snapshot: a quiet note", () => {
    expect(show(part({ type: "snapshot", snapshot: "4b825dc" })).textContent).toBe("Snapshot of the files taken");
  });

  it("retry: which attempt and why", () => {
    const container = show(
      part({ type: "retry", attempt: 3, error: { name: "APIError", data: { message: "Overloaded", isRetryable: true } } }),
    );
    expect(container.textContent).toBe("Retrying (attempt 3): Overloaded");
  });

  it("compaction: said plainly", () => {
    expect(show(part({ type: "compaction", auto: true, overflow: true })).textContent).toBe(
      "Conversation compacted automatically (the context was full)",
    );
  });

  it("unknown: a neutral line, never a crash", () => {
    expect(
      show(part({ type: "unknown", originalType: "hologram", error: "unknown variant", raw: {} })).textContent,
    ).toBe("Unsupported part: hologram");
    cleanup();
    // Even a kind outside the union, straight off the wire.
    expect(show(part({ type: "telepathy" })).textContent).toBe("Unsupported part: telepathy");
  });
});

describe("MessageError", () => {
  it("shows a failure in the alarm colour and a stop quietly", () => {
    const { container } = render(() => (
      <>
        <MessageError error={{ name: "APIError", data: { message: "Bad gateway", statusCode: 502, isRetryable: true } }} />
        <MessageError error={{ name: "MessageAbortedError", data: { message: "Aborted" } }} />
      </>
    ));
    const [failure, stop] = Array.from(container.querySelectorAll("p"));
    expect(failure?.textContent).toBe("Bad gateway (HTTP 502)");
    expect(failure?.hasAttribute("data-muted")).toBe(false);
    expect(stop?.textContent).toBe("Stopped.");
    expect(stop?.hasAttribute("data-muted")).toBe(true);
  });
});

describe("opening a tool's file in the Files panel", () => {
  const read = (filePath: string, offset?: number) =>
    tool("read", {
      status: "completed",
      input: offset === undefined ? { filePath } : { filePath, offset, limit: 20 },
      output: "…",
      title: filePath.replace("/p/", ""),
      metadata: {},
      time: { start: 1, end: 2 },
    });
  function showIn(p: Part, onOpen = vi.fn()) {
    render(() => (
      <ProjectDirectory.Provider value={() => "/p"}>
        <OpenFile.Provider value={onOpen}>
          <PartView part={p} />
        </OpenFile.Provider>
      </ProjectDirectory.Provider>
    ));
    return onOpen;
  }

  it("a click on the file's name in the line opens it at the line read; elsewhere the line opens the card", () => {
    const onOpen = showIn(read("/p/src/a.ts", 40));
    const head = screen.getByRole("button", { name: /read/ });
    fireEvent.click(within(head).getByText("src/a.ts"));
    expect(onOpen).toHaveBeenCalledWith("src/a.ts", 40);
    expect(head.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(within(head).getByText("read"));
    expect(head.getAttribute("aria-expanded")).toBe("true");
    // The keyboard's way, in the open card.
    fireEvent.click(screen.getByRole("button", { name: "Open in Files: src/a.ts" }));
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it("opens an edited file at its first change, from the line and from its diff", () => {
    const patch = createTwoFilesPatch("/p/src/a.ts", "/p/src/a.ts", "1\n2\n3\n4\n5\n", "1\n2\n3\nfour\n5\n");
    const onOpen = showIn(
      tool("edit", {
        status: "completed",
        input: { filePath: "/p/src/a.ts", oldString: "4", newString: "four" },
        output: "",
        title: "src/a.ts",
        metadata: { filediff: { file: "/p/src/a.ts", patch, additions: 1, deletions: 1 } },
        time: { start: 1, end: 2 },
      }),
    );
    fireEvent.click(within(screen.getByRole("button", { name: /edit/ })).getByText("src/a.ts"));
    expect(onOpen).toHaveBeenLastCalledWith("src/a.ts", 4);
    const diff = screen.getByRole("region", { name: "Changes to src/a.ts" });
    fireEvent.click(within(diff).getByRole("button", { name: "src/a.ts" }));
    expect(onOpen).toHaveBeenLastCalledWith("src/a.ts", 4);
  });

  it("offers nothing for a file outside the project, or a tool about no one file", () => {
    const onOpen = showIn(read("/etc/hosts"));
    fireEvent.click(within(screen.getByRole("button", { name: /read/ })).getByText("/etc/hosts"));
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.queryByRole("button", { name: /Open in Files/ })).toBeNull();
    cleanup();
    showIn(tool("grep", { status: "completed", input: { pattern: "x" }, output: "", title: "x", metadata: {}, time: { start: 1, end: 2 } }));
    expect(document.querySelector(".tool-file")).toBeNull();
  });
});

