import { Terminal } from "@xterm/xterm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PtySize } from "../../ipc/pty";
import { createFeeder, createOutputPump, createResizer } from "./output";
import { terminalTheme } from "./theme";

/** Output as Rust sends it: UTF-8 bytes. */
const bytes = (text: string) => new TextEncoder().encode(text);
/** Pieces of ASCII back as text, to compare. */
const ascii = (data: Uint8Array) => String.fromCharCode(...data);

describe("createOutputPump", () => {
  it("writes each batch at once while the screen keeps up", () => {
    const writes: string[] = [];
    const pump = createOutputPump((data, done) => {
      writes.push(ascii(data));
      done();
    });
    pump.push(bytes("a"));
    pump.push(bytes(""));
    pump.push(bytes("b"));
    expect(writes).toEqual(["a", "b"]);
    expect(pump.backlog()).toBe(0);
  });

  it("holds batches past the high mark and sends them as one write once below the low mark", () => {
    const writes: string[] = [];
    const parsed: (() => void)[] = [];
    const pump = createOutputPump(
      (data, done) => {
        writes.push(ascii(data));
        parsed.push(done);
      },
      10,
      4,
    );
    pump.push(bytes("x".repeat(8)));
    pump.push(bytes("y".repeat(6)));
    // 14 in flight, over the high mark: the next batches wait.
    pump.push(bytes("1"));
    pump.push(bytes("2"));
    expect(writes).toHaveLength(2);
    expect(pump.backlog()).toBe(16);
    parsed.shift()?.(); // 6 in flight: not yet below the low mark
    expect(writes).toHaveLength(2);
    parsed.shift()?.(); // 0 in flight
    expect(writes.at(-1)).toBe("12");
    expect(pump.backlog()).toBe(2);
    // Under the high mark again, with nothing waiting: a batch goes straight to the screen.
    pump.push(bytes("3"));
    expect(writes).toHaveLength(4);
  });

  it("counts bytes, not characters", () => {
    const parsed: (() => void)[] = [];
    const pump = createOutputPump((_data, done) => parsed.push(done), 10, 4);
    // Four characters, twelve bytes: over the high mark, so the next batch waits.
    pump.push(bytes("€€€€"));
    pump.push(bytes("é"));
    expect(parsed).toHaveLength(1);
    expect(pump.backlog()).toBe(14);
  });
});

describe("createFeeder", () => {
  /** A clock the test moves: each write "parses" for `parseMs`; frames and tasks run when told. */
  function harness(parseMs: number, options = { piece: 4, budgetMs: 10, idleBudgetMs: 10, busyMs: 1000 }) {
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const writes: string[] = [];
    const raw: Uint8Array[] = [];
    const pending: (() => void)[] = [];
    const input = { since: false, ago: Infinity };
    const feed = createFeeder(
      (data, parsed) => {
        writes.push(ascii(data));
        raw.push(data);
        pending.push(() => {
          parsed(parseMs);
        });
      },
      options,
      { frame: (fn) => frames.push(fn), task: (fn) => tasks.push(fn), inputSinceFrame: () => input.since, sinceInput: () => input.ago },
    );
    /** xterm parses what it holds, then the queued tasks run, until nothing is left but frames. */
    const settle = () => {
      while (pending.length || tasks.length) {
        pending.shift()?.();
        tasks.shift()?.();
      }
    };
    return { feed: (text: string | Uint8Array, done: () => void) => { feed(typeof text === "string" ? bytes(text) : text, done); }, writes, raw, frames, tasks, pending, settle, input };
  }

  it("hands xterm one small piece at a time, each after the last was parsed, and says done after the last", () => {
    const { feed, writes, pending, tasks, settle } = harness(1);
    let done = 0;
    feed("abcdefghij", () => (done += 1));
    expect(writes).toEqual(["abcd"]);
    // Not the next piece from inside xterm's callback: that would join its current run.
    pending.shift()?.();
    expect(writes).toEqual(["abcd"]);
    expect(tasks).toHaveLength(1);
    settle();
    expect(writes).toEqual(["abcd", "efgh", "ij"]);
    expect(done).toBe(1);
    feed("xy", () => (done += 1));
    settle();
    expect(writes.at(-1)).toBe("xy");
    expect(done).toBe(2);
  });

  it("parses at most its budget a frame, then waits for the next frame", () => {
    const { feed, writes, frames, settle } = harness(4);
    let done = false;
    feed("x".repeat(40), () => (done = true));
    settle();
    // 4 ms a piece, 10 ms a frame: three pieces (12 ms), then it waits.
    expect(writes).toHaveLength(3);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    settle();
    expect(writes).toHaveLength(6);
    frames.shift()?.();
    settle();
    frames.shift()?.();
    settle();
    expect(writes.join("")).toBe("x".repeat(40));
    expect(done).toBe(true);
    expect(frames).toHaveLength(0);
  });

  it("parses less a frame while the user is at work than when nobody touched the page", () => {
    const { feed, writes, frames, settle, input } = harness(4, { piece: 4, budgetMs: 8, idleBudgetMs: 20, busyMs: 1000 });
    feed("x".repeat(400), () => undefined);
    settle();
    // Idle: 20 ms a frame, five pieces of 4 ms.
    expect(writes).toHaveLength(5);
    input.ago = 200;
    frames.shift()?.();
    settle();
    // At work: 8 ms a frame, two pieces.
    expect(writes).toHaveLength(7);
  });

  it("gives the frame after a key to the key: nothing more is parsed until that frame", () => {
    const { feed, writes, frames, settle, input } = harness(1);
    feed("x".repeat(40), () => undefined);
    expect(writes).toHaveLength(1);
    input.since = true;
    settle();
    // The piece xterm had is parsed; the next waits for the frame.
    expect(writes).toHaveLength(1);
    expect(frames).toHaveLength(1);
    // That frame's callback runs while the key is still marked on it (lib/userInput keeps the
    // mark until the frame has rendered): parsing resumes all the same, in tasks after it.
    frames.shift()?.();
    expect(writes).toHaveLength(2);
    input.since = false;
    settle();
    expect(writes.join("")).toBe("x".repeat(40));
  });

  it("keeps batches in order and done for an empty one at once", () => {
    const { feed, writes, settle } = harness(0);
    const order: string[] = [];
    feed("ab", () => order.push("ab"));
    feed("", () => order.push("empty"));
    feed("cdefg", () => order.push("cdefg"));
    settle();
    expect(writes.join("")).toBe("abcdefg");
    expect(order).toEqual(["empty", "ab", "cdefg"]);
  });

  it("cuts by bytes, inside a character too, and hands on the bytes unchanged", () => {
    const { feed, raw, settle } = harness(0);
    const text = "é€😀".repeat(3);
    feed(bytes(text), () => undefined);
    settle();
    expect(raw.map((piece) => piece.length)).toEqual([4, 4, 4, 4, 4, 4, 3]);
    // "é" is 2 bytes, "€" 3: the first piece ends inside the euro sign.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(raw[0])).toThrow();
    expect(new TextDecoder().decode(new Uint8Array(raw.flatMap((piece) => [...piece])))).toBe(text);
  });
});

