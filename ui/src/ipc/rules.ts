// The app's permission rules, kept by Rust (src-tauri/src/rules.rs): "always allow this here",
// per project. Rust answers what they cover before it is shown; the UI makes them from a card,
// lists and removes them in Settings, and hears of each answer they made.
import { commands, events, type CommandError, type Rule, type Rules_Serialize } from "../bindings";
import type { AutoAnswered_Serialize } from "../bindings";
import { toAppError } from "./index";

export type { Rule };
export type Rules = Rules_Serialize;
export type AutoAnswered = AutoAnswered_Serialize;

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The rules kept, and a problem reading their file. */
export async function listRules(): Promise<Rules> {
  return unwrap(await commands.listRules());
}

/**
 * "Always allow here": keeps a rule for each pattern of waiting permission request `requestId`
 * in its server's project and answers it once; resolves to the rules as saved.
 */
export async function allowAlwaysHere(requestId: string): Promise<Rules> {
  return unwrap(await commands.allowAlwaysHere(requestId));
}

/** Removes `rule`; resolves to the rules left. */
export async function removeRule(rule: Rule): Promise<Rules> {
  return unwrap(await commands.removeRule(rule));
}

/** Calls `handler` for each request a rule answered; resolves to the unlisten function. */
export function onAutoAnswered(handler: (answered: AutoAnswered) => void): Promise<() => void> {
  return events.autoAnswered.listen((event) => {
    handler(event.payload);
  });
}
