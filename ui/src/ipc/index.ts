// The UI's one door to Rust. Only this folder imports the generated bindings or @tauri-apps/*:
// screens get plain async functions that resolve to data or throw an AppError.
import {
  commands,
  type AppInfo_Serialize,
  type CommandError,
  type ErrorKind,
  type Health,
} from "../bindings";

export type AppInfo = AppInfo_Serialize;
export type { Health };

/** A failed command: `kind` to decide what to do, `message` to show. */
export class AppError extends Error {
  readonly kind: ErrorKind | "Unknown";

  constructor(kind: ErrorKind | "Unknown", message: string) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
  }
}

const KNOWN_KINDS: readonly ErrorKind[] = [
  "Unreachable",
  "Unauthorized",
  "NotFound",
  "InvalidInput",
  "Timeout",
  "ServerFailed",
];

/** Turns the backend's error value into an AppError; a kind this UI does not know stays usable. */
export function toAppError(error: CommandError): AppError {
  const kind = KNOWN_KINDS.includes(error.kind) ? error.kind : "Unknown";
  return new AppError(kind, error.message);
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

export function appInfo(): Promise<AppInfo> {
  return commands.appInfo();
}

export async function probeServer(
  url: string,
  credentials?: { username?: string; password?: string },
): Promise<Health> {
  return unwrap(
    await commands.probeServer(url, credentials?.username ?? null, credentials?.password ?? null),
  );
}
