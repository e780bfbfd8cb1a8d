import { cleanup, render } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import { cancelWarmUp } from "../../lib/warmup";
import Transcript from "./Transcript";
import { warmUpTranscript } from "./warmup";

afterEach(() => {
  cleanup();
  cancelWarmUp();
  vi.useRealTimers();
});

it("renders a hidden transcript while idle, then leaves nothing behind", async () => {
  vi.useFakeTimers();
  const hosts: { visibility: string; hidden: string | null; messages: number }[] = [];
  // What the steps put into the document, seen as it goes (they run several to a slice here).
  const layout = vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    const host = this.closest<HTMLElement>("[aria-hidden]");
    if (host) hosts.push({ visibility: host.style.visibility, hidden: host.getAttribute("aria-hidden"), messages: host.querySelectorAll(".tx-message").length });
    return { height: 0 } as DOMRect;
  });
  const warm = warmUpTranscript(0);
  await vi.runAllTimersAsync();
  expect(await warm.finished).toBe(true);
  layout.mockRestore();
  // Laid out (one message after another, then the whole transcript), always hidden.
  expect(hosts.length).toBeGreaterThan(3);
  expect(hosts.every((h) => h.visibility === "hidden" && h.hidden === "true")).toBe(true);
  expect(Math.max(...hosts.map((h) => h.messages))).toBeGreaterThanOrEqual(2);
  expect(document.body.children.length).toBe(0);
});

it("stops when a session opens", async () => {
  vi.useFakeTimers();
  const warm = warmUpTranscript(1000);
  render(() => <Transcript ids={[]} info={{}} parts={{}} hasOlder={false} onReachTop={() => Promise.resolve()} />);
  expect(await warm.finished).toBe(false);
  await vi.runAllTimersAsync();
  expect(warm.durations).toEqual([]);
});
