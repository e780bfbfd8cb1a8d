import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../../ipc";
import type { UsageReport, UsageRow, UsageTotals } from "../../ipc/usage";
import UsageView from "./UsageView";

afterEach(() => {
  cleanup();
});

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

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
const row = (day: string, providerID: string, modelID: string, over: Partial<UsageTotals>): UsageRow => ({
  day,
  providerID,
  modelID,
  totals: totals(over),
});

const NOW = new Date(2026, 11, 7, 12);

const projectReport: UsageReport = {
  rows: [
    row("2026-12-07", "anthropic", "claude-sonnet-4", { cost: 1.5, input: 12_000, output: 900, messages: 4 }),
    row("2026-12-07", "openai", "gpt-5", { cost: 0.5, input: 3000, messages: 1 }),
    row("2026-12-05", "openai", "gpt-5", { cost: 2, output: 2500, messages: 2 }),
  ],
  sessions: 3,
  projects: 1,
  totals: totals({ cost: 4, input: 15_000, output: 3400, reasoning: 120, cacheRead: 48_000, cacheWrite: 600, messages: 7 }),
};
const allReport: UsageReport = {
  rows: [...projectReport.rows, row("2026-12-06", "ollama", "qwen3", { input: 1_000_000, messages: 9 })],
  sessions: 11,
  projects: 4,
  totals: totals({ cost: 4, input: 1_015_000, messages: 16 }),
};

function fakeReports(answers: { project?: UsageReport; all?: UsageReport } = {}) {
  return vi.fn((_server: string, allProjects: boolean) =>
    Promise.resolve(allProjects ? (answers.all ?? allReport) : (answers.project ?? projectReport)),
  );
}

