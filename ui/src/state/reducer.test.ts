import { describe, expect, it } from "vitest";
import type { ServerEvent } from "../ipc";
import { assistant, session, textPart } from "../test/factories";
import { applyEvents } from "./reducer";
import { emptyProject } from "./store";

const ev = (type: string, properties: unknown) => ({ type, properties }) as ServerEvent;

function textOf(state: ReturnType<typeof emptyProject>, messageId: string): string {
  return (state.parts[messageId] ?? [])
    .map((p) => (p.type === "text" ? p.text : ""))
    .join("");
}

describe("applyEvents", () => {
  it("builds a streamed reply from a part and its deltas", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("session.created", { sessionID: "ses_1", info: session("ses_1") }),
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_2") }),
      ev("message.part.updated", { sessionID: "ses_1", part: textPart("prt_1", "msg_2") }),
      ev("message.part.delta", {
        sessionID: "ses_1",
        messageID: "msg_2",
        partID: "prt_1",
        field: "text",
        delta: "Hel",
      }),
      ev("message.part.delta", {
        sessionID: "ses_1",
        messageID: "msg_2",
        partID: "prt_1",
        field: "text",
        delta: "lo",
      }),
    ]);
    expect(state.messages.ses_1).toEqual(["msg_2"]);
    expect(textOf(state, "msg_2")).toBe("Hello");
  });

  it("lets a whole-part update correct what deltas built", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("message.part.updated", { sessionID: "ses_1", part: textPart("prt_1", "msg_1", "Hel") }),
      ev("message.part.updated", {
        sessionID: "ses_1",
        part: textPart("prt_1", "msg_1", "Hello, world"),
      }),
    ]);
    expect(textOf(state, "msg_1")).toBe("Hello, world");
    expect(state.parts.msg_1).toHaveLength(1);
  });

  it("drops a delta for a part it has not seen instead of inventing one", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("message.part.delta", {
        sessionID: "ses_1",
        messageID: "msg_9",
        partID: "prt_9",
        field: "text",
        delta: "x",
      }),
    ]);
    expect(state.parts.msg_9).toBeUndefined();
  });

  it("keeps messages and parts in id order whatever the arrival order", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_3") }),
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_1") }),
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_2") }),
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_2") }),
      ev("message.part.updated", { sessionID: "ses_1", part: textPart("prt_b", "msg_1", "b") }),
      ev("message.part.updated", { sessionID: "ses_1", part: textPart("prt_a", "msg_1", "a") }),
    ]);
    expect(state.messages.ses_1).toEqual(["msg_1", "msg_2", "msg_3"]);
    expect(textOf(state, "msg_1")).toBe("ab");
  });

  it("tracks pending permissions until they are answered", () => {
    const state = emptyProject();
    const asked = {
      id: "per_1",
      sessionID: "ses_1",
      permission: "bash",
      patterns: ["make"],
      metadata: {},
      always: [],
    };
    applyEvents(state, [ev("permission.asked", asked), ev("permission.asked", asked)]);
    expect(state.permissions.ses_1?.map((p) => p.id)).toEqual(["per_1"]);
    applyEvents(state, [
      ev("permission.replied", { sessionID: "ses_1", requestID: "per_1", reply: "once" }),
    ]);
    expect(state.permissions.ses_1).toEqual([]);
  });

  it("removes a deleted session with everything under it", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("session.created", { sessionID: "ses_1", info: session("ses_1") }),
      ev("message.updated", { sessionID: "ses_1", info: assistant("msg_1") }),
      ev("message.part.updated", { sessionID: "ses_1", part: textPart("prt_1", "msg_1", "x") }),
      ev("session.status", { sessionID: "ses_1", status: { type: "busy" } }),
      ev("session.deleted", { sessionID: "ses_1", info: session("ses_1") }),
    ]);
    expect(state.sessions).toEqual({});
    expect(state.messageInfo).toEqual({});
    expect(state.parts).toEqual({});
    expect(state.status).toEqual({});
  });

  it("ignores unknown and malformed events", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("unknown", { kind: "catalog.updated", properties: {} }),
      ev("malformed", { kind: "", error: "not JSON" }),
    ]);
    expect(state).toEqual(emptyProject());
  });

  it("counts news of changed files: edits, the file watcher, a branch switch, a new connection", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("file.edited", { file: "/p/a.ts" }),
      ev("unknown", { kind: "file.watcher.updated", properties: { file: "/p/b.ts", event: "add" } }),
      ev("vcs.branch.updated", { branch: "feature" }),
      ev("server.connected", {}),
      ev("server.heartbeat", {}),
    ]);
    expect(state.fileChanges).toBe(4);
  });

  it("records status, todos and diffs per session", () => {
    const state = emptyProject();
    applyEvents(state, [
      ev("session.status", { sessionID: "ses_1", status: { type: "busy" } }),
      ev("todo.updated", {
        sessionID: "ses_1",
        todos: [{ content: "write tests", status: "in_progress", priority: "high" }],
      }),
      ev("session.idle", { sessionID: "ses_1" }),
    ]);
    expect(state.status.ses_1).toEqual({ type: "idle" });
    expect(state.todos.ses_1?.[0]?.content).toBe("write tests");
  });
});
