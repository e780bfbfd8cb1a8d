import { describe, expect, it } from "vitest";
import {
  canSendDirectly,
  emptyQueues,
  enqueue,
  failed,
  graceEnds,
  moveItems,
  pause,
  remove,
  resume,
  retry,
  sawBusy,
  sessionQueue,
  START_GRACE_MS,
  startDirect,
  succeeded,
  takeNext,
  type Queues,
} from "./queue";

const A = "ses_a";
const B = "ses_b";
const T0 = 1_000_000;

function queued(...values: string[]): Queues<string> {
  let queues = emptyQueues<string>();
  for (const value of values) queues = enqueue(queues, A, value).queues;
  return queues;
}

function texts(queues: Queues<string>, sessionId = A): string[] {
  return sessionQueue(queues, sessionId).items.map((item) => item.value);
}

describe("sending directly", () => {
  it("lets a prompt skip the queue only when the session is idle and nothing waits", () => {
    const queues = emptyQueues<string>();
    expect(canSendDirectly(queues, A, false, T0)).toBe(true);
    expect(canSendDirectly(queues, A, true, T0)).toBe(false);
    expect(canSendDirectly(queued("first"), A, false, T0)).toBe(false);
    expect(canSendDirectly(startDirect(queues, A), A, false, T0)).toBe(false);
  });

  it("queues what follows a direct send until its reply has started and finished", () => {
    let queues = startDirect(emptyQueues<string>(), A);
    queues = succeeded(queues, A, { now: T0, busy: false });
    // The server has accepted the prompt but not yet said busy: the next one must wait.
    expect(canSendDirectly(queues, A, false, T0 + 10)).toBe(false);
    queues = enqueue(queues, A, "second").queues;
    expect(takeNext(queues, A, false, T0 + 10)).toBeNull();
    queues = sawBusy(queues, A);
    expect(takeNext(queues, A, true, T0 + 20)).toBeNull();
    expect(takeNext(queues, A, false, T0 + 30)?.item.value).toBe("second");
  });

  it("does not wait for a busy it already saw when the send came back", () => {
    let queues = startDirect(emptyQueues<string>(), A);
    queues = succeeded(queues, A, { now: T0, busy: true });
    expect(graceEnds(queues, A)).toBeNull();
    expect(canSendDirectly(queues, A, false, T0 + 1)).toBe(true);
  });

  it("stops waiting for the reply to start after the grace period", () => {
    let queues = startDirect(emptyQueues<string>(), A);
    queues = succeeded(queues, A, { now: T0, busy: false });
    queues = enqueue(queues, A, "next").queues;
    expect(graceEnds(queues, A)).toBe(T0 + START_GRACE_MS);
    expect(takeNext(queues, A, false, T0 + START_GRACE_MS - 1)).toBeNull();
    expect(takeNext(queues, A, false, T0 + START_GRACE_MS)?.item.value).toBe("next");
  });

  it("leaves a failed direct send out of the queue (the composer gives the text back)", () => {
    let queues = startDirect(emptyQueues<string>(), A);
    queues = failed(queues, A, "Server down");
    expect(texts(queues)).toEqual([]);
    expect(canSendDirectly(queues, A, false, T0)).toBe(true);
  });
});