describe("UsageView", () => {
  it("plots the last 30 days of the project's report, bars stacked by model, with the same numbers in a table", async () => {
    const usageReport = fakeReports();
    render(() => <UsageView serverId="s1" usageReport={usageReport} now={() => NOW} />);
    await settle();
    expect(usageReport).toHaveBeenCalledWith("s1", false);

    const plot = screen.getByRole("img");
    expect(plot.getAttribute("aria-label")).toBe(
      "Cost per day over the last 30 days: $4.00 on 2 days; the most on Dec 5, $2.00; most of it gpt-5.",
    );
    const days = plot.querySelectorAll<SVGGElement>("g.usage-day");
    expect(days).toHaveLength(30);
    expect(days[0]?.dataset.day).toBe("2026-11-08");
    expect(days[29]?.dataset.day).toBe("2026-12-07");
    const bars = (day: string) =>
      [...plot.querySelectorAll<SVGRectElement>(`g[data-day="${day}"] rect.usage-bar`)].map((bar) => [
        bar.dataset.series,
        Number(bar.dataset.value),
      ]);
    expect(bars("2026-12-07")).toEqual([
      ["openai/gpt-5", 0.5],
      ["anthropic/claude-sonnet-4", 1.5],
    ]);
    expect(bars("2026-12-05")).toEqual([["openai/gpt-5", 2]]);
    expect(bars("2026-12-06")).toEqual([]);
    // The tallest bar is as tall as the axis allows (2 is already a round top).
    const tallest = plot.querySelector<SVGRectElement>('g[data-day="2026-12-05"] rect.usage-bar');
    expect(Number(tallest?.getAttribute("height"))).toBeCloseTo(150);
    // Each model's colour comes from its place, and the legend names it.
    expect(plot.querySelector('rect[data-series="openai/gpt-5"]')?.classList.contains("usage-series-0")).toBe(true);
    const legend = screen.getByRole("list", { name: "Models in the plot" });
    expect(within(legend).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["gpt-5", "claude-sonnet-4"]);

    // In a <details> the reader opens: found whether or not jsdom counts it as shown.
    const dayTable = screen.getByRole("table", { name: /per day/, hidden: true });
    const dayRows = within(dayTable).getAllByRole("row", { hidden: true }).slice(1);
    expect(dayRows.map((r) => r.textContent)).toEqual([
      "Dec 7$2.00gpt-5 $0.50, claude-sonnet-4 $1.50",
      "Dec 5$2.00gpt-5 $2.00",
    ]);
  });

  it("shows the totals and a table by provider and model with each one's share", async () => {
    render(() => <UsageView serverId="s1" usageReport={fakeReports()} now={() => NOW} />);
    await settle();
    expect(document.querySelector("dl.usage-totals")?.textContent).toBe(
      "Cost$4.00Input15kOutput3.4kReasoning120Cache read48kCache write600Messages7Sessions3",
    );
    const table = screen.getByRole("table", { name: "Usage by provider and model, all days" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.dataset.model)).toEqual(["openai/gpt-5", "anthropic/claude-sonnet-4"]);
    expect(within(rows[0] as HTMLElement).getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "3",
      "3k",
      "2.5k",
      "0",
      "0",
      "0",
      "$2.50",
      "63%",
    ]);
    expect(within(table).getByRole("columnheader", { name: "Share of cost" })).toBeTruthy();
  });

  it("asks for this project, then all projects, then this project again as the toggle is pressed", async () => {
    const usageReport = fakeReports();
    render(() => <UsageView serverId="s1" usageReport={usageReport} now={() => NOW} />);
    await settle();
    const project = screen.getByRole("button", { name: "This project" });
    const all = screen.getByRole("button", { name: "All projects" });
    expect(project.getAttribute("aria-pressed")).toBe("true");
    expect(all.getAttribute("aria-pressed")).toBe("false");

    fireEvent.click(all);
    await settle();
    expect(all.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByText("Projects").nextElementSibling?.textContent).toBe("4");
    expect(screen.getByRole("table", { name: "Usage by provider and model, all days" }).textContent).toContain("qwen3");

    fireEvent.click(project);
    await settle();
    expect(usageReport.mock.calls).toEqual([
      ["s1", false],
      ["s1", true],
      ["s1", false],
    ]);
    expect(screen.queryByText("Projects")).toBeNull();
  });

  it("keeps the last report shown while it is asked again, and an older answer never wins", async () => {
    const answers: ((report: UsageReport) => void)[] = [];
    const usageReport = vi.fn(
      () => new Promise<UsageReport>((resolve) => answers.push(resolve)),
    );
    render(() => <UsageView serverId="s1" usageReport={usageReport} now={() => NOW} />);
    expect(screen.getByRole("status").textContent).toBe("Loading usage…");
    answers[0]?.(projectReport);
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "All projects" }));
    fireEvent.click(screen.getByRole("button", { name: "This project" }));
    // The project's figures stay while it is asked again.
    expect(screen.getByText("Updating…")).toBeTruthy();
    expect(screen.getByRole("img")).toBeTruthy();
    answers[2]?.({ ...projectReport, sessions: 5 });
    await settle();
    answers[1]?.(allReport);
    await settle();
    expect(screen.getByText("Sessions").nextElementSibling?.textContent).toBe("5");
    expect(screen.queryByText("Updating…")).toBeNull();
  });

  it("plots tokens when no model cost anything", async () => {
    const free: UsageReport = {
      rows: [row("2026-12-07", "ollama", "qwen3", { input: 1500, output: 500 })],
      sessions: 1,
      projects: 1,
      totals: totals({ input: 1500, output: 500 }),
    };
    render(() => <UsageView serverId="s1" usageReport={fakeReports({ project: free })} now={() => NOW} />);
    await settle();
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(/^Tokens per day .*: 2k tokens on 1 day/);
    expect(screen.getByRole("columnheader", { name: "Share of tokens" })).toBeTruthy();
  });

  it("says there is no usage yet", async () => {
    const none: UsageReport = { rows: [], sessions: 0, projects: 0, totals: totals({ messages: 0 }) };
    render(() => <UsageView serverId="s1" usageReport={fakeReports({ project: none })} now={() => NOW} />);
    await settle();
    expect(screen.getByRole("heading", { name: "No usage yet" })).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("says why the report could not be read", async () => {
    const usageReport = vi.fn(() =>
      Promise.reject(new AppError("Unreachable", "The OpenCode server did not answer.")),
    );
    render(() => <UsageView serverId="s1" usageReport={usageReport} now={() => NOW} />);
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("The OpenCode server did not answer.");
    expect(screen.queryByText("Loading usage…")).toBeNull();
  });

  it("asks nothing before a server is connected", async () => {
    const usageReport = fakeReports();
    render(() => <UsageView serverId={undefined} usageReport={usageReport} now={() => NOW} />);
    await settle();
    expect(usageReport).not.toHaveBeenCalled();
    expect(screen.getByText("No OpenCode server is connected yet.")).toBeTruthy();
  });
});
