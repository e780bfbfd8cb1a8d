// The two flows between a terminal screen and its PTY that need pacing, without the DOM:
// output to the screen (bounded, so a flood never makes xterm.js throw data away) and sizes to
// the server (debounced, and only when rows or columns changed).
import type { PtySize } from "../../ipc/pty";
import { sameSize } from "./model";

/** Writes `data` to the screen and calls `done` once it is parsed (xterm's `write(data, cb)`). */
export type ScreenWrite = (data: string, done: () => void) => void;

/**
 * The largest piece handed to xterm.js at once. It parses one `write` without a break and yields
 * to the page only between writes (after ~12 ms of them): measured in WebKitGTK on this kind of
 * machine, 512 KB writes blocked frames for 300 ms (p95) while a flood ran, 8 KB pieces for 24 ms,
 * at 1.7 MB/s instead of 2.8: a window that answers beats a faster flood.
 */
export const PIECE = 8 * 1024;

/** `write` in pieces of at most `size` characters; `done` once the last one is parsed. */
export function inPieces(write: ScreenWrite, size = PIECE): ScreenWrite {
  return (data, done) => {
    for (let at = 0; at < data.length; at += size) {
      const last = at + size >= data.length;
      write(data.slice(at, at + size), last ? done : () => undefined);
    }
  };
}

/**
 * xterm.js drops data (and throws) once 50 MB wait to be parsed. Up to `high` characters are
 * handed to it at once, batch by batch (one write each); past that, batches wait here and go
 * as one write when the screen has caught up below `low`. Plain strings in a closure: output
 * never touches reactive state.
 */
export function createOutputPump(write: ScreenWrite, high = 8_000_000, low = 1_000_000) {
  let inFlight = 0;
  let waiting: string[] = [];
  const send = (data: string) => {
    inFlight += data.length;
    write(data, () => {
      inFlight -= data.length;
      if (inFlight <= low && waiting.length > 0) {
        const next = waiting.join("");
        waiting = [];
        send(next);
      }
    });
  };
  return {
    push(data: string) {
      if (data === "") return;
      if (inFlight > high || waiting.length > 0) waiting.push(data);
      else send(data);
    },
    /** Characters not yet parsed by the screen (handed over or waiting). */
    backlog: () => inFlight + waiting.reduce((sum, data) => sum + data.length, 0),
  };
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
