import { describe, expect, it } from "vitest";
import type { Message } from "../../ipc";
import { replyNews, type Turn, turnOf } from "./turn";

const reply = (over: Record<string, unknown> = {}): Message =>
  ({ role: "assistant", id: "msg_2", sessionID: "ses_1", time: { created: 1 }, ...over }) as Message;

describe("turnOf", () => {
  it("reads the newest message: asked, replying (a step that ended in tool calls too), replied, stopped, failed", () => {
    expect(turnOf({ role: "user", id: "msg_1", sessionID: "ses_1", time: { created: 1 } } as Message)?.state).toBe("asked");
    expect(turnOf(reply())?.state).toBe("replying");
    expect(turnOf(reply({ time: { created: 1, completed: 2 }, finish: "tool-calls" }))?.state).toBe("replying");
    expect(turnOf(reply({ time: { created: 1, completed: 2 }, finish: "stop" }))?.state).toBe("replied");
    expect(turnOf(reply({ error: { name: "MessageAbortedError", data: {} } }))?.state).toBe("stopped");
    expect(turnOf(reply({ error: { name: "APIError", data: { message: "Overloaded." } } }))).toEqual({
      session: "ses_1",
      state: "failed",
      error: "Overloaded.",
    });
    expect(turnOf(undefined)).toBeUndefined();
  });
});

describe("replyNews", () => {
  const at = (state: Turn["state"], session = "ses_1", error?: string): Turn => ({ session, state, error });

  it("says when a reply starts and how it ends, once each", () => {
    expect(replyNews(at("asked"), at("replying"))).toBe("OpenCode is replying…");
    expect(replyNews(at("replying"), at("replying"))).toBeUndefined();
    expect(replyNews(at("replying"), at("replied"))).toBe("OpenCode replied.");
    expect(replyNews(at("asked"), at("replied"))).toBe("OpenCode replied.");
    expect(replyNews(at("replying"), at("stopped"))).toBe("The reply was stopped.");
    expect(replyNews(at("replying"), at("failed", "ses_1", "Overloaded."))).toBe("The reply failed: Overloaded.");
  });

  it("says nothing on the first look at a session, or for a prompt sent", () => {
    expect(replyNews(undefined, at("replying"))).toBeUndefined();
    expect(replyNews(at("replied", "ses_0"), at("replying"))).toBeUndefined();
    expect(replyNews(at("replying", "ses_0"), at("replied"))).toBeUndefined();
    expect(replyNews(at("replied"), at("asked"))).toBeUndefined();
    expect(replyNews(at("stopped"), at("replied"))).toBeUndefined();
  });
});
