// The status bar's source: Rust's exact totals for the open session, asked when it opens and again
// (debounced) when its reply finishes or one of its assistant messages is updated; never the sum of
// the pages loaded; the last known figure kept while asking and after a failure.
import { createRoot, createSignal } from "solid-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "../ipc";
import type { UsageTotals } from "../ipc/usage";
import { assistant } from "../test/factories";
import { createSessionUsage, USAGE_OPEN_MS, USAGE_SETTLE_MS } from "./sessionUsage";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const totals = (cost: number, input = 100): UsageTotals => ({
  input,
  output: 10,
  reasoning: 0,
  cacheRead: 0,
  cacheWrite: 0,
  cost,
  messages: 1,
});

const user = (id: string) => ({ role: "user", id, sessionID: "ses_1", time: { created: 1 } }) as Message;
const reply = (id: string, cost: number) => ({ ...assistant(id), cost }) as Message;

/** A fetch the test answers by hand, one call at a time. */
function answers() {
  const calls: { sessionId: string; resolve: (t: UsageTotals) => void; reject: (e: Error) => void }[] = [];
  const fetch = vi.fn(
    (_server: string, sessionId: string) =>
      new Promise<UsageTotals>((resolve, reject) => calls.push({ sessionId, resolve, reject })),
  );
  return { fetch, calls };
}

function setup(fetch: (serverId: string, sessionId: string) => Promise<UsageTotals>) {
  const [open, setOpen] = createSignal<string | undefined>("ses_1");
  const [busy, setBusy] = createSignal(false);
  const [messages, setMessages] = createSignal<readonly Message[]>([]);
  let dispose: () => void = () => undefined;
  const usage = createRoot((d) => {
    dispose = d;
    return createSessionUsage({
      open: () => {
        const sessionId = open();
        return sessionId ? { serverId: "s1", sessionId } : undefined;
      },
      busy,
      messages,
      fetch,
    });
  });
  return { usage, setOpen, setBusy, setMessages, dispose };
}

/** A session opened, and the wait before its first count gone by. */
async function opened(fetch: (serverId: string, sessionId: string) => Promise<UsageTotals>) {
  const view = setup(fetch);
  await vi.advanceTimersByTimeAsync(USAGE_OPEN_MS);
  return view;
}

const flush = async () => {
  await vi.advanceTimersByTimeAsync(0);
};

describe("createSessionUsage", () => {
  it("asks only a second after a session opens, so the session's own first page goes first", async () => {
    const { fetch } = answers();
    const view = setup(fetch);
    await vi.advanceTimersByTimeAsync(USAGE_OPEN_MS - 100);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch).toHaveBeenCalledWith("s1", "ses_1");
    view.dispose();
  });

  it("asks Rust when a session opens and shows its exact totals, not the loaded pages' sum", async () => {
    const { fetch, calls } = answers();
    const view = await opened(fetch);
    expect(fetch).toHaveBeenCalledWith("s1", "ses_1");
    expect(view.usage()).toBeUndefined();
    // Only the tail is loaded: one reply of $0.10, but the session has cost $12.50.
    view.setMessages([user("msg_1"), reply("msg_2", 0.1)]);
    calls[0]?.resolve(totals(12.5, 4000));
    await flush();
    expect(view.usage()).toEqual({
      tokens: { input: 4000, output: 10, reasoning: 0, cache: { read: 0, write: 0 } },
      cost: 12.5,
    });
    // The page arriving is not news: nothing more is asked.
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS * 2);
    expect(fetch).toHaveBeenCalledTimes(1);
    view.dispose();
  });

  it("asks again 500 ms after an assistant message is updated, once for a burst, keeping the figure meanwhile", async () => {
    const { fetch, calls } = answers();
    const view = await opened(fetch);
    view.setMessages([user("msg_1"), reply("msg_2", 0.1)]);
    calls[0]?.resolve(totals(1));
    await flush();

    // message.updated replaces the reply's info in the store, step after step.
    view.setMessages([user("msg_1"), reply("msg_2", 0.2)]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS - 100);
    view.setMessages([user("msg_1"), reply("msg_2", 0.3)]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS - 100);
    expect(fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(view.usage()?.cost).toBe(1);
    calls[1]?.resolve(totals(1.3));
    await flush();
    expect(view.usage()?.cost).toBe(1.3);

    // A new reply (a newer id) is news too; a user message alone is not. (The store keeps the
    // info objects of messages nobody updated.)
    const [first, second] = [user("msg_1"), reply("msg_2", 0.3)];
    view.setMessages([first, second]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    calls[2]?.resolve(totals(1.3));
    view.setMessages([first, second, user("msg_3")]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    expect(fetch).toHaveBeenCalledTimes(3);
    view.setMessages([first, second, user("msg_3"), reply("msg_4", 0)]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    expect(fetch).toHaveBeenCalledTimes(4);
    view.dispose();
  });

  it("asks again when the reply finishes, but not when older pages load or are let go", async () => {
    const { fetch, calls } = answers();
    const view = await opened(fetch);
    const tail = [user("msg_5"), reply("msg_6", 0.1)];
    view.setMessages(tail);
    calls[0]?.resolve(totals(1));
    await flush();

    view.setMessages([user("msg_3"), reply("msg_4", 0.5), ...tail]);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    view.setMessages(tail);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    expect(fetch).toHaveBeenCalledTimes(1);

    view.setBusy(true);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    expect(fetch).toHaveBeenCalledTimes(1);
    view.setBusy(false);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
    view.dispose();
  });

  it("keeps the last known figure when asking fails", async () => {
    const { fetch, calls } = answers();
    const view = await opened(fetch);
    calls[0]?.resolve(totals(2));
    await flush();
    view.setBusy(true);
    view.setBusy(false);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    calls[1]?.reject(new Error("The OpenCode server did not answer."));
    await flush();
    expect(view.usage()?.cost).toBe(2);
    view.dispose();
  });

  it("shows each session's own figure, asks again on a switch, and lets no late answer overwrite a newer one", async () => {
    const { fetch, calls } = answers();
    const view = await opened(fetch);
    calls[0]?.resolve(totals(2));
    await flush();

    view.setOpen("ses_2");
    await vi.advanceTimersByTimeAsync(USAGE_OPEN_MS);
    expect(calls.at(-1)?.sessionId).toBe("ses_2");
    // Not the other session's figure while this one's is on its way.
    expect(view.usage()).toBeUndefined();
    calls[1]?.resolve(totals(7));
    await flush();
    expect(view.usage()?.cost).toBe(7);

    // Back to the first: its last figure at once, then the fresh one.
    view.setOpen("ses_1");
    expect(view.usage()?.cost).toBe(2);
    await vi.advanceTimersByTimeAsync(USAGE_OPEN_MS);
    view.setBusy(true);
    view.setBusy(false);
    await vi.advanceTimersByTimeAsync(USAGE_SETTLE_MS);
    // Two asks for ses_1 on their way; the newer answers first.
    calls[3]?.resolve(totals(3.5));
    await flush();
    calls[2]?.resolve(totals(3));
    await flush();
    expect(view.usage()?.cost).toBe(3.5);

    view.setOpen(undefined);
    expect(view.usage()).toBeUndefined();
    view.dispose();
  });
});
