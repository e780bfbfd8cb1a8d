import { describe, expect, it } from "vitest";
import type { Message } from "../ipc";
import { emptyUsage, sessionUsage, totalTokens } from "./usage";

function reply(
  id: string,
  tokens: { input: number | null; output: number | null; reasoning: number | null },
  cache: { read: number | null; write: number | null },
  cost: number | null,
): Message {
  return {
    role: "assistant",
    id,
    sessionID: "ses_1",
    time: { created: 1 },
    tokens: { ...tokens, cache },
    cost,
  } as Message;
}

const user = { role: "user", id: "msg_u", sessionID: "ses_1", time: { created: 1 } } as Message;

describe("sessionUsage", () => {
  it("is zero for no messages", () => {
    expect(sessionUsage([])).toEqual(emptyUsage());
  });

  it("sums tokens and cost of assistant messages only", () => {
    const usage = sessionUsage([
      user,
      reply("msg_1", { input: 100, output: 20, reasoning: 5 }, { read: 1000, write: 50 }, 0.25),
      reply("msg_2", { input: 40, output: 10, reasoning: 0 }, { read: 0, write: 7 }, 0.5),
    ]);
    expect(usage).toEqual({
      tokens: { input: 140, output: 30, reasoning: 5, cache: { read: 1000, write: 57 } },
      cost: 0.75,
    });
    expect(totalTokens(usage.tokens)).toBe(1232);
  });

  it("counts missing, negative or non-finite figures as zero", () => {
    const usage = sessionUsage([
      reply("msg_1", { input: null, output: 3, reasoning: null }, { read: null, write: null }, null),
      reply("msg_2", { input: -5, output: Number.NaN, reasoning: 2 }, { read: 4, write: null }, -1),
    ]);
    expect(usage).toEqual({
      tokens: { input: 0, output: 3, reasoning: 2, cache: { read: 4, write: 0 } },
      cost: 0,
    });
  });

  it("ignores messages of an unknown role", () => {
    const odd = { role: "unknown", id: "msg_x", cost: 9, tokens: { input: 9 } } as unknown as Message;
    expect(sessionUsage([odd])).toEqual(emptyUsage());
  });
});

it("counts a message without token figures as zero instead of failing", () => {
  const bare = { role: "assistant", id: "msg_x", sessionID: "s", time: { created: 1 } } as unknown as Message;
  expect(sessionUsage([bare]).tokens.input).toBe(0);
});
