// The virtualized transcript's behaviour, one test per move of the view (open, follow, scroll,
// older pages, reveal). Past 500 lines and still one job: the fixtures are shared by every move.
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { afterEach, expect, it, vi } from "vitest";
import type { Message, Part } from "../../ipc";
import { assistant, textPart } from "../../test/factories";
import Transcript, { type TranscriptControls } from "./Transcript";

afterEach(cleanup);

const idOf = (n: number) => `msg_${String(n).padStart(5, "0")}`;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function user(id: string): Message {
  return { role: "user", id, sessionID: "ses_1", time: { created: 1 } } as Message;
}

/** A session of `count` replies, numbered from `from`, in a store mutated in place like the app's. */
function conversation(count: number, from = 0) {
  const ids = Array.from({ length: count }, (_, i) => idOf(from + i));
  const info: Record<string, Message> = {};
  const parts: Record<string, Part[]> = {};
  for (const id of ids) {
    info[id] = assistant(id);
    parts[id] = [textPart(`prt_${id}`, id, `Reply ${id}`)];
  }
  return { ids, info, parts };
}

/**
 * jsdom lays nothing out: this gives every message `height` pixels and the scroller a `viewport`,
 * with scrollHeight and a clamped scrollTop that follow the list's paddings and rendered messages.
 */
function fakeLayout(scroller: HTMLElement, height = 100, viewport = 300) {
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (
    this: HTMLElement,
  ) {
    return { height: this.classList.contains("tx-message") ? height : 0 } as DOMRect;
  });
  const list = scroller.querySelector<HTMLElement>(".tx-list");
  if (!list) throw new Error("no list");
  const size = () =>
    Math.max(
      viewport,
      parseFloat(list.style.paddingTop) +
        list.querySelectorAll(".tx-message").length * height +
        parseFloat(list.style.paddingBottom),
    );
  let top = 0;
  Object.defineProperty(scroller, "clientHeight", { configurable: true, get: () => viewport });
  Object.defineProperty(scroller, "scrollHeight", { configurable: true, get: size });
  Object.defineProperty(scroller, "scrollTop", {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = Math.max(0, Math.min(value, size() - viewport));
    },
  });
}

function setup(count: number, options: { hasOlder?: boolean; onReachTop?: () => Promise<void> } = {}) {
  const [state, setState] = createStore(conversation(count, 1000));
  const onReachTop = vi.fn(options.onReachTop ?? (() => Promise.resolve()));
  const onBottom = vi.fn();
  let controls: TranscriptControls | undefined;
  render(() => (
    <Transcript
      ids={state.ids}
      info={state.info}
      parts={state.parts}
      hasOlder={options.hasOlder ?? false}
      onReachTop={onReachTop}
      onBottom={onBottom}
      controls={(c) => (controls = c)}
    />
  ));
  const scroller = screen.getByRole("region", { name: "Transcript" });
  fakeLayout(scroller);
  const scrollTo = (top: number) => {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event("scroll"));
  };
  const rendered = () => Array.from(scroller.querySelectorAll<HTMLElement>(".tx-message"), (e) => e.dataset.id);
  return { state, setState, scroller, scrollTo, rendered, onReachTop, onBottom, controls: () => controls };
}

it("shows replies as markdown, the user's words plainly, and errors", () => {
  const info: Record<string, Message> = {
    msg_1: user("msg_1"),
    msg_2: {
      ...assistant("msg_2"),
      error: { name: "APIError", data: { message: "The provider is overloaded." } },
    } as Message,
    msg_3: { ...assistant("msg_3"), error: { name: "MessageAbortedError", data: {} } } as Message,
  };
  const synthetic = { ...textPart("prt_0", "msg_1", "Called the Read tool"), synthetic: true } as Part;
  const parts: Record<string, Part[]> = {
    msg_1: [textPart("prt_1", "msg_1", "make it **bold**"), synthetic],
    msg_2: [textPart("prt_2", "msg_2", "**Done.** All tests pass.")],
    msg_3: [],
  };
  render(() => (
    <Transcript
      ids={["msg_1", "msg_2", "msg_3"]}
      info={info}
      parts={parts}
      hasOlder={false}
      onReachTop={() => Promise.resolve()}
    />
  ));
  const mine = screen.getByRole("article", { name: "You" });
  expect(mine.textContent).toContain("make it **bold**");
  expect(mine.querySelector("strong")).toBeNull();
  expect(mine.textContent).not.toContain("Called the Read tool");
  const [reply, stopped] = screen.getAllByRole("article", { name: "OpenCode" });
  expect(reply?.querySelector("strong")?.textContent).toBe("Done.");
  expect(reply?.textContent).toContain("The provider is overloaded.");
  expect(stopped?.textContent).toContain("Stopped.");
  // At the bottom from the start: no button to get there.
  expect(screen.queryByRole("button", { name: /Jump to latest/ })).toBeNull();
});

