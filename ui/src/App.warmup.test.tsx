import { cleanup, render } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import App from "./App";
import type { Session } from "./ipc";
import { server, session } from "./test/factories";
import { quietBackend } from "./test/backend";

// The transcript's warm-up (issue 18) is recorded here instead of run: what is tested is when
// the window starts it.
const warmUps = vi.hoisted(() => ({ started: 0, cancelled: 0 }));
vi.mock("./screens/transcript/warmup", () => ({
  warmUpTranscript: () => {
    warmUps.started++;
    return {
      cancel: () => {
        warmUps.cancelled++;
      },
      finished: Promise.resolve(true),
      durations: [],
    };
  },
}));

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  warmUps.started = 0;
  warmUps.cancelled = 0;
});

it("warms the transcript only once the session list is in: launch's own path goes first", async () => {
  let answer: ((sessions: Session[]) => void) | undefined;
  const { backend } = quietBackend({
    listServers: () => Promise.resolve([server()]),
    listSessions: () =>
      new Promise((resolve) => {
        answer = resolve;
      }),
  });
  render(() => <App backend={backend} />);
  // The window is up and subscribed, the list asked for but not answered.
  await vi.waitFor(() => {
    expect(answer).toBeDefined();
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(warmUps.started).toBe(0);
  answer?.([session("ses_a", "A")]);
  await vi.waitFor(() => {
    expect(warmUps.started).toBe(1);
  });
  cleanup();
  expect(warmUps.cancelled).toBe(1);
});

it("warms the transcript after a while when no session list comes (no server)", () => {
  vi.useFakeTimers();
  render(() => <App backend={quietBackend().backend} />);
  vi.advanceTimersByTime(2_900);
  expect(warmUps.started).toBe(0);
  vi.advanceTimersByTime(200);
  expect(warmUps.started).toBe(1);
});
