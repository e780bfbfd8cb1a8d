import { afterEach, describe, expect, it, vi } from "vitest";
import type { PtySize } from "../../ipc/pty";
import { createFeeder, createOutputPump, createResizer } from "./output";
import { terminalTheme } from "./theme";

describe("createOutputPump", () => {
  it("writes each batch at once while the screen keeps up", () => {
    const writes: string[] = [];
    const pump = createOutputPump((data, done) => {
      writes.push(data);
      done();
    });
    pump.push("a");
    pump.push("");
    pump.push("b");
    expect(writes).toEqual(["a", "b"]);
    expect(pump.backlog()).toBe(0);
  });

  it("holds batches past the high mark and sends them as one write once below the low mark", () => {
    const writes: string[] = [];
    const parsed: (() => void)[] = [];
    const pump = createOutputPump(
      (data, done) => {
        writes.push(data);
        parsed.push(done);
      },
      10,
      4,
    );
    pump.push("x".repeat(8));
    pump.push("y".repeat(6));
    // 14 in flight, over the high mark: the next batches wait.
    pump.push("1");
    pump.push("2");
    expect(writes).toHaveLength(2);
    expect(pump.backlog()).toBe(16);
    parsed.shift()?.(); // 6 in flight: not yet below the low mark
    expect(writes).toHaveLength(2);
    parsed.shift()?.(); // 0 in flight
    expect(writes.at(-1)).toBe("12");
    expect(pump.backlog()).toBe(2);
    // Under the high mark again, with nothing waiting: a batch goes straight to the screen.
    pump.push("3");
    expect(writes).toHaveLength(4);
  });
});

describe("createFeeder", () => {
  /** A clock the test moves: each write "parses" for `parseMs`; frames and tasks run when told. */
  function harness(parseMs: number, options = { piece: 4, budgetMs: 10, idleBudgetMs: 10, busyMs: 1000 }) {
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const writes: string[] = [];
    const pending: (() => void)[] = [];
    const input = { since: false, ago: Infinity };
    const feed = createFeeder(
      (data, parsed) => {
        writes.push(data);
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
    return { feed, writes, frames, tasks, pending, settle, input };
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
