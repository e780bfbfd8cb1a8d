// The two flows between a terminal screen and its PTY that need pacing, without the DOM:
// output to the screen (fed to xterm.js a small piece at a time, a few ms of it a frame, so keys
// still paint during a flood; and bounded, so a flood never makes xterm.js throw data away) and
// sizes to the server (debounced, and only when rows or columns changed). Output is UTF-8 bytes
// as Rust sends them: pieces may end inside a character, which xterm.js's decoder carries over.
import type { PtySize } from "../../ipc/pty";
import { userInput } from "../../lib/userInput";
import { sameSize } from "./model";

/** Writes `data` to the screen and calls `done` once it is parsed (xterm's `write(data, cb)`). */
export type ScreenWrite = (data: Uint8Array, done: () => void) => void;

/**
 * How output reaches xterm.js so that keys typed meanwhile still paint within a frame or two.
 * xterm parses what it was handed in tasks of up to 12 ms, back to back, for as long as it has
 * data; under a flood the page was one long run of such tasks, and a key waited for several of
 * them (measured in the app: keydown → painted p50 59 ms, p95 153 ms while `yes` ran, with frame
 * gaps p50 20 ms). The feeder hands it one small piece at a time, each in a task of its own so
 * input and rendering run between them, and at most `budgetMs` of parsing per frame.
 */
export interface FeedOptions {
  /** Bytes per piece: a piece's parse is one task that nothing interrupts. */
  piece: number;
  /** Parsing allowed per frame while the user is at work (a key or a press within `busyMs`):
   * the rest of the frame is left to input, layout and paint. */
  budgetMs: number;
  /** Parsing allowed per frame when the user has not touched the page for `busyMs`: a flood
   * nobody types beside drains faster, at the cost of frames nobody is waiting for. */
  idleBudgetMs: number;
  busyMs: number;
}

/**
 * Measured in the release app with 200 keys typed while 30 MB of `yes` ran: 2 K pieces and 5 ms
 * a frame drained at 0.32 MB/s, 4 K and 10 ms at 0.5 MB/s, 8 K and 12 ms at 0.57 MB/s; keys
 * painted p95 42-69 ms in all three (the tail is not the parsing; see the note on issue 19).
 * With 30 ms a frame once nobody has typed for a second: 0.57 MB/s, keys p95 63 ms.
 */
export const FEED: FeedOptions = { piece: 4096, budgetMs: 10, idleBudgetMs: 30, busyMs: 1000 };

/**
 * Hands `data` to the screen and calls `parsed` with the milliseconds its parsing took (not the
 * wait before it: between pieces the page renders and takes input, which is not the feeder's).
 */
export type TimedWrite = (data: Uint8Array, parsed: (ms: number) => void) => void;

/** Where the feeder's time comes from; tests pass their own. */
export interface FeedClock {
  /** Runs `fn` at the next frame (or, when frames stop, e.g. a hidden window, soon anyway). */
  frame: (fn: () => void) => void;
  /** Runs `fn` in a task of its own, after what is already queued (input among it). */
  task: (fn: () => void) => void;
  /** Whether the user pressed a key or a button since the last frame began. */
  inputSinceFrame: () => boolean;
  /** Milliseconds since the user last pressed a key or a button (Infinity: never). */
  sinceInput: () => number;
}

function pageClock(): FeedClock {
  const channel = new MessageChannel();
  const tasks: (() => void)[] = [];
  channel.port1.onmessage = () => tasks.shift()?.();
  const input = userInput();
  return {
    frame: (fn) => {
      // A hidden window gets no frames; output must still drain (a build's log), just slower.
      let ran = false;
      const once = () => {
        if (ran) return;
        ran = true;
        fn();
      };
      requestAnimationFrame(once);
      setTimeout(once, 100);
    },
    task: (fn) => {
      tasks.push(fn);
      channel.port2.postMessage(null);
    },
    inputSinceFrame: input.sinceFrame,
    sinceInput: input.sinceLast,
  };
}

/** `write` paced as above; `done` once the last piece of that data is parsed. */
export function createFeeder(
  write: TimedWrite,
  options: FeedOptions = FEED,
  clock: FeedClock = pageClock(),
): ScreenWrite {
  const queue: { data: Uint8Array; done: () => void }[] = [];
  let offset = 0;
  let writing = false;
  let waitingFrame = false;
  let spent = 0;
  // `frameBegun`: called from the frame's callback, whose frame a key may still be marked on
  // (userInput keeps the mark until that frame has rendered); parsing starts in tasks after it.
  const step = (frameBegun = false) => {
    const head = queue[0];
    if (writing || waitingFrame || !head) return;
    const budget = clock.sinceInput() < options.busyMs ? options.budgetMs : options.idleBudgetMs;
    if (spent >= budget || (!frameBegun && clock.inputSinceFrame())) {
      waitingFrame = true;
      clock.frame(() => {
        waitingFrame = false;
        spent = 0;
        step(true);
      });
      return;
    }
    // A view, not a copy.
    const piece = head.data.subarray(offset, offset + options.piece);
    offset += piece.length;
    const last = offset >= head.data.length;
    if (last) {
      queue.shift();
      offset = 0;
    }
    writing = true;
    write(piece, (ms) => {
      spent += ms;
      writing = false;
      if (last) head.done();
      // A task of its own: written from xterm's callback, the piece would join its current run.
      clock.task(() => { step(); });
    });
  };
  return (data, done) => {
    if (data.length === 0) {
      done();
      return;
    }
    queue.push({ data, done });
    step();
  };
}

/**
 * xterm.js drops data (and throws) once 50 MB wait to be parsed. Up to `high` bytes are handed
 * to it at once, batch by batch (one write each); past that, batches wait here and go as one
 * write when the screen has caught up below `low`. Plain bytes in a closure: output never
 * touches reactive state.
 */
export function createOutputPump(write: ScreenWrite, high = 8_000_000, low = 1_000_000) {
  let inFlight = 0;
  let waiting: Uint8Array[] = [];
  const send = (data: Uint8Array) => {
    inFlight += data.length;
    write(data, () => {
      inFlight -= data.length;
      if (inFlight <= low && waiting.length > 0) {
        const next = joined(waiting);
        waiting = [];
        send(next);
      }
    });
  };
  return {
    push(data: Uint8Array) {
      if (data.length === 0) return;
      if (inFlight > high || waiting.length > 0) waiting.push(data);
      else send(data);
    },
    /** Bytes not yet parsed by the screen (handed over or waiting). */
    backlog: () => inFlight + waiting.reduce((sum, data) => sum + data.length, 0),
  };
}

function joined(pieces: readonly Uint8Array[]): Uint8Array {
  if (pieces.length === 1 && pieces[0]) return pieces[0];
  const all = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    all.set(piece, at);
    at += piece.length;
  }
  return all;
}

/**
 * Tells the server a terminal's size `delayMs` after it last changed, and only when it differs
 * from what the server was last told (`known`: the size the PTY was made with, if this app made
 * it). A failed send is forgotten, so the next size is sent again.
 */
export function createResizer(
  send: (size: PtySize) => Promise<void>,
  known: PtySize | null,
  delayMs = 100,
) {
  let told = known;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    propose(size: PtySize) {
      clearTimeout(timer);
      timer = undefined;
      if (sameSize(told, size)) return;
      timer = setTimeout(() => {
        timer = undefined;
        told = size;
        send(size).catch(() => {
          if (told === size) told = null;
        });
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
