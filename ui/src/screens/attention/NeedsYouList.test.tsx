import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { PermissionRequest, QuestionRequest, Session } from "../../ipc";
import { session } from "../../test/factories";
import NeedsYouList, { NeedsYouBadge, needsYouItems, sessionLabel } from "./NeedsYouList";

afterEach(cleanup);

const permission = (id: string, sessionID: string, tool: string, patterns: string[]) =>
  ({ id, sessionID, permission: tool, patterns, metadata: {}, always: [] }) as PermissionRequest;

const question = (id: string, sessionID: string, ...asks: [string, string][]) =>
  ({
    id,
    sessionID,
    questions: asks.map(([header, text]) => ({ header, question: text, options: [] })),
  }) as QuestionRequest;

const child = { ...session("ses_child", "Run tests"), parentID: "ses_a" } as Session;
const sessions: Record<string, Session> = {
  ses_a: session("ses_a", "Fix the build"),
  ses_b: session("ses_b", "Write docs"),
  ses_child: child,
};

describe("needsYouItems", () => {
  it("lists permissions first, then questions, saying what each asks", () => {
    const rows = needsYouItems(
      [permission("per_1", "ses_a", "bash", ["rm -rf build", "make"])],
      [question("que_1", "ses_b", ["Style", "Which tone?"], ["Length", "How long?"])],
    );
    expect(rows).toEqual([
      { id: "per_1", sessionId: "ses_a", kind: "permission", subject: "bash", detail: "rm -rf build, make" },
      { id: "que_1", sessionId: "ses_b", kind: "question", subject: "Style", detail: "Which tone? (+1 more)" },
    ]);
  });

  it("copes with a question without header or text", () => {
    const [row] = needsYouItems([], [{ id: "q", sessionID: "s", questions: [] }]);
    expect(row).toMatchObject({ subject: "Question", detail: "" });
  });
});

describe("sessionLabel", () => {
  it("names sub-agent sessions with their parent, and unknown ones plainly", () => {
    expect(sessionLabel(sessions, "ses_a")).toBe("Fix the build");
    expect(sessionLabel(sessions, "ses_child")).toBe("Fix the build › Run tests");
    expect(sessionLabel(sessions, "ses_gone")).toBe("Unknown session");
    expect(sessionLabel({ s: session("s", "") }, "s")).toBe("Untitled session");
  });
});

describe("NeedsYouList", () => {
  function setup() {
    const opened: string[] = [];
    render(() => (
      <NeedsYouList
        permissions={[
          permission("per_1", "ses_a", "bash", ["rm -rf build"]),
          permission("per_2", "ses_child", "edit", ["src/main.rs"]),
        ]}
        questions={[question("que_1", "ses_b", ["Tone", "Formal or casual?"])]}
        sessions={sessions}
        onOpen={(id) => opened.push(id)}
      />
    ));
    return { opened };
  }

  it("shows each pending item with its session and what it asks", () => {
    setup();
    const rows = screen.getAllByRole("listitem");
    expect(rows.map((row) => row.textContent)).toEqual([
      "Fix the buildPermission: bash rm -rf buildOpen",
      "Fix the build › Run testsPermission: edit src/main.rsOpen",
      "Write docsQuestion: Tone Formal or casual?Open",
    ]);
  });

  it("opens the session of the chosen item", () => {
    const { opened } = setup();
    screen.getByRole("button", { name: "Open Write docs: question Tone" }).click();
    screen.getByRole("button", { name: "Open Fix the build › Run tests: permission edit" }).click();
    expect(opened).toEqual(["ses_b", "ses_child"]);
  });

  it("moves between rows with the arrow keys, Home and End", () => {
    setup();
    const buttons = screen.getAllByRole("button", { name: /^Open / });
    const list = screen.getByRole("list");
    buttons[0]?.focus();
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(list, { key: "End" });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[2]);
    fireEvent.keyDown(list, { key: "Home" });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(list, { key: "ArrowUp" });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it("says so when nothing is waiting", () => {
    render(() => <NeedsYouList permissions={[]} questions={[]} sessions={{}} onOpen={() => undefined} />);
    const region = screen.getByRole("region", { name: "Needs you" });
    expect(within(region).queryByRole("list")).toBeNull();
    expect(region.textContent).toContain("Nothing is waiting for you.");
  });

  it("follows the store as requests come and go", () => {
    const [pending, setPending] = createSignal<PermissionRequest[]>([]);
    render(() => (
      <NeedsYouList permissions={pending()} questions={[]} sessions={sessions} onOpen={() => undefined} />
    ));
    expect(screen.queryAllByRole("listitem")).toHaveLength(0);
    setPending([permission("per_9", "ses_a", "webfetch", [])]);
    expect(screen.getAllByRole("listitem")[0]?.textContent).toBe("Fix the buildPermission: webfetchOpen");
  });
});

describe("NeedsYouBadge", () => {
  it("shows the count, and nothing at zero", () => {
    const [count, setCount] = createSignal(0);
    render(() => <NeedsYouBadge count={count()} />);
    expect(screen.queryByRole("status")).toBeNull();
    setCount(3);
    expect(screen.getByRole("status", { name: "Needs you: 3 waiting" }).textContent).toBe("3");
  });

  it("is a button when it has somewhere to go", () => {
    let clicks = 0;
    render(() => <NeedsYouBadge count={2} onClick={() => (clicks += 1)} />);
    screen.getByRole("button", { name: "Needs you: 2 waiting" }).click();
    expect(clicks).toBe(1);
  });
});
