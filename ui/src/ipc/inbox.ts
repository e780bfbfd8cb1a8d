// The "Needs you" inbox, kept by Rust (src-tauri/src/inbox.rs, inbox_feed.rs): what waits for
// the user on every server the app follows, grouped by project. The window reads it, hears of
// each change, and says which session it shows while the user can see it, so a reply that
// finishes there is seen, not listed.
import {
  commands,
  events,
  type CommandError,
  type InboxGroup_Serialize,
  type InboxItem_Serialize,
  type NeedsYou_Serialize,
  type Waits,
} from "../bindings";
import { toAppError } from "./index";

export type NeedsYou = NeedsYou_Serialize;
export type InboxGroup = InboxGroup_Serialize;
export type InboxItem = InboxItem_Serialize;
export type { Waits };

/** A session on a server. */
export interface SessionAt {
  serverId: string;
  sessionId: string;
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The inbox now, across servers. */
export async function needsYou(): Promise<NeedsYou> {
  return unwrap(await commands.needsYou());
}

/** Calls `handler` with the whole inbox at each change; resolves to the unlisten function. */
export function onNeedsYouChanged(handler: (inbox: NeedsYou) => void): Promise<() => void> {
  return events.needsYouChanged.listen((event) => {
    handler(event.payload.inbox);
  });
}

/** The session the user sees now (null: none, or the window is out of sight). */
export async function setLookingAt(at: SessionAt | null): Promise<void> {
  unwrap(
    await commands.setLookingAt(at ? { server_id: at.serverId, session_id: at.sessionId } : null),
  );
}

/** What the window needs of the inbox; tests pass their own. */
export interface InboxApi {
  needsYou: typeof needsYou;
  onNeedsYouChanged: typeof onNeedsYouChanged;
  setLookingAt: typeof setLookingAt;
}
