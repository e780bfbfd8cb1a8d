import { describe, expect, it } from "vitest";
import type { Message, Part } from "../../ipc";
import { replyCostAt, replyOver, stepsTitle, stopNote, type StepFinish, sumUsage, usageText } from "./replyCost";

const user = (id: string) => ({ role: "user", id, sessionID: "ses_1", time: { created: 1 } }) as Message;
/** A step's message: done, ended in tool calls (more steps follow), or still streaming. */
const step = (id: string, finish: "stop" | "tool-calls" | "streaming" = "tool-calls") =>
  ({
    role: "assistant",
    id,
    sessionID: "ses_1",
    time: finish === "streaming" ? { created: 1 } : { created: 1, completed: 2 },
    ...(finish === "streaming" ? {} : { finish }),
  }) as Message;
const finish = (id: string, input: number, output: number, cost: number, more: Partial<{ reasoning: number; cached: number; reason: string; part: string }> = {}) =>
  ({
    id: more.part ?? `prt_${id}`,
    sessionID: "ses_1",
    messageID: id,
    type: "step-finish",
    reason: more.reason ?? "stop",
    cost,
    tokens: { input, output, reasoning: more.reasoning ?? 0, cache: { read: more.cached ?? 0, write: 0 } },
  }) as StepFinish;
const text = (id: string) => ({ id: `txt_${id}`, sessionID: "ses_1", messageID: id, type: "text", text: "hi" }) as Part;

/** A session from messages listed oldest first, each with its parts. */
function session(...messages: [Message, Part[]][]) {
  const ids = messages.map(([m]) => m.id);
  const info = Object.fromEntries(messages.map(([m]) => [m.id, m]));
  const parts = Object.fromEntries(messages.map(([m, p]) => [m.id, p]));
  return { ids, info, parts, at: (id: string, hasOlder = false) => replyCostAt(ids, ids.indexOf(id), info, parts, hasOlder) };
}

describe("usageText and stepsTitle", () => {
  it("say the sum of a reply's steps, reasoning and cached only when there are some", () => {
    const steps = [finish("a", 1000, 100, 0.004), finish("b", 234, 200, 0.006, { reasoning: 50, cached: 8000 })];
    expect(usageText(sumUsage(steps))).toBe("1.2k in · 300 out · 50 reasoning · 8k cached · $0.01");
    expect(usageText(sumUsage([finish("a", 5, 7, 0)]))).toBe("5 in · 7 out · $0.00");
  });

  it("break the sum down step by step", () => {
    const steps = [finish("a", 1234, 300, 0.0123), finish("b", 10, 20, 0, { cached: 900 })];
    expect(stepsTitle(steps)).toBe("Step 1: 1.2k in · 300 out · $0.01\nStep 2: 10 in · 20 out · 900 cached · $0.00");
  });
});

describe("stopNote", () => {
  it("says a stop short of the reply, nothing for the usual ends", () => {
    expect(stopNote("length")).toBe("Cut off at the output limit");
    expect(stopNote("content-filter")).toBe("Stopped by the content filter");
    expect(stopNote("stop")).toBeUndefined();
    expect(stopNote("tool-calls")).toBeUndefined();
    expect(stopNote(undefined)).toBeUndefined();
  });
});

describe("replyOver", () => {
  it("is over when the user wrote again, or the last step is done and did not end in tool calls", () => {
    expect(replyOver(step("m", "stop"), false)).toBe(true);
    expect(replyOver(step("m", "tool-calls"), false)).toBe(false);
    expect(replyOver(step("m", "streaming"), false)).toBe(false);
    expect(replyOver(step("m", "streaming"), true)).toBe(true);
    expect(replyOver({ ...step("m", "streaming"), error: { name: "MessageAbortedError", data: {} } } as Message, false)).toBe(true);
    expect(replyOver(undefined, false)).toBe(false);
  });
});

describe("replyCostAt", () => {
  it("puts one line, the sum of the reply's steps, on the reply's last message only", () => {
    const s = session(
      [user("u1"), [text("u1")]],
      [step("a1"), [text("a1"), finish("a1", 1000, 100, 0.01)]],
      [step("a2"), [finish("a2", 2000, 200, 0.02)]],
      [step("a3", "stop"), [text("a3"), finish("a3", 3000, 300, 0.03, { reasoning: 30 })]],
      [user("u2"), [text("u2")]],
      [step("b1", "stop"), [finish("b1", 1, 2, 0)]],
    );
    expect(s.at("u1")).toBeUndefined();
    expect(s.at("a1")).toBeUndefined();
    expect(s.at("a2")).toBeUndefined();
    expect(s.at("a3")).toEqual({
      text: "6k in · 600 out · 30 reasoning · $0.06",
      title: "Step 1: 1k in · 100 out · $0.01\nStep 2: 2k in · 200 out · $0.02\nStep 3: 3k in · 300 out · 30 reasoning · $0.03",
    });
    // The next reply is its own sum, not the session's.
    expect(s.at("b1")?.text).toBe("1 in · 2 out · $0.00");
  });

  it("shows nothing while the reply streams: a step in progress, or one that ended in tool calls", () => {
    const streaming = session([user("u1"), []], [step("a1"), [finish("a1", 1, 1, 0)]], [step("a2", "streaming"), []]);
    expect(streaming.at("a2")).toBeUndefined();
    expect(streaming.at("a1")).toBeUndefined();
    const between = session([user("u1"), []], [step("a1"), [finish("a1", 1, 1, 0)]]);
    expect(between.at("a1")).toBeUndefined();
  });

  it("sums a reply the user interrupted by writing again, even if its last step never ended", () => {
    const s = session([user("u1"), []], [step("a1", "streaming"), [finish("a1", 10, 1, 0)]], [user("u2"), []]);
    expect(s.at("a1")?.text).toBe("10 in · 1 out · $0.00");
  });

  it("counts every step of a message that holds several", () => {
    const s = session([user("u1"), []], [step("a1", "stop"), [finish("a1", 1, 1, 0), finish("a1", 2, 2, 0, { part: "prt_x" })]]);
    expect(s.at("a1")?.title).toBe("Step 1: 1 in · 1 out · $0.00\nStep 2: 2 in · 2 out · $0.00");
  });

  it("waits for the reply's start when it is in a page not loaded yet, and shows nothing for no steps", () => {
    const s = session([step("a1"), [finish("a1", 1, 1, 0)]], [step("a2", "stop"), [finish("a2", 1, 1, 0)]]);
    expect(s.at("a2", true)).toBeUndefined();
    expect(s.at("a2", false)?.text).toBe("2 in · 2 out · $0.00");
    expect(session([user("u1"), []], [step("a1", "stop"), [text("a1")]]).at("a1")).toBeUndefined();
  });
});
