// What models have cost, through the door: a report by local day, provider and model for this
// project or all of them, and one session's exact totals. Both are summed in Rust over every
// message the server has, so nothing here depends on which pages the window happens to hold.
// Results unwrapped; a failure thrown as an AppError with the backend's sentence.
import { commands, type CommandError, type UsageReport, type UsageRow, type UsageTotals } from "../bindings";
import { toAppError } from "./index";

// Rust only serializes these, so they have no `_Serialize` split. Its f64 counts are typed
// `number | null` (serde_json writes a NaN or an infinity as null): readers go through lib/usage
// `count`.
export type { UsageReport, UsageRow, UsageTotals };

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** Minutes east of UTC now, as Rust wants them to cut days where the user's days end. */
export function utcOffsetMinutes(now: Date = new Date()): number {
  // getTimezoneOffset is minutes *west* of UTC (UTC+2 gives -120); `|| 0` turns -0 into 0.
  return -now.getTimezoneOffset() || 0;
}

/** Usage of the server's current project (`allProjects` false) or of every project it knows. */
export async function usageReport(serverId: string, allProjects: boolean): Promise<UsageReport> {
  return unwrap(await commands.usageReport(serverId, allProjects, utcOffsetMinutes()));
}

/** A session's exact totals, over all its messages (loaded here or not). */
export async function sessionUsage(serverId: string, sessionId: string): Promise<UsageTotals> {
  return unwrap(await commands.sessionUsage(serverId, sessionId));
}
