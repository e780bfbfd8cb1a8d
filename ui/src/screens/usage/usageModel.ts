// The Usage view's arithmetic, pure: the last 30 local days as bars stacked by model, what the
// plot's label says, and the report grouped by provider and model with each one's share. Cost is
// plotted unless every cost in the window is zero (free or local models), then tokens are.
import type { UsageReport, UsageRow, UsageTotals } from "../../ipc/usage";
import { formatCost, formatTokens } from "../../lib/format";
import { count } from "../../lib/usage";

/** Days the plot covers, today included. */
export const PLOT_DAYS = 30;
/** Models with a colour of their own in the plot; the rest share one, "Other models". */
export const PLOT_SERIES = 5;
export const OTHER_SERIES = "other";

export type Metric = "cost" | "tokens";

/** Totals as numbers: Rust's may be null where a figure was not a number. */
export type Sums = Record<keyof UsageTotals, number>;

export function sums(totals: UsageTotals): Sums {
  return {
    input: count(totals.input),
    output: count(totals.output),
    reasoning: count(totals.reasoning),
    cacheRead: count(totals.cacheRead),
    cacheWrite: count(totals.cacheWrite),
    cost: count(totals.cost),
    messages: count(totals.messages),
  };
}

/** Every token: input, output, reasoning and cache traffic (as the status bar counts them). */
export function tokensOf(totals: UsageTotals): number {
  return (
    count(totals.input) +
    count(totals.output) +
    count(totals.reasoning) +
    count(totals.cacheRead) +
    count(totals.cacheWrite)
  );
}

export function valueOf(totals: UsageTotals, metric: Metric): number {
  return metric === "cost" ? count(totals.cost) : tokensOf(totals);
}

/** "$1.20", or "1.2M tokens". */
export function formatValue(value: number, metric: Metric): string {
  return metric === "cost" ? formatCost(value) : `${formatTokens(value)} tokens`;
}

/** The same, as short as an axis needs: "$1.20", "1.2M". */
export function formatTick(value: number, metric: Metric): string {
  return metric === "cost" ? formatCost(value) : formatTokens(value);
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Messages, sessions: 12,345 (exact, unlike tokens, which are rounded to 1.2k). */
export function formatCount(n: number): string {
  return integer.format(count(n));
}

/** 0.4567 → "46%"; a real but tiny share reads "<1%", not "0%". */
export function formatShare(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return "0%";
  if (fraction < 0.005) return "<1%";
  return `${String(Math.round(fraction * 100))}%`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The local day of `date` as Rust writes days: "YYYY-MM-DD". */
export function localDay(date: Date): string {
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The `count` local days up to and including `now`'s, oldest first. */
export function lastDays(now: Date, days = PLOT_DAYS): string[] {
  const out: string[] = [];
  // Built from the calendar fields, not by subtracting 24 h, so a DST change skips or doubles no day.
  for (let back = days - 1; back >= 0; back--) {
    out.push(localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - back)));
  }
  return out;
}

const shortDate = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** "2026-12-05" → "Dec 5" (read as a calendar date: no time zone moves it). */
export function shortDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return day;
  const at = new Date(Date.UTC(y, m - 1, d));
  return Number.isNaN(at.getTime()) ? day : shortDate.format(at);
}

export const modelKey = (row: Pick<UsageRow, "providerID" | "modelID">) => `${row.providerID}/${row.modelID}`;

export interface Series {
  /** `provider/model`, or OTHER_SERIES. */
  key: string;
  label: string;
  /** Its colour: 0..PLOT_SERIES-1, or -1 for the others. */
  colour: number;
}

export interface Segment {
  series: string;
  value: number;
}

export interface DayBar {
  day: string;
  total: number;
  /** In the legend's order, bottom of the bar first; zeros left out. */
  segments: Segment[];
}

export interface Plot {
  metric: Metric;
  days: DayBar[];
  series: Series[];
  /** The tallest bar. */
  max: number;
  total: number;
  /** Days with anything on them. */
  active: number;
}

