import { describe, expect, it } from "vitest";
import { afterStreamMessage, fromServerStatus, serverProblem } from "./link";

describe("afterStreamMessage", () => {
  it("is live on a first connection and resyncing after a reconnect", () => {
    expect(afterStreamMessage({ kind: "Connected", resync: false })).toBe("live");
    expect(afterStreamMessage({ kind: "Connected", resync: true })).toBe("resyncing");
  });

  it("is reconnecting while the stream retries and offline when it gave up", () => {
    expect(afterStreamMessage({ kind: "Disconnected", message: "cut", retry_in_ms: 250 })).toBe(
      "reconnecting",
    );
    expect(afterStreamMessage({ kind: "Disconnected", message: "401", retry_in_ms: null })).toBe(
      "offline",
    );
  });

  it("leaves the state alone for plain events", () => {
    expect(afterStreamMessage({ kind: "Events", events: [] })).toBeUndefined();
  });
});

describe("fromServerStatus", () => {
  it("maps each server status to what the status bar shows", () => {
    expect(fromServerStatus({ state: "starting" })).toBe("connecting");
    expect(fromServerStatus({ state: "ready" })).toBeUndefined();
    expect(fromServerStatus({ state: "restarting", attempt: 1, message: "crashed" })).toBe(
      "reconnecting",
    );
    expect(fromServerStatus({ state: "failed", message: "no binary" })).toBe("offline");
    expect(fromServerStatus({ state: "stopped" })).toBe("offline");
  });
});

describe("serverProblem", () => {
  it("explains a server that cannot be used and is silent otherwise", () => {
    expect(serverProblem({ state: "failed", message: "OpenCode is not installed" })).toBe(
      "OpenCode is not installed",
    );
    expect(serverProblem({ state: "ready" })).toBeUndefined();
    expect(serverProblem({ state: "restarting", attempt: 2, message: "x" })).toBeUndefined();
  });
});
