// What a session has cost so far, in the shape the status bar shows: tokens and dollars. Pure. The
// figures are the exact totals Rust sums over all the session's messages (ipc/usage.ts), not a sum
// of the pages this window holds, which under-reported long sessions.
import type { UsageTotals } from "../ipc/usage";

export interface TokenUsage {
  input: number;
  output: number;
  reasoning: number;
  cache: { read: number; write: number };
}

export interface SessionUsage {
  tokens: TokenUsage;
  /** US dollars. */
  cost: number;
}

export function emptyUsage(): SessionUsage {
  return { tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } }, cost: 0 };
}

/** A usable count from what was sent: missing, NaN or negative reads as 0, never a crash. */
export function count(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The status bar's shape of a session's totals. */
export function fromTotals(totals: UsageTotals): SessionUsage {
  return {
    tokens: {
      input: count(totals.input),
      output: count(totals.output),
      reasoning: count(totals.reasoning),
      cache: { read: count(totals.cacheRead), write: count(totals.cacheWrite) },
    },
    cost: count(totals.cost),
  };
}

/** Every token the session used: input, output, reasoning and cache traffic. */
export function totalTokens(tokens: TokenUsage): number {
  return tokens.input + tokens.output + tokens.reasoning + tokens.cache.read + tokens.cache.write;
}