it("draws no empty bubble for a message of only server-added text (a !command run)", () => {
  const info: Record<string, Message> = { msg_1: user("msg_1") };
  const added = { ...textPart("prt_0", "msg_1", "The following tool was executed by the user"), synthetic: true } as Part;
  render(() => (
    <Transcript ids={["msg_1"]} info={info} parts={{ msg_1: [added] }} hasOlder={false} onReachTop={() => Promise.resolve()} />
  ));
  expect(screen.getByRole("article", { name: "You" }).querySelector(".tx-bubble")).toBeNull();
});

it("renders only the messages around the view, and opens at the bottom", async () => {
  const { scroller, rendered } = setup(1000);
  await tick();
  // 1000 messages of 100px in a 300px view: the last ones, a few screens' worth, no more.
  expect(rendered().length).toBeLessThan(30);
  expect(rendered().at(-1)).toBe(idOf(1999));
  expect(scroller.scrollTop).toBe(1000 * 100 - 300);
});

it("moves a page, or to either end, when a program asks as the TUI's page keys do", async () => {
  const { scroller, controls } = setup(100);
  await tick();
  const bottom = 100 * 100 - 300;
  const jump = () => screen.queryByRole("button", { name: /Jump to latest/ });
  controls()?.scroll("page-up");
  await tick();
  // A page less a tenth, so the reader keeps a line of what they saw.
  expect(scroller.scrollTop).toBe(bottom - 270);
  expect(jump()).not.toBeNull();
  controls()?.scroll("first");
  await tick();
  expect(scroller.scrollTop).toBe(0);
  controls()?.scroll("page-down");
  await tick();
  expect(scroller.scrollTop).toBe(270);
  controls()?.scroll("last");
  await tick();
  expect(scroller.scrollTop).toBe(bottom);
  expect(jump()).toBeNull();
});

it("follows new messages at the bottom, and stops following once the user scrolls up", async () => {
  const { setState, scroller, scrollTo, rendered } = setup(100);
  await tick();
  const add = (id: string) => {
    setState(
      produce((s) => {
        s.ids.push(id);
        s.info[id] = assistant(id);
        s.parts[id] = [textPart(`prt_${id}`, id, "more")];
      }),
    );
  };
  add("msg_90000");
  await tick();
  expect(scroller.scrollTop).toBe(101 * 100 - 300);
  expect(rendered().at(-1)).toBe("msg_90000");

  scrollTo(5000);
  await tick();
  expect(screen.getByRole("button", { name: /Jump to latest/ }).classList.contains("btn")).toBe(true);
  add("msg_90001");
  await tick();
  // The reader stays where they were.
  expect(scroller.scrollTop).toBe(5000);
  expect(rendered()).toContain(idOf(1050));

  fireEvent.click(screen.getByRole("button", { name: /Jump to latest/ }));
  expect(scroller.scrollTop).toBe(102 * 100 - 300);
  expect(screen.queryByRole("button", { name: /Jump to latest/ })).toBeNull();
  expect(document.activeElement).toBe(scroller);
});

it("says when it follows the bottom again after the reader scrolled up, by scrolling or the button", async () => {
  const { scroller, scrollTo, onBottom } = setup(100);
  await tick();
  expect(onBottom).not.toHaveBeenCalled();
  scrollTo(5000);
  await tick();
  scrollTo(100 * 100 - 300);
  await tick();
  expect(onBottom).toHaveBeenCalledTimes(1);
  scrollTo(5000);
  await tick();
  fireEvent.click(screen.getByRole("button", { name: /Jump to latest/ }));
  expect(onBottom).toHaveBeenCalledTimes(2);
  expect(scroller.scrollTop).toBe(100 * 100 - 300);
});

