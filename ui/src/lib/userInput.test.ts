import { afterEach, expect, it, vi } from "vitest";
import { BUSY_MS, pacedFrame, type UserInput, userInput, yieldsFrame } from "./userInput";

const FRAME = 1000 / 60;

function typing(sinceLast: number, sinceFrame = false): UserInput {
  return { sinceFrame: () => sinceFrame, sinceLast: () => sinceLast };
}

afterEach(() => {
  vi.useRealTimers();
});

it("gives no frame away when nobody types", () => {
  const idle = typing(Infinity);
  expect(yieldsFrame(idle, 1000, 1000 - FRAME)).toBe(false);
  expect(yieldsFrame(typing(BUSY_MS), 1000, 1000 - FRAME)).toBe(false);
  // A key long ago, even one still marked on this frame, does not count as typing.
  expect(yieldsFrame(typing(BUSY_MS + 1, true), 1000, -Infinity)).toBe(false);
});

it("while the user types, gives the key's frame and every other frame to input", () => {
  // The frame carrying a key.
  expect(yieldsFrame(typing(5, true), 1000, -Infinity)).toBe(true);
  // The frame right after one in which paced work ran.
  expect(yieldsFrame(typing(100), 1000, 1000 - FRAME)).toBe(true);
  // Two frames on: its turn.
  expect(yieldsFrame(typing(100), 1000, 1000 - 2 * FRAME)).toBe(false);
  // Other paced work due in the frame where some already ran runs with it.
  expect(yieldsFrame(typing(100), 1000, 1000)).toBe(false);
});

it("marks a key on the frame that carries it until that frame has rendered", async () => {
  const input = userInput();
  expect(input.sinceFrame()).toBe(false);
  document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
  expect(input.sinceFrame()).toBe(true);
  expect(input.sinceLast()).toBeLessThan(BUSY_MS);
  // Every frame callback of the next frame sees it, even one asked for after the key.
  const seen = await new Promise<boolean>((resolve) => requestAnimationFrame(() => { resolve(input.sinceFrame()); }));
  expect(seen).toBe(true);
  await vi.waitFor(() => {
    expect(input.sinceFrame()).toBe(false);
  });
});

it("runs paced work in the next frame at rest, and every other frame while the user types", () => {
  const frames: FrameRequestCallback[] = [];
  vi.spyOn(window, "requestAnimationFrame").mockImplementation((fn) => frames.push(fn));
  const runFrame = (time: number) => {
    const due = frames.splice(0);
    for (const fn of due) fn(time);
  };
  let now = 0;
  let lastKey = -Infinity;
  const input: UserInput = { sinceFrame: () => false, sinceLast: () => now - lastKey };
  const ran: number[] = [];
  let current = 0;
  // At rest: frame after frame.
  for (let frame = 1; frame <= 3; frame++) {
    pacedFrame(() => ran.push(current), input);
    current = frame;
    now = frame * FRAME;
    runFrame(now);
  }
  expect(ran).toEqual([1, 2, 3]);

  // Typing: work asked for each frame runs in one frame out of two, never two frames running.
  ran.length = 0;
  lastKey = now;
  let pending = false;
  for (let frame = 4; frame <= 11; frame++) {
    if (!pending) {
      pending = true;
      pacedFrame(() => {
        pending = false;
        ran.push(current);
      }, input);
    }
    current = frame;
    now = frame * FRAME;
    runFrame(now);
  }
  expect(ran).toEqual([5, 7, 9, 11]);
});
