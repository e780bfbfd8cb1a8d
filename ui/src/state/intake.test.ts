import { afterEach, describe, expect, it, vi } from "vitest";
import type { PumpMessage, ServerEvent } from "../ipc";
import type { ConnectionState } from "../lib/connection";
import { Intake, RETRY_FIRST_MS } from "./intake";

const delta = (partID: string, text: string) =>
  ({
    type: "message.part.delta",
    properties: { sessionID: "s", messageID: "m", partID, field: "text", delta: text },
  }) as ServerEvent;
const partUpdated = (id: string) =>
  ({
    type: "message.part.updated",
    properties: { part: { type: "text", id, sessionID: "s", messageID: "m", text: "" } },
  }) as ServerEvent;
const events = (...list: ServerEvent[]): PumpMessage => ({ kind: "Events", events: list });
const connected = (marker: number): PumpMessage => ({ kind: "Connected", marker, resync: marker > 1 });
const dropped = (retry: number | null = 250): PumpMessage => ({
  kind: "Disconnected",
  message: "cut",
  retry_in_ms: retry,
});

/** An intake whose refetches the test ends one by one, in the order they started. */
function setup(snapshotParts: string[]) {
  const applied: ServerEvent[] = [];
  const states: ConnectionState[] = [];
  const refetches: ((ok: boolean) => void)[] = [];
  const intake = new Intake({
    apply: (list) => applied.push(...list),
    refetch: () =>
      new Promise<void>((resolve, reject) => {
        refetches.push((ok) => {
          if (ok) resolve();
          else reject(new Error("gone"));
        });
      }),
    hasPart: (_m, p) => snapshotParts.includes(p),
    setConnection: (s) => states.push(s),
  });
  const finish = async (ok = true) => {
    const next = refetches.find(Boolean);
    expect(next, "a refetch is running").toBeDefined();
    refetches[refetches.indexOf(next as (ok: boolean) => void)] = undefined as never;
    next?.(ok);
    await settle();
  };
  const started = () => refetches.length;
  return { intake, applied, states, finish, started };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe("Intake", () => {
  it("loads on the first marker, buffering what arrives meanwhile, and is live after", async () => {
    const { intake, applied, states, finish, started } = setup([]);
    intake.receive([connected(1), events(delta("p1", "a"))]);
    expect(started()).toBe(1);
    expect(applied).toEqual([]);
    expect(states).toEqual(["connecting"]);
    await finish();
    expect(applied).toEqual([delta("p1", "a")]);
    expect(states).toEqual(["connecting", "live"]);
    intake.receive([events(delta("p1", "b"))]);
    expect(applied).toHaveLength(2);
  });

  it("buffers during a resync and applies the buffer after the snapshot", async () => {
    const { intake, applied, states, finish } = setup(["p_old"]);
    intake.receive([connected(1)]);
    await finish();
    intake.receive([dropped(), connected(2)]);
    intake.receive([events(delta("p_new", "x"))]);
    expect(applied).toEqual([]);
    await finish();
    expect(applied).toEqual([delta("p_new", "x")]);
    expect(states).toEqual(["connecting", "live", "reconnecting", "resyncing", "live"]);
  });

  it("drops buffered deltas for parts present in the snapshot", async () => {
    const { intake, applied, finish } = setup(["p1"]);
    intake.receive([connected(1), events(delta("p1", "dup"), delta("p2", "y"))]);
    await finish();
    expect(applied).toEqual([delta("p2", "y")]);
  });

  it("keeps deltas that follow a whole-part update in the buffer", async () => {
    const { intake, applied, finish } = setup(["p1"]);
    intake.receive([connected(1), events(delta("p1", "old"), partUpdated("p1"), delta("p1", "new"))]);
    await finish();
    expect(applied).toEqual([partUpdated("p1"), delta("p1", "new")]);
  });

  it("a newer marker during a refetch refetches again, and only then is live", async () => {
    const { intake, applied, states, finish, started } = setup([]);
    intake.receive([connected(1)]);
    await finish();
    intake.receive([connected(2), events(delta("p1", "a"))]);
    // The server restarted again while the snapshot was on its way: it may predate events lost
    // in the second gap.
    intake.receive([dropped(), connected(3), events(delta("p2", "b"))]);
    expect(started()).toBe(2);
    await finish();
    expect(started()).toBe(3);
    expect(states.at(-1)).toBe("resyncing");
    expect(applied).toEqual([]);
    await finish();
    expect(states.at(-1)).toBe("live");
    expect(applied).toEqual([delta("p1", "a"), delta("p2", "b")]);
  });

  it("the same marker twice refetches once", async () => {
    const { intake, finish, started } = setup([]);
    intake.receive([connected(1), connected(1)]);
    await finish();
    intake.receive([connected(1)]);
    expect(started()).toBe(1);
  });

  it("retries a failed refetch with backoff while connected, saying resyncing, not reconnecting", async () => {
    vi.useFakeTimers();
    const states: ConnectionState[] = [];
    const applied: ServerEvent[] = [];
    let attempts = 0;
    const intake = new Intake({
      apply: (list) => applied.push(...list),
      refetch: () => {
        attempts += 1;
        return attempts < 3 ? Promise.reject(new Error("busy")) : Promise.resolve();
      },
      hasPart: () => false,
      setConnection: (s) => states.push(s),
    });
    intake.receive([connected(1), events(delta("p1", "a"))]);
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS - 1);
    expect(attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(2);
    // The wait doubles.
    await vi.advanceTimersByTimeAsync(RETRY_FIRST_MS * 2 - 1);
    expect(attempts).toBe(2);
    expect(applied).toEqual([]);
    expect(states).toEqual(["connecting"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(3);
    expect(states).toEqual(["connecting", "live"]);
    expect(applied).toEqual([delta("p1", "a")]);
    // Nothing more is scheduled once it converged.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toBe(3);
  });

  it("says reconnecting or offline when the stream drops, and keeps events if the refetch fails", async () => {
    const { intake, applied, states, finish } = setup([]);
    intake.receive([connected(1), events(delta("p9", "z"))]);
    intake.receive([dropped()]);
    await finish(false);
    expect(applied).toEqual([delta("p9", "z")]);
    intake.receive([dropped(null)]);
    expect(states).toEqual(["connecting", "reconnecting", "offline"]);
  });

  it("once stopped, applies and says nothing", async () => {
    const { intake, applied, states, finish } = setup([]);
    intake.receive([connected(1), events(delta("p1", "a"))]);
    intake.stop();
    await finish();
    intake.receive([events(delta("p1", "b")), dropped()]);
    expect(applied).toEqual([]);
    expect(states).toEqual(["connecting"]);
  });
});