it("a key that scrolls up stops the following", async () => {
  const { scroller, scrollTo } = setup(100);
  await tick();
  fireEvent.keyDown(scroller, { key: "PageUp" });
  // The keyboard moved the view up 250px, less than a change of size would explain.
  scrollTo(scroller.scrollTop - 250);
  await tick();
  expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeTruthy();
});

it("asks for the page before near the top, once, and holds the view still as it is prepended", async () => {
  let finish: () => void = () => undefined;
  const { setState, scroller, scrollTo, rendered, onReachTop } = setup(50, {
    hasOlder: true,
    onReachTop: () =>
      new Promise<void>((resolve) => {
        finish = resolve;
      }),
  });
  await tick();
  // At the bottom of 50 messages: far from the top, nothing asked.
  expect(onReachTop).not.toHaveBeenCalled();
  scrollTo(40);
  await tick();
  expect(onReachTop).toHaveBeenCalledTimes(1);
  expect(screen.getByText("Loading earlier messages…")).toBeTruthy();
  // Scrolling on while the page loads does not ask again.
  scrollTo(20);
  await tick();
  expect(onReachTop).toHaveBeenCalledTimes(1);
  const firstShown = rendered()[0];

  // The page arrives: 50 older messages go in above, as the reducer inserts them.
  const older = conversation(50, 0);
  setState(
    produce((s) => {
      s.ids.unshift(...older.ids);
      Object.assign(s.info, older.info);
      Object.assign(s.parts, older.parts);
    }),
  );
  finish();
  await tick();
  // The message at the top of the view is still there, 20px into it: 50 × 100px further down.
  expect(scroller.scrollTop).toBe(50 * 100 + 20);
  expect(rendered()).toContain(firstShown);
  expect(rendered()).not.toContain(idOf(0));
});

it("says when the page before could not be loaded, and retries on request", async () => {
  const failing = vi.fn(() => Promise.reject(new Error("server down")));
  const { scrollTo, onReachTop } = setup(50, { hasOlder: true, onReachTop: failing });
  await tick();
  scrollTo(0);
  await tick();
  expect(screen.getByText(/Earlier messages could not be loaded: server down/)).toBeTruthy();
  expect(screen.getByRole("button", { name: "Retry" }).className).toContain("btn btn-small");
  // No retry loop on every scroll: the user asks.
  scrollTo(10);
  await tick();
  expect(onReachTop).toHaveBeenCalledTimes(1);
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  await tick();
  expect(onReachTop).toHaveBeenCalledTimes(2);
});

it("asks for the page before at once when the messages do not fill the view", async () => {
  const { onReachTop } = setup(2, { hasOlder: true });
  await tick();
  expect(onReachTop).toHaveBeenCalledTimes(1);
});

it("says in a live region when a reply starts and ends, never its text, and nothing on opening", async () => {
  const info: Record<string, Message> = { msg_1: user("msg_1") };
  const parts: Record<string, Part[]> = { msg_1: [textPart("prt_1", "msg_1", "Hello")] };
  const [state, setState] = createStore({ ids: ["msg_1"], info, parts });
  const { container } = render(() => (
    <Transcript
      ids={state.ids}
      info={state.info}
      parts={state.parts}
      hasOlder={false}
      onReachTop={() => Promise.resolve()}
    />
  ));
  const live = container.querySelector<HTMLElement>('[aria-live="polite"][aria-atomic="true"]');
  if (!live) throw new Error("no live region");
  expect(live.closest('[aria-label="Transcript"]')).toBeNull();
  expect(live.textContent).toBe("");
  setState(
    produce((s) => {
      s.ids.push("msg_2");
      s.info["msg_2"] = assistant("msg_2");
      s.parts["msg_2"] = [textPart("prt_2", "msg_2", "Working on it")];
    }),
  );
  await tick();
  expect(live.textContent).toBe("OpenCode is replying…");
  setState(produce((s) => (s.parts["msg_2"] = [textPart("prt_2", "msg_2", "Working on it, more text")])));
  await tick();
  expect(live.textContent).toBe("OpenCode is replying…");
  setState(produce((s) => ((s.info["msg_2"] as { time: { completed?: number } }).time.completed = 5)));
  await tick();
  expect(live.textContent).toBe("OpenCode replied.");
});

