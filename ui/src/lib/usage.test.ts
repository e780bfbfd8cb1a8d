import { describe, expect, it } from "vitest";
import type { UsageTotals } from "../ipc/usage";
import { count, emptyUsage, fromTotals, totalTokens } from "./usage";

const totals = (over: Partial<UsageTotals> = {}): UsageTotals => ({
  input: 140,
  output: 30,
  reasoning: 5,
  cacheRead: 1000,
  cacheWrite: 57,
  cost: 0.75,
  messages: 2,
  ...over,
});

describe("fromTotals", () => {
  it("puts Rust's totals in the status bar's shape", () => {
    const usage = fromTotals(totals());
    expect(usage).toEqual({
      tokens: { input: 140, output: 30, reasoning: 5, cache: { read: 1000, write: 57 } },
      cost: 0.75,
    });
    expect(totalTokens(usage.tokens)).toBe(1232);
  });

  it("is zero for a session that has used nothing", () => {
    const none = totals({ input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite: 0, cost: 0, messages: 0 });
    expect(fromTotals(none)).toEqual(emptyUsage());
  });

  it("counts negative or non-finite figures as zero", () => {
    const odd = totals({ input: -5, output: Number.NaN, cost: -1 });
    expect(fromTotals(odd).tokens.input).toBe(0);
    expect(fromTotals(odd).tokens.output).toBe(0);
    expect(fromTotals(odd).cost).toBe(0);
  });
});

describe("count", () => {
  it("keeps positive finite numbers only", () => {
    expect(count(3)).toBe(3);
    expect(count(null)).toBe(0);
    expect(count(undefined)).toBe(0);
    expect(count(Number.POSITIVE_INFINITY)).toBe(0);
  });
});
