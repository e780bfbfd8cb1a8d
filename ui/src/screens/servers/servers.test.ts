import { describe, expect, it } from "vitest";
import type { Project, ServerInfo, ServerStatusView } from "../../ipc";
import {
  clearTextWarning,
  projectName,
  projectsNewestFirst,
  samePath,
  serverOrigin,
  serverUrlProblem,
  statusText,
  statusTone,
} from "./servers";

describe("clearTextWarning", () => {
  it.each(["http://192.168.1.20:4096", "http://box.example.com", "HTTP://Box:80/", "http://[fd00::2]:1"])(
    "warns that a password sent to %j travels in clear",
    (url) => {
      expect(clearTextWarning(url)).toMatch(/travels in clear/);
    },
  );

  it.each([
    "https://box.example.com",
    "http://127.0.0.1:4096",
    "http://127.1.2.3:1",
    "http://localhost:4096",
    "http://[::1]:4096",
    "not an address",
  ])("says nothing for %j", (url) => {
    expect(clearTextWarning(url)).toBeUndefined();
  });
});

describe("serverUrlProblem", () => {
  it.each(["http://192.168.1.20:4096", "https://opencode.example.com", "  http://host:1/ "])(
    "accepts %j",
    (url) => {
      expect(serverUrlProblem(url)).toBeUndefined();
    },
  );

  it.each([
    ["", /Enter the server's address/],
    ["   ", /Enter the server's address/],
    ["host:4096", /http:\/\/ or https:\/\//],
    ["ftp://host", /http:\/\/ or https:\/\//],
    ["not a url", /not an address/],
    ["http://user:secret@host:4096", /Leave the user name and password out/],
  ])("refuses %j", (url, why) => {
    expect(serverUrlProblem(url)).toMatch(why);
  });
});

describe("statusText and statusTone", () => {
  it.each<[ServerStatusView, string, string]>([
    [{ state: "starting" }, "Starting…", "busy"],
    [{ state: "ready" }, "Ready", "ok"],
    [{ state: "unreachable", message: "No answer" }, "Unreachable: No answer", "busy"],
    [{ state: "unauthorized", message: "Bad password" }, "Wrong user name or password: Bad password", "bad"],
    [{ state: "restarting", attempt: 2, message: "Crashed" }, "Restarting (attempt 2): Crashed", "busy"],
    [{ state: "failed", message: "Gave up" }, "Failed: Gave up", "bad"],
    [{ state: "stopped" }, "Stopped", "bad"],
  ])("%j reads %j", (status, text, tone) => {
    expect(statusText(status)).toBe(text);
    expect(statusTone(status)).toBe(tone);
  });
});

it("says who runs the server", () => {
  const server = { attached: true } as ServerInfo;
  expect(serverOrigin(server)).toMatch(/Found running/);
  expect(serverOrigin({ ...server, attached: false })).toBe("Started by OpenCode Desk");
});

const project = (worktree: string, time: unknown, name?: string) =>
  ({ id: worktree, worktree, time, ...(name ? { name } : {}) }) as Project;

describe("projects", () => {
  it("are named by the server, else by their folder", () => {
    expect(projectName(project("/home/me/desk", {}, "Desk"))).toBe("Desk");
    expect(projectName(project("/home/me/desk/", {}))).toBe("desk");
    expect(projectName(project("C:\\work\\api", {}, "  "))).toBe("api");
    expect(projectName(project("/", {}))).toBe("/");
  });

  it("sort most recently used first, whatever time the server sends", () => {
    const sorted = projectsNewestFirst([
      project("/a", { created: 5 }),
      project("/b", { created: 1, updated: 50 }),
      project("/c", null),
      project("/d", { created: 20 }),
      project("/e", "yesterday"),
    ]);
    expect(sorted.map((p) => p.worktree)).toEqual(["/b", "/d", "/a", "/c", "/e"]);
  });

  it("compare paths without a trailing separator", () => {
    expect(samePath("/home/me/desk/", "/home/me/desk")).toBe(true);
    expect(samePath("/", "/")).toBe(true);
    expect(samePath("/home/me/desk", "/home/me/desk2")).toBe(false);
    expect(samePath(null, "/x")).toBe(false);
  });
});
