// The benchmark page: the real Transcript (and PartView, Markdown, highlighting) over a store
// written the way the app writes it (reducer functions inside Solid's produce), with a plain
// composer-like textarea under it. A runner (bench/run.mjs) loads this page once per phase in a
// real browser engine and calls window.bench.run(phase); each phase resolves to its figures.
import { createSignal } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { render } from "solid-js/web";
import type { MessageWithParts, ServerEvent } from "../../ui/src/ipc";
import Transcript from "../../ui/src/screens/transcript/Transcript";
import { applyEvents, upsertMessage, upsertPart } from "../../ui/src/state/reducer";
import { warmUpTranscript } from "../../ui/src/screens/transcript/warmup";
import { emptyProject, type ProjectState } from "../../ui/src/state/store";
import "../../ui/src/styles.css";
import { generateSession, SESSION } from "./generate";

/** As the app's workspace adds a page of messages. */
function addPage(s: ProjectState, messages: readonly MessageWithParts[]): void {
  for (const { info, parts } of messages) {
    upsertMessage(s, info);
    s.parts[info.id] = [];
    for (const p of parts) upsertPart(s, p);
  }
}

const [store, setStore] = createStore(emptyProject());
const [text, setText] = createSignal("");
let olderPages: MessageWithParts[][] = [];
const [hasOlder, setHasOlder] = createSignal(false);

render(
  () => (
    <div class="app-main" style={{ height: "100vh" }}>
      <Transcript
        ids={store.messages[SESSION] ?? []}
        info={store.messageInfo}
        parts={store.parts}
        hasOlder={hasOlder()}
        onReachTop={() => {
          const page = olderPages.pop();
          setHasOlder(olderPages.length > 0);
          if (page) setStore(produce((s) => { addPage(s, page); }));
          return Promise.resolve();
        }}
      />
      <form class="composer" onSubmit={(e) => { e.preventDefault(); }}>
        <textarea aria-label="Message" rows={3} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
      </form>
    </div>
  ),
  document.getElementById("root") as HTMLElement,
);

// As the app does at launch (App.tsx), unless the page is asked to show the open without it.
const warmUp = new URLSearchParams(location.search).get("warmup") === "0" ? undefined : warmUpTranscript();
const warmUpStarted = performance.now();
/** The warm-up's own cost: when it ended after the page started, its steps' total and longest. */
async function warmUpFigures() {
  if (!warmUp) return undefined;
  const done = await warmUp.finished;
  const ms = warmUp.durations;
  return { done, endedMs: performance.now() - warmUpStarted, steps: ms.length, busyMs: ms.reduce((a, b) => a + b, 0), longestMs: Math.max(0, ...ms), stepsMs: ms.map(Math.round) };
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves just after the next frame has been painted. */
const painted = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const scroller = () => document.querySelector<HTMLElement>(".tx-scroller") as HTMLElement;

async function loadData(): Promise<MessageWithParts[]> {
  const url = new URLSearchParams(location.search).get("data");
  if (!url) return generateSession(3000);
  const body = (await (await fetch(url)).json()) as MessageWithParts[] | { messages: MessageWithParts[] };
  const messages = Array.isArray(body) ? body : body.messages;
  // A dump from the server belongs to another session id: file it under the one shown here.
  return messages.map(({ info, parts }) => ({
    info: { ...info, sessionID: SESSION },
    parts: (parts ?? []).map((p) => ({ ...p, sessionID: SESSION })),
  })) as MessageWithParts[];
}

/** True once the last message is on screen with the view at the bottom. */
function lastScreenShown(lastId: string): boolean {
  const view = scroller();
  const last = view.querySelector(`[data-id="${lastId}"]`);
  if (!last) return false;
  const box = view.getBoundingClientRect();
  const bottom = last.getBoundingClientRect().bottom;
  return Math.abs(bottom - box.bottom) <= 2 && view.scrollTop + view.clientHeight >= view.scrollHeight - 2;
}

/** Shows `messages` as opening a session does, and times it until the last screen is painted. */
async function open(messages: MessageWithParts[], tail: number) {
  const page = messages.slice(-tail);
  const older: MessageWithParts[][] = [];
  for (let end = messages.length - tail; end > 0; end -= 50) older.unshift(messages.slice(Math.max(0, end - 50), end));
  const lastId = page.at(-1)?.info.id ?? "";
  await painted();
  const start = performance.now();
  olderPages = older;
  setHasOlder(older.length > 0);
  setStore(produce((s) => { s.messages[SESSION] = []; addPage(s, page); }));
  const afterStore = performance.now();
  // The transcript lays out in a microtask queued by the store change: this one runs after it.
  let laidOut = Number.NaN;
  queueMicrotask(() => {
    laidOut = performance.now();
  });
  let shownAt = Number.NaN;
  const frames: number[] = [];
  for (let i = 0; i < 300; i++) {
    frames.push((await frame()) - start);
    if (lastScreenShown(lastId)) {
      // This frame's paint shows it.
      shownAt = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
      break;
    }
  }
  // Then steady: three frames in a row where nothing moves.
  let previous = -1;
  let still = 0;
  let steadyAt = shownAt;
  for (let i = 0; i < 300 && still < 3; i++) {
    const at = await painted();
    const h = scroller().scrollHeight;
    if (h === previous && lastScreenShown(lastId)) still++;
    else { still = 0; steadyAt = at; }
    previous = h;
  }
  return {
    messages: page.length,
    parts: page.reduce((n, m) => n + m.parts.length, 0),
    storeMs: afterStore - start,
    layoutJsMs: laidOut - start,
    shownMs: shownAt - start,
    steadyMs: steadyAt - start,
    rendered: scroller().querySelectorAll(".tx-message").length,
    domNodes: document.getElementsByTagName("*").length,
    frames: frames.map((t) => Math.round(t)),
  };
}

/** Scrolls top to bottom `step` pixels a frame, and keeps every frame's duration. */
async function scrollAll(step: number, distance: number) {
  const view = scroller();
  view.scrollTop = 0;
  view.dispatchEvent(new WheelEvent("wheel", { deltaY: -1 }));
  for (let i = 0; i < 30; i++) await frame();
  const frames: number[] = [];
  // The transcript's own work on each scroll: from a capturing listener on the window (first) to
  // one added on the scroller after the transcript's (last).
  const handling: number[] = [];
  let began = 0;
  const before = () => {
    began = performance.now();
  };
  const after = () => {
    handling.push(performance.now() - began);
  };
  window.addEventListener("scroll", before, { capture: true });
  view.addEventListener("scroll", after);
  let last = await frame();
  const start = last;
  let guard = 0;
  while (view.scrollTop + view.clientHeight < view.scrollHeight - 1 && view.scrollTop < distance && guard++ < 20_000) {
    view.scrollTop += step;
    const now = await frame();
    frames.push(now - last);
    last = now;
  }
  window.removeEventListener("scroll", before, { capture: true });
  view.removeEventListener("scroll", after);
  return { frames, handling, ms: last - start, height: view.scrollTop, rendered: view.querySelectorAll(".tx-message").length };
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: values.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN, mean: values.reduce((a, b) => a + b, 0) / (values.length || 1) };
}

