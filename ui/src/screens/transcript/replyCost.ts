// A reply's tokens and cost, said once at its end (issue 17). OpenCode ends every model step with
// a step-finish part (tokens, cost) and makes a message per step, so a reply of eight tool steps
// would carry eight cost lines. A reply is the messages after a user message, up to the next one;
// its last message shows the sum, and the line's tooltip the steps. Pure, for its own tests:
// MessageView.tsx shows the line, Transcript.tsx gives each row its index in the list.
import type { Message, Part } from "../../ipc";
import { formatCost, formatTokens } from "../../lib/format";
import { turnOf } from "./turn";

export type StepFinish = Extract<Part, { type: "step-finish" }>;

/** What a step, or a whole reply, used. */
export interface Usage {
  input: number;
  output: number;
  reasoning: number;
  /** Input tokens read from the provider's cache. */
  cached: number;
  /** Dollars. */
  cost: number;
}

export function usageOf(step: StepFinish): Usage {
  const tokens = step.tokens;
  return {
    input: tokens.input ?? 0,
    output: tokens.output ?? 0,
    reasoning: tokens.reasoning ?? 0,
    cached: tokens.cache.read ?? 0,
    cost: step.cost ?? 0,
  };
}

export function sumUsage(steps: readonly StepFinish[]): Usage {
  const sum: Usage = { input: 0, output: 0, reasoning: 0, cached: 0, cost: 0 };
  for (const step of steps) {
    const usage = usageOf(step);
    sum.input += usage.input;
    sum.output += usage.output;
    sum.reasoning += usage.reasoning;
    sum.cached += usage.cached;
    sum.cost += usage.cost;
  }
  return sum;
}

/** "1.2k in · 300 out · 50 reasoning · 8k cached · $0.01": reasoning and cached only when some. */
export function usageText(usage: Usage): string {
  const words = [`${formatTokens(usage.input)} in`, `${formatTokens(usage.output)} out`];
  if (usage.reasoning) words.push(`${formatTokens(usage.reasoning)} reasoning`);
  if (usage.cached) words.push(`${formatTokens(usage.cached)} cached`);
  words.push(formatCost(usage.cost));
  return words.join(" · ");
}

/** The reply line's tooltip: one line per step, in order. */
export function stepsTitle(steps: readonly StepFinish[]): string {
  return steps.map((step, i) => `Step ${String(i + 1)}: ${usageText(usageOf(step))}`).join("\n");
}

/**
 * What a step's end says where it happened: a stop the reader should know about (the reply is
 * short of what the model would have said); nothing for the usual ends (stop, tool calls).
 */
export function stopNote(reason: string | undefined): string | undefined {
  if (reason === "length") return "Cut off at the output limit";
  if (reason === "content-filter") return "Stopped by the content filter";
  return undefined;
}

/** A reply is over once the user wrote again, or when its last message is not under way. */
export function replyOver(last: Message | undefined, followed: boolean): boolean {
  return followed || (last !== undefined && turnOf(last)?.state !== "replying");
}

/** The line at a reply's end: the sum, and the steps in its tooltip. */
export interface ReplyCost {
  text: string;
  title: string;
}

/**
 * The cost line for the message at `ids[index]`, or undefined: when it does not end a reply (it
 * is the user's, or the reply goes on after it), the reply is still under way, it has no steps,
 * or its start is not loaded (`hasOlder` and no user message above it: the sum would be short).
 * Reads only this message, the next one and the reply's own messages, so a row can call it on
 * every change without walking the session.
 */
export function replyCostAt(
  ids: readonly string[],
  index: number,
  info: Readonly<Record<string, Message>>,
  parts: Readonly<Record<string, readonly Part[]>>,
  hasOlder: boolean,
): ReplyCost | undefined {
  const id = ids[index];
  if (id === undefined || info[id]?.role === "user") return undefined;
  const next = ids[index + 1];
  if (next !== undefined && info[next]?.role !== "user") return undefined;
  if (!replyOver(info[id], next !== undefined)) return undefined;
  let start = index;
  while (start > 0 && info[ids[start - 1] ?? ""]?.role !== "user") start--;
  if (start === 0 && hasOlder) return undefined;
  const steps: StepFinish[] = [];
  for (let i = start; i <= index; i++) {
    for (const part of parts[ids[i] ?? ""] ?? []) if (part.type === "step-finish") steps.push(part);
  }
  if (steps.length === 0) return undefined;
  return { text: usageText(sumUsage(steps)), title: stepsTitle(steps) };
}
