// What the user typed and has not yet sent, as it is kept in localStorage so that it survives a
// server restart, a window reload and an app restart: each box's draft and each session's queued
// prompts, keyed by slot (server id, project directory, session id; "" for a new session). Pure:
// turning state into the stored text and back. What is stored is never trusted: a bad or older
// value reads as nothing, never as a crash.
import type { ModelRef, PromptDraft } from "../ipc";
import type { Queues } from "./queue";

/** A file attached to a draft, as a data: URL. */
export interface DraftFile {
  id: number;
  name: string;
  mime: string;
  url: string;
}

/** One box's unsent work. */
export interface Draft {
  text: string;
  attachments: DraftFile[];
  /** Paths picked from the @ list; attached while the text still mentions them. */
  mentions: string[];
  /** The user's own picks; unset means "the session's or the server's default". */
  model?: ModelRef;
  agent?: string;
  /** Why the last send from this box failed, or a file was refused (not stored). */
  error?: string;
}

/** The model and agent a `/command` or a `!command` runs with. */
export interface CommandChoice {
  model: ModelRef | null;
  agent: string | null;
}

/**
 * What goes out: a prompt, one of the server's `/` commands, or a `!` shell command (`command`
 * without the `!`). `text` is what the box held, as the queue shows it.
 */
export type Outgoing =
  | { kind: "prompt"; draft: PromptDraft }
  | { kind: "command"; name: string; args: string; choice: CommandChoice; text: string }
  | { kind: "shell"; command: string; choice: CommandChoice; text: string };

export const EMPTY_DRAFT: Draft = { text: "", attachments: [], mentions: [] };

export const STORAGE_KEY = "opencode-desk.unsent";
export const STORAGE_VERSION = 1;
/**
 * A larger attachment stays in the draft in memory but is not stored: localStorage holds about
 * 5 MB in all, and a screenshot or two must not push the text itself out.
 */
export const MAX_STORED_ATTACHMENT = 512 * 1024;

/** Where a box's work belongs: a server, a project on it, a session ("" before one exists). */
export function slotOf(serverId: string, directory: string, sessionId: string): string {
  return JSON.stringify([serverId, directory, sessionId]);
}

/** The session part of a slot; undefined when it is not a slot. */
export function sessionOfSlot(slot: string): string | undefined {
  const parsed: unknown = safeParse(slot);
  return Array.isArray(parsed) && typeof parsed[2] === "string" ? parsed[2] : undefined;
}

/** The slot's server and project: slots of one scope share it. */
export function scopeOfSlot(slot: string): string | undefined {
  const parsed: unknown = safeParse(slot);
  return Array.isArray(parsed) ? JSON.stringify(parsed.slice(0, 2)) : undefined;
}

export function scopeOf(serverId: string, directory: string): string {
  return JSON.stringify([serverId, directory]);
}

interface StoredQueue {
  items: { value: Outgoing; error?: string }[];
  paused: boolean;
}

interface Stored {
  version: number;
  drafts: Record<string, Omit<Draft, "error">>;
  queues: Record<string, StoredQueue>;
}

/**
 * The text to store. What is on its way now is left out: if the app dies before the answer, the
 * prompt may have gone, and sending it again after a restart would send it twice.
 */
export function serialize(
  drafts: Readonly<Record<string, Draft>>,
  queues: Queues<Outgoing>,
  withAttachments = true,
): string {
  const stored: Stored = { version: STORAGE_VERSION, drafts: {}, queues: {} };
  for (const [slot, draft] of Object.entries(drafts)) {
    const attachments = withAttachments
      ? draft.attachments.filter((file) => file.url.length <= MAX_STORED_ATTACHMENT)
      : [];
    if (draft.text === "" && attachments.length === 0 && !draft.model && !draft.agent) continue;
    stored.drafts[slot] = {
      text: draft.text,
      attachments,
      mentions: draft.mentions,
      ...(draft.model ? { model: draft.model } : {}),
      ...(draft.agent ? { agent: draft.agent } : {}),
    };
  }
  for (const [slot, queue] of Object.entries(queues.sessions)) {
    const items = queue.items
      .filter((item) => item.id !== queue.sending)
      .map((item) => (item.error === undefined ? { value: item.value } : { value: item.value, error: item.error }));
    if (items.length > 0) stored.queues[slot] = { items, paused: queue.paused };
  }
  return JSON.stringify(stored);
}

/** The stored text read back; anything unreadable, or of another version, is nothing. */
export function deserialize(text: string | null): {
  drafts: Record<string, Draft>;
  queues: Queues<Outgoing>;
} {
  const drafts: Record<string, Draft> = {};
  const queues: { sessions: Record<string, Queues<Outgoing>["sessions"][string]>; nextId: number } =
    { sessions: {}, nextId: 1 };
  const stored = text === null ? undefined : safeParse(text);
  if (!isRecord(stored) || stored["version"] !== STORAGE_VERSION) return { drafts, queues };
  for (const [slot, value] of Object.entries(asRecord(stored["drafts"]))) {
    const draft = readDraft(value);
    if (draft) drafts[slot] = draft;
  }
  for (const [slot, value] of Object.entries(asRecord(stored["queues"]))) {
    const queue = asRecord(value);
    const items = Array.isArray(queue["items"]) ? (queue["items"] as unknown[]) : [];
    const read = items.flatMap((item) => {
      const entry = asRecord(item);
      if (!isOutgoing(entry["value"])) return [];
      const error = typeof entry["error"] === "string" ? entry["error"] : undefined;
      const id = queues.nextId++;
      return [error === undefined ? { id, value: entry["value"] } : { id, value: entry["value"], error }];
    });
    if (read.length === 0) continue;
    queues.sessions[slot] = { items: read, sending: null, sentAt: null, paused: queue["paused"] === true };
  }
  return { drafts, queues };
}

function readDraft(value: unknown): Draft | undefined {
  const draft = asRecord(value);
  if (typeof draft["text"] !== "string") return undefined;
  const attachments = (Array.isArray(draft["attachments"]) ? (draft["attachments"] as unknown[]) : [])
    .map(asRecord)
    .filter(
      (file) =>
        typeof file["id"] === "number" &&
        typeof file["name"] === "string" &&
        typeof file["mime"] === "string" &&
        typeof file["url"] === "string",
    ) as unknown as DraftFile[];
  const mentions = (Array.isArray(draft["mentions"]) ? (draft["mentions"] as unknown[]) : []).filter(
    (m): m is string => typeof m === "string",
  );
  const model = asRecord(draft["model"]);
  const picked =
    typeof model["providerID"] === "string" && typeof model["modelID"] === "string"
      ? { providerID: model["providerID"], modelID: model["modelID"] }
      : undefined;
  return {
    text: draft["text"],
    attachments,
    mentions,
    ...(picked ? { model: picked } : {}),
    ...(typeof draft["agent"] === "string" ? { agent: draft["agent"] } : {}),
  };
}

function isOutgoing(value: unknown): value is Outgoing {
  const outgoing = asRecord(value);
  if (outgoing["kind"] === "prompt") return typeof asRecord(outgoing["draft"])["text"] === "string";
  if (outgoing["kind"] === "shell") {
    return (
      typeof outgoing["command"] === "string" &&
      typeof outgoing["text"] === "string" &&
      isRecord(outgoing["choice"])
    );
  }
  return (
    outgoing["kind"] === "command" &&
    typeof outgoing["name"] === "string" &&
    typeof outgoing["args"] === "string" &&
    typeof outgoing["text"] === "string" &&
    isRecord(outgoing["choice"])
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