it("shows the user's prompt as a bubble, with no speaker heading on either side", () => {
  const info: Record<string, Message> = { msg_1: user("msg_1"), msg_2: assistant("msg_2") };
  const parts: Record<string, Part[]> = {
    msg_1: [textPart("prt_1", "msg_1", "Fix the build")],
    msg_2: [textPart("prt_2", "msg_2", "Fixed.")],
  };
  render(() => (
    <Transcript ids={["msg_1", "msg_2"]} info={info} parts={parts} hasOlder={false} onReachTop={() => Promise.resolve()} />
  ));
  const mine = screen.getByRole("article", { name: "You" });
  expect(mine.querySelector(".tx-bubble")?.textContent).toBe("Fix the build");
  expect(screen.getByRole("article", { name: "OpenCode" }).textContent.trim()).toBe("Fixed.");
});

/** A reply's step: its message (done, ended in tool calls, or streaming) with a step-finish part. */
function step(id: string, input: number, cost: number, finish: "stop" | "tool-calls" | "streaming" = "tool-calls") {
  const message = {
    ...assistant(id),
    ...(finish === "streaming" ? {} : { finish, time: { created: 1, completed: 2 } }),
  } as Message;
  const stepFinish = {
    type: "step-finish",
    id: `fin_${id}`,
    sessionID: "ses_1",
    messageID: id,
    reason: finish === "streaming" ? "stop" : finish,
    cost,
    tokens: { input, output: 10, reasoning: 0, cache: { read: 0, write: 0 } },
  } as Part;
  return { message, parts: [textPart(`prt_${id}`, id, `Step ${id}`), stepFinish] };
}

/** The cost lines shown, each with the id of the message it ends. */
const costLines = (root: ParentNode = document) =>
  Array.from(root.querySelectorAll<HTMLElement>(".reply-cost"), (line) => ({
    at: line.closest<HTMLElement>(".tx-message")?.dataset.id,
    text: line.textContent,
    title: line.title,
  }));

it("ends each reply with one line summing its steps, the steps in its tooltip", () => {
  const info: Record<string, Message> = { u1: user("u1"), u2: user("u2") };
  const parts: Record<string, Part[]> = { u1: [textPart("t1", "u1", "Fix it")], u2: [textPart("t2", "u2", "Thanks")] };
  const steps = [step("a1", 1000, 0.01), step("a2", 2000, 0.02), step("a3", 3000, 0.03, "stop"), step("b1", 5, 0, "stop")];
  for (const s of steps) {
    info[s.message.id] = s.message;
    parts[s.message.id] = s.parts;
  }
  render(() => (
    <Transcript
      ids={["u1", "a1", "a2", "a3", "u2", "b1"]}
      info={info}
      parts={parts}
      hasOlder={false}
      onReachTop={() => Promise.resolve()}
    />
  ));
  expect(costLines()).toEqual([
    {
      at: "a3",
      text: "6k in · 30 out · $0.06",
      title: "Step 1: 1k in · 10 out · $0.01\nStep 2: 2k in · 10 out · $0.02\nStep 3: 3k in · 10 out · $0.03",
    },
    { at: "b1", text: "5 in · 10 out · $0.00", title: "Step 1: 5 in · 10 out · $0.00" },
  ]);
  // Plain text at the end of the reply's last message: no new role or name to find it by.
  const [, , last] = screen.getAllByRole("article", { name: "OpenCode" });
  expect(last?.querySelector(".reply-cost")?.getAttribute("role")).toBeNull();
});

it("shows a reply's total once the reply is over, not while it streams", async () => {
  const first = step("a1", 100, 0.01);
  const info: Record<string, Message> = { u1: user("u1"), a1: first.message };
  const parts: Record<string, Part[]> = { u1: [textPart("t1", "u1", "Go")], a1: first.parts };
  const [state, setState] = createStore({ ids: ["u1", "a1"], info, parts });
  render(() => (
    <Transcript ids={state.ids} info={state.info} parts={state.parts} hasOlder={false} onReachTop={() => Promise.resolve()} />
  ));
  // The first step ended in tool calls: the next one is coming.
  expect(costLines()).toEqual([]);
  const second = step("a2", 200, 0.02, "streaming");
  setState(
    produce((s) => {
      s.ids.push("a2");
      s.info["a2"] = second.message;
      s.parts["a2"] = [textPart("prt_a2", "a2", "Working")];
    }),
  );
  await tick();
  expect(costLines()).toEqual([]);
  setState(
    produce((s) => {
      s.parts["a2"] = second.parts;
      Object.assign(s.info["a2"] as object, { finish: "stop", time: { created: 1, completed: 3 } });
    }),
  );
  await tick();
  expect(costLines().map((line) => [line.at, line.text])).toEqual([["a2", "300 in · 20 out · $0.03"]]);
  // The user writes again: the next reply has no line yet, this one keeps its own.
  setState(
    produce((s) => {
      s.ids.push("u2", "b1");
      s.info["u2"] = user("u2");
      s.info["b1"] = assistant("b1");
      s.parts["u2"] = [textPart("t2", "u2", "More")];
      s.parts["b1"] = [];
    }),
  );
  await tick();
  expect(costLines().map((line) => line.at)).toEqual(["a2"]);
});