describe("output on a real xterm.js", () => {
  it("shows a character split across pieces, and across batches, whole", async () => {
    const term = new Terminal({ cols: 40, rows: 5 });
    const write = (data: Uint8Array) => new Promise<void>((resolve) => { term.write(data, resolve); });
    const feed = createFeeder(
      (data, parsed) => { term.write(data, () => { parsed(0); }); },
      { piece: 3, budgetMs: 10, idleBudgetMs: 10, busyMs: 1000 },
      { frame: (fn) => setTimeout(fn, 0), task: (fn) => setTimeout(fn, 0), inputSinceFrame: () => false, sinceInput: () => Infinity },
    );
    const text = "aé€😀b €é";
    const all = bytes(text);
    // Two batches, the first ending inside the emoji; each cut by the feeder inside characters.
    const cut = 7;
    await new Promise<void>((resolve) => { feed(all.subarray(0, cut), () => undefined); feed(all.subarray(cut), resolve); });
    await write(new Uint8Array(0));
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe(text);
    term.dispose();
  });
});

describe("createResizer", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the last size once it settles, only when it changed", async () => {
    vi.useFakeTimers();
    const sent: PtySize[] = [];
    const resizer = createResizer((size) => {
      sent.push(size);
      return Promise.resolve();
    }, { rows: 24, cols: 80 });
    resizer.propose({ rows: 24, cols: 80 });
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([]);
    resizer.propose({ rows: 30, cols: 100 });
    await vi.advanceTimersByTimeAsync(50);
    resizer.propose({ rows: 31, cols: 101 });
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([{ rows: 31, cols: 101 }]);
    resizer.propose({ rows: 31, cols: 101 });
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(1);
  });

  it("sends the first size of a PTY whose size is unknown, and again after a failed send", async () => {
    vi.useFakeTimers();
    let fail = true;
    const sent: PtySize[] = [];
    const resizer = createResizer((size) => {
      sent.push(size);
      return fail ? Promise.reject(new Error("offline")) : Promise.resolve();
    }, null);
    resizer.propose({ rows: 24, cols: 80 });
    await vi.advanceTimersByTimeAsync(100);
    fail = false;
    resizer.propose({ rows: 24, cols: 80 });
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toEqual([{ rows: 24, cols: 80 }, { rows: 24, cols: 80 }]);
  });

  it("sends nothing once cancelled", async () => {
    vi.useFakeTimers();
    const sent: PtySize[] = [];
    const resizer = createResizer((size) => {
      sent.push(size);
      return Promise.resolve();
    }, null);
    resizer.propose({ rows: 5, cols: 5 });
    resizer.cancel();
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([]);
  });
});

describe("terminalTheme", () => {
  it("takes the app's tokens, and the palette where a token is not set", () => {
    const tokens: Record<string, string> = { "--surface-sunken": " #111316", "--fg": "#e6e8eb", "--accent": "#58a6ff" };
    const theme = terminalTheme((name) => tokens[name] ?? "", true);
    expect(theme.background).toBe("#111316");
    expect(theme.foreground).toBe("#e6e8eb");
    expect(theme.blue).toBe("#58a6ff");
    expect(theme.selectionBackground).toBe("#58a6ff55");
    expect(theme.red).toBe("#f85149");
    const light = terminalTheme(() => "", false);
    expect(light.background).toBe("#eef0f3");
    expect(light.brightWhite).not.toBe("#ffffff");
  });
});
