import { describe, expect, it } from "vitest";
import type { PermissionRequest, QuestionRequest } from "../ipc";
import { assistant, session, textPart } from "../test/factories";
import { applySnapshot } from "./snapshots";
import { emptyProject } from "./store";

const permission = (id: string, sessionID: string) =>
  ({ id, sessionID, permission: "bash", patterns: [], metadata: {}, always: [] }) as PermissionRequest;
const question = (id: string, sessionID: string) =>
  ({ id, sessionID, questions: [] }) as unknown as QuestionRequest;
const page = (sessionId: string, ...ids: string[]) =>
  ids.map((id) => ({ info: assistant(id, sessionId), parts: [textPart(`p_${id}`, id, id)] }));

describe("applySnapshot", () => {
  it("a fetched session list removes sessions deleted meanwhile, with what they held", () => {
    const state = emptyProject();
    applySnapshot(state, {
      type: "sessions.fetched",
      sessions: [session("ses_a"), session("ses_gone")],
      pending: { permissions: [permission("per_1", "ses_gone")], questions: [] },
      statuses: { ses_gone: { type: "busy" } },
    });
    applySnapshot(state, { type: "page.opened", sessionId: "ses_gone", messages: page("ses_gone", "msg_1") });
    applySnapshot(state, {
      type: "sessions.fetched",
      sessions: [session("ses_a", "Renamed"), session("ses_b")],
      pending: { permissions: [], questions: [] },
      statuses: {},
    });
    expect(Object.keys(state.sessions).sort()).toEqual(["ses_a", "ses_b"]);
    expect(state.sessions.ses_a?.title).toBe("Renamed");
    expect(state.messages.ses_gone).toBeUndefined();
    expect(state.messageInfo.msg_1).toBeUndefined();
    expect(state.status).toEqual({});
    expect(state.permissions).toEqual({});
  });

  it("a fetched list replaces what is pending and what runs, sorted by id", () => {
    const state = emptyProject();
    state.permissions = { ses_a: [permission("per_old", "ses_a")] };
    state.questions = { ses_b: [question("que_old", "ses_b")] };
    state.status = { ses_a: { type: "busy" } };
    applySnapshot(state, {
      type: "sessions.fetched",
      sessions: [session("ses_a"), session("ses_b")],
      pending: {
        permissions: [permission("per_3", "ses_a"), permission("per_2", "ses_a")],
        questions: [question("que_1", "ses_a")],
      },
      statuses: { ses_b: { type: "busy" } },
    });
    expect(state.permissions.ses_a?.map((p) => p.id)).toEqual(["per_2", "per_3"]);
    expect(state.questions).toEqual({ ses_a: [question("que_1", "ses_a")] });
    expect(state.status).toEqual({ ses_b: { type: "busy" } });
  });

  it("an opened page keeps only that session's messages; older pages add; a trim lets go", () => {
    const state = emptyProject();
    applySnapshot(state, { type: "page.opened", sessionId: "ses_a", messages: page("ses_a", "msg_1") });
    applySnapshot(state, {
      type: "page.opened",
      sessionId: "ses_b",
      messages: page("ses_b", "msg_8", "msg_9"),
    });
    expect(state.messages).toEqual({ ses_b: ["msg_8", "msg_9"] });
    expect(state.parts.msg_1).toBeUndefined();
    applySnapshot(state, { type: "page.older", messages: page("ses_b", "msg_6", "msg_7") });
    expect(state.messages.ses_b).toEqual(["msg_6", "msg_7", "msg_8", "msg_9"]);
    applySnapshot(state, { type: "pages.trimmed", sessionId: "ses_b", oldest: "msg_8" });
    expect(state.messages.ses_b).toEqual(["msg_8", "msg_9"]);
    expect(state.messageInfo.msg_7).toBeUndefined();
    expect(state.parts.msg_6).toBeUndefined();
    expect(state.parts.msg_8?.[0]?.id).toBe("p_msg_8");
  });

  it("a page opened again replaces the messages removed meanwhile", () => {
    const state = emptyProject();
    applySnapshot(state, {
      type: "page.opened",
      sessionId: "ses_a",
      messages: page("ses_a", "msg_1", "msg_2"),
    });
    applySnapshot(state, { type: "page.opened", sessionId: "ses_a", messages: page("ses_a", "msg_1") });
    expect(state.messages.ses_a).toEqual(["msg_1"]);
    expect(state.messageInfo.msg_2).toBeUndefined();
  });

  it("saves, removes, loads extras and clears", () => {
    const state = emptyProject();
    applySnapshot(state, { type: "session.saved", session: session("ses_a", "A") });
    applySnapshot(state, {
      type: "extras.loaded",
      sessionId: "ses_a",
      todos: [{ content: "t", status: "pending", priority: "high" }],
      diffs: [],
    });
    expect(state.todos.ses_a).toHaveLength(1);
    applySnapshot(state, { type: "session.removed", sessionId: "ses_a" });
    expect(state.sessions).toEqual({});
    expect(state.todos).toEqual({});
    applySnapshot(state, { type: "session.saved", session: session("ses_b") });
    applySnapshot(state, { type: "cleared" });
    expect(state).toEqual(emptyProject());
  });
});
