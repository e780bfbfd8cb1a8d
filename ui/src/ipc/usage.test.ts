// The usage commands through the door: arguments as Rust names them (the local offset passed by
// the wrapper itself), results unwrapped, failures thrown as AppErrors.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { sessionUsage, usageReport, utcOffsetMinutes, type UsageReport, type UsageTotals } from "./usage";

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
});

const totals: UsageTotals = {
  input: 1200,
  output: 300,
  reasoning: 40,
  cacheRead: 5000,
  cacheWrite: 100,
  cost: 0.42,
  messages: 3,
};
const report: UsageReport = {
  rows: [{ day: "2026-12-06", providerID: "anthropic", modelID: "claude-sonnet-4", totals }],
  sessions: 2,
  projects: 1,
  totals,
};

describe("usage commands", () => {
  it("passes what Rust expects, with the local offset, and unwraps what it answers", async () => {
    // UTC+2: getTimezoneOffset says -120, Rust wants +120.
    vi.spyOn(Date.prototype, "getTimezoneOffset").mockReturnValue(-120);
    const seen: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      return cmd === "usage_report" ? report : totals;
    });
    await expect(usageReport("s1", false)).resolves.toEqual(report);
    await expect(usageReport("s1", true)).resolves.toEqual(report);
    await expect(sessionUsage("s1", "ses_1")).resolves.toEqual(totals);
    expect(seen).toEqual([
      { cmd: "usage_report", args: { serverId: "s1", allProjects: false, utcOffsetMinutes: 120 } },
      { cmd: "usage_report", args: { serverId: "s1", allProjects: true, utcOffsetMinutes: 120 } },
      { cmd: "session_usage", args: { serverId: "s1", sessionId: "ses_1" } },
    ]);
  });

  it("throws a failure as an AppError with the backend's sentence", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "Unreachable", message: "The OpenCode server did not answer." };
    });
    const error = await sessionUsage("s1", "ses_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "Unreachable", message: "The OpenCode server did not answer." });
  });
});

describe("utcOffsetMinutes", () => {
  it("is minutes east of UTC, never -0", () => {
    const at = new Date(Date.UTC(2026, 11, 7));
    vi.spyOn(at, "getTimezoneOffset").mockReturnValue(300);
    expect(utcOffsetMinutes(at)).toBe(-300);
    vi.spyOn(at, "getTimezoneOffset").mockReturnValue(0);
    expect(Object.is(utcOffsetMinutes(at), 0)).toBe(true);
  });
});
