// The UI's one door to Rust. Only this folder imports the generated bindings or @tauri-apps/*:
// screens get plain async functions that resolve to data or throw an AppError.
import { Channel } from "@tauri-apps/api/core";
import { getCurrentWindow } from "@tauri-apps/api/window";
import {
  commands,
  events,
  type AppInfo_Serialize,
  type CommandError,
  type ErrorKind,
  type Health,
  type PumpMessage_Deserialize,
  type PumpMessage_Serialize,
  type ServerInfo_Serialize,
  type ServerStatusView,
  type ServerEvent_Serialize,
  type Session_Serialize,
  type Message_Serialize,
  type Part_Serialize,
  type PermissionRequest_Serialize,
  type QuestionRequest_Serialize,
  type Todo_Serialize,
  type SnapshotFileDiff_Serialize,
  type SessionStatus,
  type MessageWithParts_Serialize,
  type PermissionReply,
} from "../bindings";

export type AppInfo = AppInfo_Serialize;
export type ServerInfo = ServerInfo_Serialize;
export type PumpMessage = PumpMessage_Serialize;

export type { Health, PermissionReply, ServerStatusView, SessionStatus };
// What the server sends, as it reaches the UI (the serialize side: every field present).
export type ServerEvent = ServerEvent_Serialize;
export type Session = Session_Serialize;
export type Message = Message_Serialize;
export type Part = Part_Serialize;
export type PermissionRequest = PermissionRequest_Serialize;
export type QuestionRequest = QuestionRequest_Serialize;
export type Todo = Todo_Serialize;
export type SnapshotFileDiff = SnapshotFileDiff_Serialize;

export type MessageWithParts = MessageWithParts_Serialize;

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
  "Internal",
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

export function listServers(): Promise<ServerInfo[]> {
  return commands.listServers();
}

export async function probeServer(
  url: string,
  credentials?: { username?: string; password?: string },
): Promise<Health> {
  return unwrap(
    await commands.probeServer(url, credentials?.username ?? null, credentials?.password ?? null),
  );
}

/**
 * Calls `handler` on every server status change until the returned function is called. The
 * unsubscribe is synchronous (for Solid's onCleanup) even though listening starts asynchronously.
 */
export function onServerStatusChanged(handler: (server: ServerInfo) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  void events.serverStatusChanged
    .listen((event) => {
      handler(event.payload.server);
    })
    .then((fn) => {
      if (stopped) fn();
      else unlisten = fn;
    });
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** Streams a server's events, in per-frame batches, to `onBatch` for the life of the window. */
export async function watchEvents(
  serverId: string,
  onBatch: (batch: PumpMessage[]) => void,
): Promise<void> {
  // The generated signature names the deserialize-side shape; what Rust sends is the serialize
  // side (every field present), which is the narrower of the two.
  const channel = new Channel<PumpMessage_Deserialize[]>();
  channel.onmessage = (batch) => {
    onBatch(batch as PumpMessage[]);
  };
  unwrap(await commands.watchEvents(serverId, channel));
}

/** This window's label ("main", "quick-prompt"); read locally, no IPC. */
export function windowLabel(): string {
  return getCurrentWindow().label;
}

/** Starts a new session with `text`; resolves to its id once the prompt is sent. */
export async function sendQuickPrompt(text: string): Promise<string> {
  return unwrap(await commands.sendQuickPrompt(text));
}

export function closeQuickPrompt(): void {
  void commands.hideQuickPrompt();
}

export async function listSessions(serverId: string): Promise<Session[]> {
  return unwrap<Session[]>(await commands.listSessions(serverId));
}

export async function createSession(serverId: string): Promise<Session> {
  return unwrap<Session>(await commands.createSession(serverId, null));
}

/** The newest `limit` messages (before `before`), oldest first, and the cursor to older ones. */
export async function loadMessages(
  serverId: string,
  sessionId: string,
  limit: number,
  before: string | null = null,
): Promise<{ messages: MessageWithParts[]; before: string | null }> {
  const page = unwrap(await commands.loadMessages(serverId, sessionId, limit, before));
  return page;
}

export async function sendPrompt(serverId: string, sessionId: string, text: string): Promise<void> {
  unwrap(await commands.sendPrompt(serverId, sessionId, { parts: [{ type: "text", text }] }));
}

export async function replyPermission(
  serverId: string,
  requestId: string,
  reply: PermissionReply,
): Promise<void> {
  unwrap(await commands.replyPermission(serverId, requestId, reply));
}

export async function replyQuestion(
  serverId: string,
  requestId: string,
  answers: string[][],
): Promise<void> {
  unwrap(await commands.replyQuestion(serverId, requestId, answers));
}

export async function rejectQuestion(serverId: string, requestId: string): Promise<void> {
  unwrap(await commands.rejectQuestion(serverId, requestId));
}

export async function abortSession(serverId: string, sessionId: string): Promise<void> {
  unwrap(await commands.abortSession(serverId, sessionId));
}

/** Everything the app shell needs from the backend; tests pass a fake. */
export interface Backend {
  appInfo: () => Promise<AppInfo>;
  listServers: () => Promise<ServerInfo[]>;
  onServerStatusChanged: (handler: (server: ServerInfo) => void) => () => void;
  watchEvents: (serverId: string, onBatch: (batch: PumpMessage[]) => void) => Promise<void>;
  listSessions: (serverId: string) => Promise<Session[]>;
  createSession: (serverId: string) => Promise<Session>;
  loadMessages: typeof loadMessages;
  sendPrompt: (serverId: string, sessionId: string, text: string) => Promise<void>;
  replyPermission: typeof replyPermission;
  replyQuestion: typeof replyQuestion;
  rejectQuestion: typeof rejectQuestion;
  abortSession: (serverId: string, sessionId: string) => Promise<void>;
}

export const backend: Backend = {
  appInfo,
  listServers,
  onServerStatusChanged,
  watchEvents,
  listSessions,
  createSession,
  loadMessages,
  sendPrompt,
  replyPermission,
  replyQuestion,
  rejectQuestion,
  abortSession,
};
