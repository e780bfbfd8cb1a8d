import { describe, expect, it } from "vitest";
import type { Session } from "../../ipc";
import { session } from "../../test/factories";
import { isWithin, requestsWithin } from "./withinSession";

const childOf = (id: string, title: string, parentID: string) => ({ ...session(id, title), parentID }) as Session;
const sessions: Record<string, Session> = {
  ses_top: session("ses_top", "Fix the build"),
  ses_other: session("ses_other", "Write docs"),
  ses_child: childOf("ses_child", "Run tests", "ses_top"),
  ses_grandchild: childOf("ses_grandchild", "Lint", "ses_child"),
};

describe("requestsWithin", () => {
  it("gives the open session's requests, then its sub-agents' at any depth, and no one else's", () => {
    const bySession = {
      ses_grandchild: ["lint?"],
      ses_other: ["docs?"],
      ses_top: ["build?"],
      ses_child: ["tests?"],
    };
    expect(requestsWithin(bySession, sessions, "ses_top")).toEqual(["build?", "lint?", "tests?"]);
    expect(requestsWithin(bySession, sessions, "ses_child")).toEqual(["tests?", "lint?"]);
    expect(requestsWithin(bySession, sessions, "ses_other")).toEqual(["docs?"]);
  });

  it("knows nothing of a session whose parent is not loaded, and ends on a loop", () => {
    expect(isWithin(sessions, "ses_unknown", "ses_top")).toBe(false);
    const looped: Record<string, Session> = {
      a: childOf("a", "A", "b"),
      b: childOf("b", "B", "a"),
    };
    expect(isWithin(looped, "a", "ses_top")).toBe(false);
  });
});
