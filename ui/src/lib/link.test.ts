import { describe, expect, it } from "vitest";
import { fromServerStatus, serverProblem } from "./link";

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
