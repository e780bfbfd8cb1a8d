// Where a session's conversation stands, read from its newest message, and what the
// transcript's live region says when that changes (Transcript.tsx). Pure, for its own tests.
import type { Message } from "../../ipc";

/** Why a reply failed, in the server's words. */
export function errorOf(message: Message | undefined): string | undefined {
  if (message?.role !== "assistant" || !message.error) return undefined;
  if (message.error.name === "MessageAbortedError") return "Stopped.";
  const data = message.error.data as { message?: unknown } | null;
  return typeof data?.message === "string" ? data.message : message.error.name;
}

/** Where the newest message says the conversation is, for the live region. */
export interface Turn {
  session: string;
  /** asked: the user's prompt is the newest message; the rest are the reply's states. */
  state: "asked" | "replying" | "replied" | "stopped" | "failed";
  error?: string | undefined;
}

export function turnOf(message: Message | undefined): Turn | undefined {
  if (message?.role === "user") return { session: message.sessionID, state: "asked" };
  if (message?.role !== "assistant") return undefined;
  const session = message.sessionID;
  if (message.error) {
    return message.error.name === "MessageAbortedError"
      ? { session, state: "stopped" }
      : { session, state: "failed", error: errorOf(message) };
  }
  // A step that ended in tool calls is followed by the next step's message: still replying.
  if (typeof message.time.completed !== "number" || message.finish === "tool-calls") {
    return { session, state: "replying" };
  }
  return { session, state: "replied" };
}

/**
 * What the live region says as the newest message changes: that a reply started and that it
 * ended (and how), nothing in between. A screen-reader user hears that there is something to
 * read, and reads it at their own pace; the text itself is never announced, as it would be token
 * by token. The first look at a session (opening it, switching) says nothing: only what happens
 * while it is open is news.
 */
export function replyNews(before: Turn | undefined, now: Turn | undefined): string | undefined {
  if (!before || !now || before.session !== now.session || before.state === now.state) return undefined;
  const waiting = before.state === "asked" || before.state === "replying";
  switch (now.state) {
    case "replying":
      return "OpenCode is replying…";
    case "replied":
      return waiting ? "OpenCode replied." : undefined;
    case "stopped":
      return waiting ? "The reply was stopped." : undefined;
    case "failed":
      return waiting ? `The reply failed: ${now.error ?? "unknown error"}` : undefined;
    case "asked":
      return undefined;
  }
}
