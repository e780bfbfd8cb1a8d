import { describe, expect, it } from "vitest";
import type { UsageReport, UsageRow, UsageTotals } from "../../ipc/usage";
import {
  byModel,
  formatShare,
  lastDays,
  localDay,
  niceMax,
  OTHER_SERIES,
  plotOf,
  shortDay,
  summaryOf,
  sums,
} from "./usageModel";

const totals = (over: Partial<UsageTotals> = {}): UsageTotals => ({
  input: 0,
  output: 0,
  reasoning: 0,
  cacheRead: 0,
  cacheWrite: 0,
  cost: 0,
  messages: 1,
  ...over,
});
const row = (day: string, modelID: string, over: Partial<UsageTotals>, providerID = "anthropic"): UsageRow => ({
  day,
  providerID,
  modelID,
  totals: totals(over),
});
const reportOf = (rows: UsageRow[]): UsageReport => ({ rows, sessions: 3, projects: 1, totals: totals() });

// Local noon, so the day is the same whatever zone the tests run in.
const NOW = new Date(2026, 11, 7, 12);

describe("days", () => {
  it("are the last 30 local days, oldest first, today last", () => {
    const days = lastDays(NOW);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe("2026-11-08");
    expect(days[29]).toBe("2026-12-07");
    expect(localDay(NOW)).toBe("2026-12-07");
  });

  it("cross a year and a month end by the calendar", () => {
    expect(lastDays(new Date(2027, 0, 2, 12), 4)).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
  });

  it("read as short dates", () => {
    expect(shortDay("2026-12-05")).toBe("Dec 5");
    expect(shortDay("nonsense")).toBe("nonsense");
  });
});

describe("plotOf", () => {
  it("makes one bar per day, stacked by model, the costliest model first", () => {
    const plot = plotOf(
      reportOf([
        row("2026-12-07", "claude-sonnet-4", { cost: 1.5, input: 1000 }),
        row("2026-12-07", "gpt-5", { cost: 0.5 }, "openai"),
        row("2026-12-05", "gpt-5", { cost: 2 }, "openai"),
        // Before the window: not drawn.
        row("2026-10-01", "claude-sonnet-4", { cost: 99 }),
      ]),
      NOW,
    );
    expect(plot.metric).toBe("cost");
    expect(plot.days).toHaveLength(30);
    expect(plot.series.map((s) => [s.key, s.label, s.colour])).toEqual([
      ["openai/gpt-5", "gpt-5", 0],
      ["anthropic/claude-sonnet-4", "claude-sonnet-4", 1],
    ]);
    expect(plot.days.at(-1)).toEqual({
      day: "2026-12-07",
      total: 2,
      segments: [
        { series: "openai/gpt-5", value: 0.5 },
        { series: "anthropic/claude-sonnet-4", value: 1.5 },
      ],
    });
    expect(plot.days.at(-3)?.segments).toEqual([{ series: "openai/gpt-5", value: 2 }]);
    expect(plot.days.at(-2)).toEqual({ day: "2026-12-06", total: 0, segments: [] });
    expect(plot.max).toBe(2);
    expect(plot.total).toBe(4);
    expect(plot.active).toBe(2);
  });

  it("plots tokens when nothing in the window cost anything (free or local models)", () => {
    const plot = plotOf(
      reportOf([row("2026-12-07", "qwen3", { input: 800, output: 150, reasoning: 50, cacheRead: 1000 }, "ollama")]),
      NOW,
    );
    expect(plot.metric).toBe("tokens");
    expect(plot.days.at(-1)?.total).toBe(2000);
    expect(summaryOf(plot)).toBe(
      "Tokens per day over the last 30 days: 2k tokens on 1 day; the most on Dec 7, 2k tokens; most of it qwen3.",
    );
  });

  it("gives the five biggest models colours and puts the rest together", () => {
    const models = ["a", "b", "c", "d", "e", "f"];
    const plot = plotOf(
      reportOf(models.map((m, i) => row("2026-12-07", m, { cost: 10 - i }))),
      NOW,
    );
    expect(plot.series.map((s) => s.key)).toEqual([
      "anthropic/a",
      "anthropic/b",
      "anthropic/c",
      "anthropic/d",
      OTHER_SERIES,
    ]);
    expect(plot.series.at(-1)?.colour).toBe(-1);
    expect(plot.days.at(-1)?.segments.at(-1)).toEqual({ series: OTHER_SERIES, value: 6 + 5 });
  });

  it("says when there is nothing in the window", () => {
    const plot = plotOf(reportOf([row("2026-01-01", "a", { cost: 1 })]), NOW);
    expect(plot.total).toBe(0);
    expect(summaryOf(plot)).toBe("Tokens per day over the last 30 days: none.");
  });

  it("names the total, the days and the peak in its summary", () => {
    const plot = plotOf(
      reportOf([row("2026-12-07", "m", { cost: 1.25 }), row("2026-12-01", "m", { cost: 3 })]),
      NOW,
    );
    expect(summaryOf(plot)).toBe(
      "Cost per day over the last 30 days: $4.25 on 2 days; the most on Dec 1, $3.00; most of it m.",
    );
  });
});

describe("niceMax", () => {
  it("rounds the tallest bar up to a round number", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(0.37)).toBeCloseTo(0.4);
    expect(niceMax(2)).toBe(2);
    expect(niceMax(2.1)).toBe(3);
    expect(niceMax(6.5)).toBe(8);
    expect(niceMax(7300)).toBe(8000);
    expect(niceMax(9100)).toBe(10000);
  });
});

describe("byModel", () => {
  it("adds up each provider and model over all days, with its share of the cost", () => {
    const { metric, models } = byModel(
      reportOf([
        row("2026-12-07", "claude-sonnet-4", { cost: 1, input: 10, messages: 2 }),
        row("2026-01-01", "claude-sonnet-4", { cost: 2, input: 5, messages: 1 }),
        row("2026-12-07", "gpt-5", { cost: 1, output: 7 }, "openai"),
        row("2026-12-07", "claude-sonnet-4", { cost: 0, input: 1 }, "bedrock"),
      ]),
    );
    expect(metric).toBe("cost");
    expect(models.map((m) => [m.key, m.totals.cost, m.totals.input, m.totals.messages, m.share])).toEqual([
      ["anthropic/claude-sonnet-4", 3, 15, 3, 0.75],
      ["openai/gpt-5", 1, 0, 1, 0.25],
      ["bedrock/claude-sonnet-4", 0, 1, 1, 0],
    ]);
  });

  it("shares tokens when nothing cost anything", () => {
    const { metric, models } = byModel(
      reportOf([row("2026-12-07", "a", { input: 30 }), row("2026-12-07", "b", { output: 10 })]),
    );
    expect(metric).toBe("tokens");
    expect(models.map((m) => m.share)).toEqual([0.75, 0.25]);
  });
});

describe("formatShare", () => {
  it("rounds to whole percent, and never calls a real share nothing", () => {
    expect(formatShare(0.456)).toBe("46%");
    expect(formatShare(0.001)).toBe("<1%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(1)).toBe("100%");
  });
});

describe("sums", () => {
  it("reads a figure Rust could not give (null) as zero", () => {
    const odd = { ...totals({ input: 5 }), cost: null, output: null };
    expect(sums(odd)).toEqual({ ...totals({ input: 5 }), cost: 0, output: 0 });
    const plot = plotOf(reportOf([{ day: "2026-12-07", providerID: "p", modelID: "m", totals: odd }]), NOW);
    expect(plot.metric).toBe("tokens");
    expect(plot.total).toBe(5);
  });
});