/** The last PLOT_DAYS days of `report` as bars stacked by model (the biggest ones get colours). */
export function plotOf(report: UsageReport, now: Date, days = PLOT_DAYS): Plot {
  const dayKeys = lastDays(now, days);
  const inWindow = new Set(dayKeys);
  const rows = report.rows.filter((row) => inWindow.has(row.day));
  const metric: Metric = rows.some((row) => count(row.totals.cost) > 0) ? "cost" : "tokens";

  // Biggest first; ties by name so the colours do not move between loads.
  const perModel = new Map<string, { label: string; value: number }>();
  for (const row of rows) {
    const key = modelKey(row);
    const entry = perModel.get(key) ?? { label: row.modelID || key, value: 0 };
    entry.value += valueOf(row.totals, metric);
    perModel.set(key, entry);
  }
  const ranked = [...perModel]
    .filter(([, entry]) => entry.value > 0)
    .sort(([a, x], [b, y]) => y.value - x.value || a.localeCompare(b));
  const ownColour = ranked.length <= PLOT_SERIES ? ranked : ranked.slice(0, PLOT_SERIES - 1);
  const series: Series[] = ownColour.map(([key, entry], colour) => ({ key, label: entry.label, colour }));
  if (ownColour.length < ranked.length) series.push({ key: OTHER_SERIES, label: "Other models", colour: -1 });
  const seriesOf = (key: string) => (ownColour.some(([own]) => own === key) ? key : OTHER_SERIES);

  const byDay = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const value = valueOf(row.totals, metric);
    if (value <= 0) continue;
    const stack = byDay.get(row.day) ?? new Map<string, number>();
    const key = seriesOf(modelKey(row));
    stack.set(key, (stack.get(key) ?? 0) + value);
    byDay.set(row.day, stack);
  }
  const bars = dayKeys.map((day): DayBar => {
    const stack = byDay.get(day);
    const segments = series.flatMap((s) => {
      const value = stack?.get(s.key) ?? 0;
      return value > 0 ? [{ series: s.key, value }] : [];
    });
    return { day, total: segments.reduce((sum, s) => sum + s.value, 0), segments };
  });
  return {
    metric,
    days: bars,
    series,
    max: Math.max(0, ...bars.map((bar) => bar.total)),
    total: bars.reduce((sum, bar) => sum + bar.total, 0),
    active: bars.filter((bar) => bar.total > 0).length,
  };
}

/** Round tops for the axis, times a power of ten: the tallest bar fills most of the height. */
const TOPS = [1, 1.5, 2, 3, 4, 5, 6, 8, 10];

/** The axis' top: the tallest bar rounded up to a round number (halved, still a round one). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = TOPS.find((f) => f * power >= max * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** What the plot shows, in one sentence, for the image's accessible name. */
export function summaryOf(plot: Plot): string {
  const what = plot.metric === "cost" ? "Cost" : "Tokens";
  const span = `${what} per day over the last ${String(plot.days.length)} days`;
  if (plot.total <= 0) return `${span}: none.`;
  const peak = plot.days.reduce((best, bar) => (bar.total > best.total ? bar : best));
  const days = plot.active === 1 ? "1 day" : `${String(plot.active)} days`;
  const top = plot.series[0];
  const lead = top && top.key !== OTHER_SERIES ? `; most of it ${top.label}` : "";
  return (
    `${span}: ${formatValue(plot.total, plot.metric)} on ${days}; ` +
    `the most on ${shortDay(peak.day)}, ${formatValue(peak.total, plot.metric)}${lead}.`
  );
}

export interface ModelUsage {
  key: string;
  providerID: string;
  modelID: string;
  totals: Sums;
  /** Of the report's cost, or of its tokens when nothing cost anything. */
  share: number;
}

const zero = (): Sums => ({
  input: 0,
  output: 0,
  reasoning: 0,
  cacheRead: 0,
  cacheWrite: 0,
  cost: 0,
  messages: 0,
});

function add(into: Sums, more: UsageTotals): void {
  into.input += count(more.input);
  into.output += count(more.output);
  into.reasoning += count(more.reasoning);
  into.cacheRead += count(more.cacheRead);
  into.cacheWrite += count(more.cacheWrite);
  into.cost += count(more.cost);
  into.messages += count(more.messages);
}

/** The report by provider and model over all its days, the costliest (then busiest) first. */
export function byModel(report: UsageReport): { metric: Metric; models: ModelUsage[] } {
  const grouped = new Map<string, ModelUsage>();
  for (const row of report.rows) {
    const key = modelKey(row);
    const entry = grouped.get(key) ?? {
      key,
      providerID: row.providerID,
      modelID: row.modelID,
      totals: zero(),
      share: 0,
    };
    add(entry.totals, row.totals);
    grouped.set(key, entry);
  }
  const models = [...grouped.values()];
  const metric: Metric = models.some((m) => m.totals.cost > 0) ? "cost" : "tokens";
  const whole = models.reduce((sum, m) => sum + valueOf(m.totals, metric), 0);
  for (const m of models) m.share = whole > 0 ? valueOf(m.totals, metric) / whole : 0;
  models.sort(
    (a, b) =>
      b.totals.cost - a.totals.cost || tokensOf(b.totals) - tokensOf(a.totals) || a.key.localeCompare(b.key),
  );
  return { metric, models };
}