it("sums a long reply whose first steps are scrolled out of the DOM", async () => {
  // One prompt, then 200 steps of 100px: only the last few are rendered.
  const ids = ["u1"];
  const info: Record<string, Message> = { u1: user("u1") };
  const parts: Record<string, Part[]> = { u1: [textPart("t1", "u1", "Refactor everything")] };
  for (let i = 0; i < 200; i++) {
    const s = step(idOf(i), 1000, 0.01, i === 199 ? "stop" : "tool-calls");
    ids.push(s.message.id);
    info[s.message.id] = s.message;
    parts[s.message.id] = s.parts;
  }
  render(() => <Transcript ids={ids} info={info} parts={parts} hasOlder={false} onReachTop={() => Promise.resolve()} />);
  fakeLayout(screen.getByRole("region", { name: "Transcript" }));
  await tick();
  expect(document.querySelector('[data-id="u1"]')).toBeNull();
  const [line] = costLines();
  expect(line?.at).toBe(idOf(199));
  expect(line?.text).toBe("200k in · 2k out · $2.00");
  expect(line?.title.split("\n")).toHaveLength(200);
});

it("loads older pages until a message asked for is there, then shows it near the top, marked and focused", async () => {
  const [state, setState] = createStore({ ...conversation(50, 1000), hasOlder: true });
  const [reveal, setReveal] = createSignal<{ messageId: string }>();
  const onRevealed = vi.fn();
  let pages = 0;
  const onReachTop = vi.fn(() => {
    // Two pages of 50 before the first shown: the message is in the second.
    const older = conversation(50, 1000 - 50 * ++pages);
    setState(
      produce((s) => {
        s.ids.unshift(...older.ids);
        Object.assign(s.info, older.info);
        Object.assign(s.parts, older.parts);
        s.hasOlder = pages < 3;
      }),
    );
    return Promise.resolve();
  });
  render(() => (
    <Transcript
      ids={state.ids}
      info={state.info}
      parts={state.parts}
      hasOlder={state.hasOlder}
      onReachTop={onReachTop}
      reveal={reveal()}
      onRevealed={onRevealed}
    />
  ));
  const scroller = screen.getByRole("region", { name: "Transcript" });
  fakeLayout(scroller);
  await tick();
  const wanted = idOf(910);
  setReveal({ messageId: wanted });
  await vi.waitFor(() => {
    expect(onRevealed).toHaveBeenCalledWith(true);
  });
  expect(onReachTop).toHaveBeenCalledTimes(2);
  // 10 messages of 100px into the list, less the margin left above it.
  expect(scroller.scrollTop).toBe(10 * 100 - 24);
  const article = scroller.querySelector<HTMLElement>(`[data-id="${wanted}"]`);
  expect(article?.classList.contains("tx-found")).toBe(true);
  expect(document.activeElement).toBe(article);
  // No longer following the bottom: a reply arriving does not take the view away.
  expect(screen.getByRole("button", { name: /Jump to latest/ })).toBeTruthy();
});

it("says when a message asked for is not in the session", async () => {
  const onRevealed = vi.fn();
  const { ids, info, parts } = conversation(5);
  render(() => (
    <Transcript
      ids={ids}
      info={info}
      parts={parts}
      hasOlder={false}
      onReachTop={() => Promise.resolve()}
      reveal={{ messageId: "msg_gone" }}
      onRevealed={onRevealed}
    />
  ));
  await vi.waitFor(() => {
    expect(onRevealed).toHaveBeenCalledWith(false);
  });
});
