import { describe, expect, it } from "vitest";
import type { Pty } from "../../ipc/pty";
import {
  acceptsInput,
  applyEvent,
  isWebLink,
  leftoverSentence,
  leftoversOf,
  sameSize,
  acceptableShells,
  shellFor,
  statusLine,
  statusOf,
  titleOf,
  type TabStatus,
} from "./model";

const pty = (id: string, over: Partial<Pty> = {}): Pty => ({
  id,
  title: "",
  command: "/bin/bash",
  args: [],
  cwd: "/p",
  status: "running",
  pid: 1,
  ...over,
});

describe("applyEvent", () => {
  const live: TabStatus = { kind: "live" };

  it("follows the socket while the shell runs", () => {
    const down = applyEvent(live, { type: "reconnecting", retryInMs: 500, reason: "socket lost" });
    expect(down).toEqual({ kind: "reconnecting", reason: "socket lost" });
    expect(applyEvent(down, { type: "connected", replayed: true })).toEqual(live);
  });

  it("keeps an exited shell exited through reconnects, and closed as the last word", () => {
    const exited = applyEvent(live, { type: "exited", exitCode: 2 });
    expect(exited).toEqual({ kind: "exited", code: 2 });
    expect(applyEvent(exited, { type: "reconnecting", retryInMs: 1, reason: "x" })).toBe(exited);
    expect(applyEvent(exited, { type: "connected", replayed: false })).toBe(exited);
    const closed = applyEvent(exited, { type: "closed", reason: "deleted" });
    expect(closed).toEqual({ kind: "closed", reason: "deleted" });
    expect(applyEvent(closed, { type: "connected", replayed: false })).toBe(closed);
    expect(acceptsInput(exited)).toBe(false);
    expect(acceptsInput(closed)).toBe(false);
    expect(acceptsInput(live)).toBe(true);
  });
});

describe("statusLine", () => {
  it("says nothing while live, and what happened otherwise", () => {
    expect(statusLine({ kind: "live" })).toBeUndefined();
    expect(statusLine({ kind: "connecting" })).toBeUndefined();
    expect(statusLine({ kind: "reconnecting", reason: "server restarting" })).toBe(
      "Reconnecting… (server restarting)",
    );
    expect(statusLine({ kind: "exited", code: 0 })).toBe("Process exited (code 0)");
    expect(statusLine({ kind: "exited", code: null })).toBe("Process exited");
    expect(statusLine({ kind: "closed", reason: "not found" })).toBe("Terminal closed (not found)");
  });
});

describe("leftovers", () => {
  it("are the listed PTYs no tab shows", () => {
    expect(leftoversOf([pty("a"), pty("b"), pty("c")], new Set(["b"])).map((p) => p.id)).toEqual(["a", "c"]);
    expect(leftoverSentence(1)).toBe("1 terminal from an earlier run");
    expect(leftoverSentence(2)).toBe("2 terminals from an earlier run");
  });

  it("come back exited when the server says so", () => {
    expect(statusOf(pty("a", { status: "exited", exitCode: 1 }))).toEqual({ kind: "exited", code: 1 });
    expect(statusOf(pty("a"))).toEqual({ kind: "connecting" });
  });
});

describe("shellFor", () => {
  const shells = [
    { path: "/bin/sh", name: "sh", acceptable: false },
    { path: "/bin/bash", name: "bash", acceptable: true },
    { path: "/usr/bin/fish", name: "fish", acceptable: true },
  ];

  it("is the one chosen, else the first acceptable, else the server's default", () => {
    // Nothing chosen: the server's default (the user's login shell).
    expect(shellFor(shells, undefined)).toBeNull();
    expect(shellFor(shells, "/usr/bin/fish")).toBe("/usr/bin/fish");
    expect(shellFor(shells, "/bin/sh")).toBeNull();
    expect(shellFor([], undefined)).toBeNull();
  });

  it("offers a shell the server lists in two directories once", () => {
    const twice = [
      { path: "/bin/bash", name: "bash", acceptable: true },
      { path: "/usr/bin/bash", name: "bash", acceptable: true },
      { path: "/bin/dash", name: "dash", acceptable: true },
    ];
    expect(acceptableShells(twice).map((s) => s.path)).toEqual(["/bin/bash", "/bin/dash"]);
  });
});

describe("titleOf", () => {
  it("is the server's title, else the program's name", () => {
    expect(titleOf(pty("a", { title: "Terminal 1" }))).toBe("Terminal 1");
    expect(titleOf(pty("a"))).toBe("bash");
  });
});

describe("isWebLink", () => {
  it("lets only http and https out", () => {
    expect(isWebLink("https://example.com/a?b")).toBe(true);
    expect(isWebLink("http://localhost:3000")).toBe(true);
    expect(isWebLink("file:///etc/passwd")).toBe(false);
    expect(isWebLink("javascript:alert(1)")).toBe(false);
    expect(isWebLink("vscode://open")).toBe(false);
    expect(isWebLink("not a url")).toBe(false);
  });
});

describe("sameSize", () => {
  it("compares rows and columns; an unknown size is never the same", () => {
    expect(sameSize({ rows: 1, cols: 2 }, { rows: 1, cols: 2 })).toBe(true);
    expect(sameSize({ rows: 1, cols: 2 }, { rows: 1, cols: 3 })).toBe(false);
    expect(sameSize(null, { rows: 1, cols: 2 })).toBe(false);
  });
});
