// The page's one record of the user's input (a key or a press anywhere, noted at capture, before
// any handler), and the pacing that work painting on its own schedule (a streaming reply, a
// terminal's output) takes from it so that typing beside that work paints promptly.
//
// Why pacing helps: WebKitGTK without compositing repaints the whole window every frame, and a
// frame that also lays out freshly streamed text paints a key it carries later (issue 17's note:
// key → paint p95 while a reply streams). A key gets a frame of its own, and while the user types
// the paced work takes at most every other frame; it still shows within two frames.

/** How long after a key or a press the user counts as typing. */
export const BUSY_MS = 1000;

export interface UserInput {
  /** Whether a key or press came since the current (or, between frames, the last) frame began:
   * true through the rendering of the frame that carries it. */
  sinceFrame: () => boolean;
  /** Milliseconds since the last key or press (Infinity: never). */
  sinceLast: () => number;
}

let record: { since: boolean; at: number } | undefined;

export function userInput(): UserInput {
  if (!record) {
    const r = { since: false, at: -Infinity };
    const seen = () => {
      r.at = performance.now();
      if (r.since) return;
      r.since = true;
      // Cleared by a task after the next frame's rendering, not in a frame callback: every
      // frame callback of that frame, whenever it was requested, sees the key.
      requestAnimationFrame(() => setTimeout(() => (r.since = false), 0));
    };
    document.addEventListener("keydown", seen, { capture: true, passive: true });
    document.addEventListener("pointerdown", seen, { capture: true, passive: true });
    record = r;
  }
  const r = record;
  return { sinceFrame: () => r.since, sinceLast: () => performance.now() - r.at };
}

/** The frame in which paced work last ran (its frame timestamp), shared by all paced work. */
let lastPacedFrame = -Infinity;

/**
 * Whether paced work due in the frame that began at `frameTime` waits for a later one: only
 * while the user types, and then when this frame carries a key or the frame before it ran paced
 * work (work in the same frame as other paced work runs with it).
 */
export function yieldsFrame(input: UserInput, frameTime: number, lastRan: number, frameMs = 1000 / 60): boolean {
  if (input.sinceLast() >= BUSY_MS) return false;
  if (input.sinceFrame()) return true;
  return frameTime !== lastRan && frameTime - lastRan < frameMs * 1.5;
}

/**
 * `fn` at the next frame the user's typing leaves to paced work (the next frame, when nobody
 * types). Returns a cancel.
 */
export function pacedFrame(fn: () => void, input: UserInput = userInput()): () => void {
  let id = 0;
  const tick = (frameTime: number) => {
    if (yieldsFrame(input, frameTime, lastPacedFrame)) {
      id = requestAnimationFrame(tick);
      return;
    }
    lastPacedFrame = frameTime;
    fn();
  };
  id = requestAnimationFrame(tick);
  return () => { cancelAnimationFrame(id); };
}
