import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cancelWarmUp, startWarmUp } from "./warmup";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cancelWarmUp();
  vi.useRealTimers();
});

describe("startWarmUp", () => {
  it("runs each step once, after the delay, and cleans up at the end", async () => {
    const ran: string[] = [];
    const warm = startWarmUp(
      [() => ran.push("a"), () => ran.push("b")],
      { delayMs: 100, cleanup: () => ran.push("cleanup") },
    );
    await vi.advanceTimersByTimeAsync(99);
    expect(ran).toEqual([]);
    await vi.runAllTimersAsync();
    expect(await warm.finished).toBe(true);
    expect(ran).toEqual(["a", "b", "cleanup"]);
    expect(warm.durations).toHaveLength(2);
    await vi.runAllTimersAsync();
    expect(ran).toEqual(["a", "b", "cleanup"]);
  });

  it("gives the engine a turn between steps that take time", async () => {
    const ran: number[] = [];
    const slow = (n: number) => () => {
      ran.push(n);
      vi.advanceTimersByTime(20);
    };
    startWarmUp([slow(1), slow(2)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual([1]);
    await vi.runAllTimersAsync();
    expect(ran).toEqual([1, 2]);
  });

  it("stops when the real thing starts, and cleans up what the steps left", async () => {
    const ran: string[] = [];
    const slow = (name: string) => () => {
      ran.push(name);
      vi.advanceTimersByTime(20);
    };
    const warm = startWarmUp([slow("a"), slow("b")], { cleanup: () => ran.push("cleanup") });
    await vi.advanceTimersByTimeAsync(0);
    cancelWarmUp();
    expect(await warm.finished).toBe(false);
    await vi.runAllTimersAsync();
    expect(ran).toEqual(["a", "cleanup"]);
  });

  it("is not cancelled by what its own step starts, and never throws", async () => {
    const ran: string[] = [];
    const warm = startWarmUp([
      () => {
        cancelWarmUp();
        throw new Error("broken step");
      },
      () => ran.push("after"),
    ]);
    await vi.runAllTimersAsync();
    expect(await warm.finished).toBe(true);
    expect(ran).toEqual(["after"]);
  });
});
