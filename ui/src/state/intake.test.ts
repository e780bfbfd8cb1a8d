import { describe, expect, it } from "vitest";
import type { PumpMessage, ServerEvent } from "../ipc";
import type { ConnectionState } from "../lib/connection";
import { Intake } from "./intake";

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

function setup(snapshotParts: string[]) {
  const applied: ServerEvent[] = [];
  const states: ConnectionState[] = [];
  let finishRefetch: (ok: boolean) => void = () => undefined;
  const intake = new Intake({
    apply: (list) => applied.push(...list),
    refetch: () =>
      new Promise<void>((resolve, reject) => {
        finishRefetch = (ok) => {
          if (ok) resolve();
          else reject(new Error("gone"));
        };
      }),
    hasPart: (_m, p) => snapshotParts.includes(p),
    setConnection: (s) => states.push(s),
  });
  return {
    intake,
    applied,
    states,
    finish: (ok = true) => {
      finishRefetch(ok);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Intake", () => {
  it("applies events at once while live", () => {
    const { intake, applied, states } = setup([]);
    intake.receive([{ kind: "Connected", resync: false }, events(delta("p1", "a"))]);
    expect(states).toEqual(["live"]);
    expect(applied).toHaveLength(1);
  });

  it("buffers during a resync and applies the buffer after the snapshot", async () => {
    const { intake, applied, states, finish } = setup(["p_old"]);
    intake.receive([{ kind: "Connected", resync: true }]);
    intake.receive([events(delta("p_new", "x"))]);
    expect(applied).toEqual([]);
    expect(states).toEqual(["resyncing"]);
    finish();
    await settle();
    expect(applied).toEqual([delta("p_new", "x")]);
    expect(states).toEqual(["resyncing", "live"]);
  });

  it("drops buffered deltas for parts present in the snapshot", async () => {
    const { intake, applied, finish } = setup(["p1"]);
    intake.receive([{ kind: "Connected", resync: true }, events(delta("p1", "dup"), delta("p2", "y"))]);
    finish();
    await settle();
    expect(applied).toEqual([delta("p2", "y")]);
  });

  it("keeps deltas that follow a whole-part update in the buffer", async () => {
    const { intake, applied, finish } = setup(["p1"]);
    intake.receive([
      { kind: "Connected", resync: true },
      events(delta("p1", "old"), partUpdated("p1"), delta("p1", "new")),
    ]);
    finish();
    await settle();
    expect(applied).toEqual([partUpdated("p1"), delta("p1", "new")]);
  });

  it("says reconnecting or offline when the stream drops, and keeps events if the refetch fails", async () => {
    const { intake, applied, states, finish } = setup([]);
    intake.receive([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
    intake.receive([{ kind: "Connected", resync: true }, events(delta("p9", "z"))]);
    finish(false);
    await settle();
    expect(applied).toEqual([delta("p9", "z")]);
    intake.receive([{ kind: "Disconnected", message: "401", retry_in_ms: null }]);
    expect(states).toEqual(["reconnecting", "resyncing", "reconnecting", "offline"]);
  });
});
