// What a session has cost so far: tokens and dollars summed over its assistant messages. Pure; the
// status bar shows the result. The server reports per-message figures (null when it has none yet,
// e.g. while a reply is still streaming), and a null counts as zero rather than poisoning the sum.
import type { Message } from "../ipc";

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

/** A usable count from what the server sent: missing, NaN or negative reads as 0. */
function count(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Sums tokens and cost of the assistant messages; user and unknown messages cost nothing. */
export function sessionUsage(messages: Iterable<Message>): SessionUsage {
  const usage = emptyUsage();
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    // Typed as always there, but a message written while a reply starts (or by an older server)
    // may lack them: a missing count is zero, never a crash of the session view.
    const tokens = message.tokens as Partial<TokenUsage> | undefined;
    usage.tokens.input += count(tokens?.input);
    usage.tokens.output += count(tokens?.output);
    usage.tokens.reasoning += count(tokens?.reasoning);
    usage.tokens.cache.read += count(tokens?.cache?.read);
    usage.tokens.cache.write += count(tokens?.cache?.write);
    usage.cost += count(message.cost);
  }
  return usage;
}

/** Every token the session used: input, output, reasoning and cache traffic. */
export function totalTokens(tokens: TokenUsage): number {
  return tokens.input + tokens.output + tokens.reasoning + tokens.cache.read + tokens.cache.write;
}
