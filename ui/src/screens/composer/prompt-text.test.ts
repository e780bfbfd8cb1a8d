import { describe, expect, it } from "vitest";
import type { Command } from "../../ipc";
import {
  applyCompletion,
  completionAt,
  fileUrl,
  filterCommands,
  mentionedPaths,
  mentionPart,
  parseCommand,
} from "./prompt-text";

const command = (name: string): Command => ({ name, template: "", hints: [] });
const COMMANDS = [command("init"), command("review"), command("preview")];

describe("completionAt", () => {
  it("completes a command only in the first word", () => {
    expect(completionAt("/rev", 4)).toEqual({ kind: "command", query: "rev", start: 0, end: 4 });
    expect(completionAt("/", 1)).toEqual({ kind: "command", query: "", start: 0, end: 1 });
    expect(completionAt("/review now", 11)).toBeNull();
    expect(completionAt("see /rev", 8)).toBeNull();
  });

  it("uses the text up to the caret as the query and the whole word as the span", () => {
    expect(completionAt("/review", 3)).toEqual({ kind: "command", query: "re", start: 0, end: 7 });
    expect(completionAt("look at @src/ap please", 15)).toEqual({
      kind: "file",
      query: "src/ap",
      start: 8,
      end: 15,
    });
  });

  it("completes @paths anywhere after a space or a line break", () => {
    expect(completionAt("@pa", 3)).toMatchObject({ kind: "file", query: "pa", start: 0 });
    expect(completionAt("fix\n@pa", 7)).toMatchObject({ kind: "file", query: "pa", start: 4 });
    expect(completionAt("x @", 3)).toMatchObject({ kind: "file", query: "" });
  });

  it("ignores an @ inside a word, such as an email address", () => {
    expect(completionAt("mail me@example.com", 19)).toBeNull();
  });

  it("ignores a caret at the start of a word or after a space", () => {
    expect(completionAt("/init", 0)).toBeNull();
    expect(completionAt("@a ", 3)).toBeNull();
    expect(completionAt("", 0)).toBeNull();
  });
});

describe("applyCompletion", () => {
  it("replaces the word and leaves the caret after one space", () => {
    const completion = completionAt("/re", 3);
    expect(completion && applyCompletion("/re", completion, "/review")).toEqual({
      text: "/review ",
      caret: 8,
    });
  });

  it("keeps the text after the word without doubling its space", () => {
    const text = "read @sr and fix";
    const completion = completionAt(text, 8);
    expect(completion && applyCompletion(text, completion, "@src/app.ts")).toEqual({
      text: "read @src/app.ts and fix",
      caret: 17,
    });
  });

  it("replaces the rest of the word after the caret too", () => {
    const completion = completionAt("@srcxyz", 3);
    expect(completion && applyCompletion("@srcxyz", completion, "@src/")).toEqual({
      text: "@src/ ",
      caret: 6,
    });
  });
});

describe("filterCommands", () => {
  it("lists names starting with the query before names containing it", () => {
    expect(filterCommands(COMMANDS, "rev").map((c) => c.name)).toEqual(["review", "preview"]);
  });

  it("matches regardless of case and lists all for an empty query", () => {
    expect(filterCommands(COMMANDS, "INI").map((c) => c.name)).toEqual(["init"]);
    expect(filterCommands(COMMANDS, "")).toHaveLength(3);
    expect(filterCommands(COMMANDS, "zzz")).toEqual([]);
  });
});

describe("parseCommand", () => {
  it("reads /name and its arguments for a known command", () => {
    expect(parseCommand("/review  the last commit ", COMMANDS)).toEqual({
      name: "review",
      args: "the last commit",
    });
    expect(parseCommand("/init", COMMANDS)).toEqual({ name: "init", args: "" });
    expect(parseCommand("/review line one\nline two", COMMANDS)).toEqual({
      name: "review",
      args: "line one\nline two",
    });
  });

  it("treats unknown names and other text as a plain prompt", () => {
    expect(parseCommand("/usr/bin is missing", COMMANDS)).toBeNull();
    expect(parseCommand("please /init", COMMANDS)).toBeNull();
    expect(parseCommand("/", COMMANDS)).toBeNull();
  });
});

describe("mentionedPaths", () => {
  it("finds the picked paths still written as @path words", () => {
    const text = "compare @src/a.ts with @src/b.ts, then @docs/";
    expect(mentionedPaths(text, ["src/a.ts", "src/b.ts", "docs/", "gone.ts"])).toEqual([
      "src/a.ts",
      "src/b.ts",
      "docs/",
    ]);
  });

  it("does not match a longer path, a path without @, or regex characters loosely", () => {
    expect(mentionedPaths("@src/a.tsx", ["src/a.ts"])).toEqual([]);
    expect(mentionedPaths("src/a.ts", ["src/a.ts"])).toEqual([]);
    expect(mentionedPaths("@aXb", ["a.b"])).toEqual([]);
    expect(mentionedPaths("@a.b @a.b", ["a.b", "a.b"])).toEqual(["a.b"]);
  });
});

describe("file parts for mentions", () => {
  it("builds file:// URLs with unsafe characters escaped", () => {
    expect(fileUrl("/home/me/my project/a#1?.ts")).toBe(
      "file:///home/me/my%20project/a%231%3F.ts",
    );
    expect(fileUrl("/srv/ünï/x.ts")).toBe("file:///srv/%C3%BCn%C3%AF/x.ts");
  });

  it("sends a file as text/plain and a directory as x-directory, from the project directory", () => {
    expect(mentionPart("/work/proj/", "src/app.ts")).toEqual({
      mime: "text/plain",
      url: "file:///work/proj/src/app.ts",
      filename: "src/app.ts",
    });
    expect(mentionPart("/work/proj", "src/")).toEqual({
      mime: "application/x-directory",
      url: "file:///work/proj/src/",
      filename: "src/",
    });
  });
});
