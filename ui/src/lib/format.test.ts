import { describe, expect, it } from "vitest";
import { formatCost, formatTokens, relativeAge } from "./format";

describe("formatTokens", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1_000, "1k"],
    [1_234, "1.2k"],
    [950_000, "950k"],
    [999_960, "1M"],
    [1_234_567, "1.2M"],
    [2_500_000_000, "2.5B"],
  ])("formats %d as %s", (n, expected) => {
    expect(formatTokens(n)).toBe(expected);
  });

  it("shows nonsense counts as zero", () => {
    expect(formatTokens(-5)).toBe("0");
    expect(formatTokens(Number.NaN)).toBe("0");
  });
});

describe("formatCost", () => {
  it("shows zero as $0.00", () => {
    expect(formatCost(0)).toBe("$0.00");
  });

  it("does not let a tiny real spend read as free", () => {
    expect(formatCost(0.004)).toBe("<$0.01");
    expect(formatCost(0.0099)).toBe("<$0.01");
  });

  it("rounds to cents with thousands separators", () => {
    expect(formatCost(0.01)).toBe("$0.01");
    expect(formatCost(1.234)).toBe("$1.23");
    expect(formatCost(1234.5)).toBe("$1,234.50");
  });

  it("shows negative or non-finite amounts as $0.00", () => {
    expect(formatCost(-1)).toBe("$0.00");
    expect(formatCost(Number.POSITIVE_INFINITY)).toBe("$0.00");
  });
});

describe("relativeAge", () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const day = 24 * h;

  it.each([
    [0, "just now"],
    [4 * s, "just now"],
    [5 * s, "5s ago"],
    [59 * s, "59s ago"],
    [60 * s, "1 min ago"],
    [59 * min + 59 * s, "59 min ago"],
    [h, "1 h ago"],
    [23 * h + 59 * min, "23 h ago"],
    [day, "1 day ago"],
    [3 * day + 5 * h, "3 days ago"],
    [400 * day, "400 days ago"],
  ])("an age of %d ms reads %s", (age, expected) => {
    expect(relativeAge(now - age, now)).toBe(expected);
  });

  it("treats a time slightly in the future (clock skew) as just now", () => {
    expect(relativeAge(now + 3 * s, now)).toBe("just now");
  });
});