/** Streams deltas into a new reply at `rate` a second while typing a key every `keyEvery` ms. */
async function streamAndType(rate: number, seconds: number, keyEvery: number) {
  // Sorts after every generated id (OpenCode ids: a time in hex, then base62), so it is the newest.
  const id = "msg_zzzzzzzzzzzz";
  const partId = "prt_zzzzzzzzzzzz";
  const apply = (events: ServerEvent[]) => setStore(produce((s) => { applyEvents(s, events); }));
  apply([
    { type: "message.updated", properties: { info: { role: "assistant", id, sessionID: SESSION, time: { created: Date.now() }, parentID: "", modelID: "m", providerID: "p", agent: "build", mode: "build", cost: 0, tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } } } } },
    { type: "message.part.updated", properties: { part: { type: "text", id: partId, sessionID: SESSION, messageID: id, text: "", time: { start: Date.now() } } } },
  ] as unknown as ServerEvent[]);
  await sleep(200);
  const chunks = ["The ", "parser ", "now ", "keeps ", "its ", "state ", "between ", "chunks, ", "so ", "a ", "split ", "line ", "is ", "joined. ", "\n\n", "```ts\nconst x = 1;\n", "parse(buffer);\n", "```\n\n", "- item ", "one\n", "- item ", "two\n\n"];
  let n = 0;
  let delivered = 0;
  const started = performance.now();
  // Catch up when the timer is late, so the rate is what was asked even on a busy thread.
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; delivered < due; delivered++) {
      apply([{ type: "message.part.delta", properties: { sessionID: SESSION, messageID: id, partID: partId, field: "text", delta: chunks[n++ % chunks.length] } }] as unknown as ServerEvent[]);
    }
  }, 1000 / rate);
  const box = document.querySelector("textarea") as HTMLTextAreaElement;
  box.focus();
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const due = performance.now() + keyEvery;
    await sleep(keyEvery);
    // From when the key was due: a late timer is a busy thread, which the user would feel too.
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    box.value += "a";
    box.dispatchEvent(new InputEvent("input", { bubbles: true, data: "a", inputType: "insertText" }));
    latencies.push((await painted()) - due);
  }
  clearInterval(timer);
  const elapsed = (performance.now() - started) / 1000;
  const reply = store.parts[id]?.[0];
  return {
    input: stats(latencies),
    deltasPerSecond: delivered / elapsed,
    replyChars: reply?.type === "text" ? reply.text.length : 0,
    pinned: lastScreenShown(id),
  };
}

declare global {
  interface Window {
    bench: { run: (phase: string, options: Record<string, number>) => Promise<unknown> };
  }
}

window.bench = {
  async run(phase, options) {
    // The page with nothing open: the engine's own memory, for comparison.
    if (phase === "empty") {
      await sleep(1000);
      return {};
    }
    const t0 = performance.now();
    const messages = await loadData();
    const dataMs = performance.now() - t0;
    const tail = phase === "open-tail" ? 50 : messages.length;
    // The user clicks a session after the warm-up is over (it ends within a second of launch).
    const warm = await warmUpFigures();
    const opened = await open(messages, tail);
    // The page with nothing open: the engine's own memory, for comparison.
    if (phase === "empty") {
      await sleep(1000);
      return {};
    }
    if (phase === "open-tail" || phase === "open-full") return { dataMs, total: messages.length, warmUp: warm, ...opened };
    await sleep(500);
    if (phase === "scroll") {
      const run = await scrollAll(options.step ?? 400, options.distance ?? Number.POSITIVE_INFINITY);
      const s = stats(run.frames);
      return { ...s, transcriptJs: stats(run.handling), fps: (run.frames.length / run.ms) * 1000, height: run.height, seconds: run.ms / 1000, rendered: run.rendered };
    }
    if (phase === "idle") {
      // Frames with nothing to do: the engine's own pace on this machine.
      const frames: number[] = [];
      let last = await frame();
      for (let i = 0; i < 120; i++) {
        const now = await frame();
        frames.push(now - last);
        last = now;
      }
      return stats(frames);
    }
    if (phase === "stream") return streamAndType(options.rate ?? 200, options.seconds ?? 10, options.keyEvery ?? 60);
    throw new Error(`unknown phase ${phase}`);
  },
};

