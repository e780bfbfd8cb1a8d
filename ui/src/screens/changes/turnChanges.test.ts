import { expect, it } from "vitest";
import type { Message, Part, SnapshotFileDiff } from "../../ipc";
import { assistant, textPart } from "../../test/factories";
import { turnChanges } from "./turnChanges";

const diff = (file: string): SnapshotFileDiff => ({ file, patch: "", additions: 1, deletions: 0, status: "added" });

function user(id: string, created: number, diffs?: SnapshotFileDiff[]): Message {
  return {
    role: "user",
    id,
    sessionID: "ses_1",
    time: { created },
    agent: "build",
    ...(diffs ? { summary: { diffs } } : {}),
  } as Message;
}

it("lists the turns that changed files, newest first, named by the prompt's first line", () => {
  const info: Record<string, Message> = {
    msg_1: user("msg_1", 10, [diff("a.ts")]),
    msg_2: assistant("msg_2"),
    msg_3: user("msg_3", 20),
    msg_4: user("msg_4", 30, [diff("b.ts"), diff("c.ts")]),
  };
  const parts: Record<string, Part[]> = {
    msg_1: [textPart("prt_1", "msg_1", "\n  Add a parser\nwith tests")],
    msg_3: [textPart("prt_3", "msg_3", "Nothing to change")],
    msg_4: [
      { ...textPart("prt_4", "msg_4", "Context the server added"), synthetic: true } as Part,
      textPart("prt_5", "msg_4", "Rename the module"),
    ],
  };
  const turns = turnChanges(["msg_1", "msg_2", "msg_3", "msg_4"], info, parts);
  expect(turns.map((t) => [t.messageId, t.prompt, t.at, t.diffs.map((d) => d.file)])).toEqual([
    ["msg_4", "Rename the module", 30, ["b.ts", "c.ts"]],
    ["msg_1", "Add a parser", 10, ["a.ts"]],
  ]);
});

it("skips messages not loaded and turns with an empty summary, and names a turn without text", () => {
  const info: Record<string, Message> = { msg_1: user("msg_1", 1, []), msg_2: user("msg_2", 2, [diff("x")]) };
  expect(turnChanges(["msg_0", "msg_1", "msg_2"], info, {})).toEqual([
    { messageId: "msg_2", prompt: "(no text)", at: 2, diffs: [diff("x")] },
  ]);
});
