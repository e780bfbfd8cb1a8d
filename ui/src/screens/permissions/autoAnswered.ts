// The requests the app's rules answered (Rust's AutoAnswered event, src-tauri/src/rules.rs), by
// tool call id, for the transcript's tool line to say "allowed by your rule". One list for the
// window: call ids are unique across sessions. Listening starts on the first look, so a window
// that never shows a tool call never listens; the oldest go past a cap.
import { createSignal } from "solid-js";
import { onAutoAnswered, type AutoAnswered } from "../../ipc/rules";

/** Enough for every tool call a person scrolls back to in a sitting. */
export const KEPT = 500;

const [answered, setAnswered] = createSignal<ReadonlyMap<string, AutoAnswered>>(new Map());
let listening = false;

/** Keeps `auto` under its call id (one without a call id names no tool line). */
export function recordAutoAnswered(auto: AutoAnswered) {
  const callId = auto.call_id;
  if (callId === null) return;
  setAnswered((before) => {
    const next = new Map(before);
    next.set(callId, auto);
    for (const oldest of next.keys()) {
      if (next.size <= KEPT) break;
      next.delete(oldest);
    }
    return next;
  });
}

/** The rule's answer to tool call `callId`, if a rule answered it in this window's lifetime. */
export function ruleAnswered(callId: string): AutoAnswered | undefined {
  if (!listening) {
    listening = true;
    // Outside the app (tests, a browser) there is no event to listen to.
    try {
      onAutoAnswered(recordAutoAnswered).catch(() => undefined);
    } catch {
      // Likewise.
    }
  }
  return answered().get(callId);
}

/** For tests: forget what was recorded. */
export function clearAutoAnswered() {
  setAnswered(new Map());
}