describe("the queue", () => {
  it("keeps prompts in the order they were typed, with distinct ids", () => {
    let queues = emptyQueues<string>();
    const first = enqueue(queues, A, "one");
    queues = first.queues;
    const second = enqueue(queues, A, "two");
    queues = second.queues;
    expect(texts(queues)).toEqual(["one", "two"]);
    expect(first.id).not.toBe(second.id);
  });

  it("sends nothing while the session is busy", () => {
    expect(takeNext(queued("one"), A, true, T0)).toBeNull();
  });

  it("sends one item at a time, each after the previous reply", () => {
    let queues = queued("one", "two");
    const first = takeNext(queues, A, false, T0);
    expect(first?.item.value).toBe("one");
    queues = first?.queues ?? queues;
    // While "one" is on its way, "two" waits even though the session still looks idle.
    expect(takeNext(queues, A, false, T0)).toBeNull();
    queues = succeeded(queues, A, { now: T0 + 5, busy: false });
    expect(texts(queues)).toEqual(["two"]);
    expect(takeNext(queues, A, false, T0 + 6)).toBeNull();
    queues = sawBusy(queues, A);
    const second = takeNext(queues, A, false, T0 + 100);
    expect(second?.item.value).toBe("two");
    queues = succeeded(second?.queues ?? queues, A, { now: T0 + 105, busy: true });
    expect(texts(queues)).toEqual([]);
  });

  it("keeps a failed item at the head with its error and holds the rest", () => {
    let queues = queued("one", "two");
    queues = takeNext(queues, A, false, T0)?.queues ?? queues;
    queues = failed(queues, A, "The server is unreachable.");
    expect(sessionQueue(queues, A).items.map((item) => [item.value, item.error])).toEqual([
      ["one", "The server is unreachable."],
      ["two", undefined],
    ]);
    expect(takeNext(queues, A, false, T0 + 1)).toBeNull();
  });

  it("sends a failed item again once retried", () => {
    let queues = queued("one");
    queues = takeNext(queues, A, false, T0)?.queues ?? queues;
    queues = failed(queues, A, "Timed out");
    const id = sessionQueue(queues, A).items[0]?.id ?? -1;
    queues = retry(queues, A, id);
    expect(sessionQueue(queues, A).items[0]?.error).toBeUndefined();
    expect(takeNext(queues, A, false, T0 + 1)?.item.value).toBe("one");
  });

  it("moves on to the next item when a failed head is removed", () => {
    let queues = queued("one", "two");
    queues = takeNext(queues, A, false, T0)?.queues ?? queues;
    queues = failed(queues, A, "Timed out");
    const id = sessionQueue(queues, A).items[0]?.id ?? -1;
    queues = remove(queues, A, id);
    expect(takeNext(queues, A, false, T0 + 1)?.item.value).toBe("two");
  });

  it("removes a waiting item but not the one on its way", () => {
    let queues = queued("one", "two", "three");
    const [one, two] = sessionQueue(queues, A).items;
    queues = takeNext(queues, A, false, T0)?.queues ?? queues;
    expect(texts(remove(queues, A, one?.id ?? -1))).toEqual(["one", "two", "three"]);
    expect(texts(remove(queues, A, two?.id ?? -1))).toEqual(["one", "three"]);
  });

  it("ignores unknown ids and outcomes with nothing on its way", () => {
    const queues = queued("one");
    expect(remove(queues, A, 999)).toBe(queues);
    expect(retry(queues, A, 999)).toBe(queues);
    expect(succeeded(queues, A, { now: T0, busy: false })).toBe(queues);
    expect(failed(queues, A, "x")).toBe(queues);
  });

  it("forgets a session once its queue is empty and settled", () => {
    let queues = queued("one");
    queues = takeNext(queues, A, false, T0)?.queues ?? queues;
    queues = succeeded(queues, A, { now: T0, busy: true });
    expect(queues.sessions).toEqual({});
  });
});

describe("Stop", () => {
  it("holds the queue until resumed", () => {
    let queues = pause(queued("one"), A);
    expect(sessionQueue(queues, A).paused).toBe(true);
    expect(takeNext(queues, A, false, T0)).toBeNull();
    queues = resume(queues, A);
    expect(takeNext(queues, A, false, T0)?.item.value).toBe("one");
  });

  it("does not hold an empty queue, and lets go once the last held item is removed", () => {
    expect(sessionQueue(pause(emptyQueues<string>(), A), A).paused).toBe(false);
    let queues = pause(queued("one"), A);
    const id = sessionQueue(queues, A).items[0]?.id ?? -1;
    queues = remove(queues, A, id);
    expect(sessionQueue(queues, A).paused).toBe(false);
    expect(canSendDirectly(queues, A, false, T0)).toBe(true);
  });
});

describe("sessions", () => {
  it("keeps each session's queue to itself", () => {
    let queues = queued("for A");
    queues = enqueue(queues, B, "for B").queues;
    expect(texts(queues, A)).toEqual(["for A"]);
    expect(texts(queues, B)).toEqual(["for B"]);
    const next = takeNext(queues, B, false, T0);
    expect(next?.item.value).toBe("for B");
    queues = next?.queues ?? queues;
    // B's send on its way neither blocks nor releases A.
    expect(takeNext(queues, A, false, T0)?.item.value).toBe("for A");
  });

  it("sends nothing for a session that has no queue", () => {
    expect(takeNext(queued("for A"), B, false, T0)).toBeNull();
  });

  it("keeps one session busy-waiting while another sends", () => {
    let queues = startDirect(emptyQueues<string>(), A);
    queues = succeeded(queues, A, { now: T0, busy: false });
    expect(canSendDirectly(queues, B, false, T0)).toBe(true);
    expect(canSendDirectly(queues, A, false, T0)).toBe(false);
    expect(graceEnds(queues, B)).toBeNull();
  });
});

describe("a new session's box", () => {
  it("hands what waits behind its first prompt to the session that prompt created", () => {
    let queues = startDirect(emptyQueues<string>(), "");
    queues = enqueue(queues, "", "second").queues;
    queues = enqueue(queues, "", "third").queues;
    queues = succeeded(queues, "", { now: T0, busy: false });
    queues = moveItems(queues, "", A);
    expect(texts(queues, "")).toEqual([]);
    expect(texts(queues, A)).toEqual(["second", "third"]);
    // The new session's reply has not started: the next waits for it, in that session.
    expect(takeNext(queues, A, false, T0 + 1)).toBeNull();
    expect(takeNext(queues, A, false, T0 + START_GRACE_MS)?.item.value).toBe("second");
    expect(queues.sessions[""]).toBeUndefined();
  });
});
