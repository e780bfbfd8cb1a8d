// A rule's automatic answer is seen in the transcript: the tool call it let run says so.
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { Part } from "../../ipc";
import type { AutoAnswered } from "../../ipc/rules";
import PartView from "../transcript/PartView";
import { clearAutoAnswered, KEPT, recordAutoAnswered, ruleAnswered } from "./autoAnswered";

afterEach(() => {
  cleanup();
  clearAutoAnswered();
});

const auto = (callId: string | null): AutoAnswered => ({
  server_id: "server-1",
  session_id: "ses_1",
  request_id: "per_1",
  call_id: callId,
  permission: "bash",
  patterns: ["touch ruled.txt"],
  rule: { project: "/work/app", permission: "bash", pattern: "touch ruled.txt" },
});

const bash = (callID: string) =>
  ({
    id: "prt_1",
    sessionID: "ses_1",
    messageID: "msg_1",
    type: "tool",
    callID,
    tool: "bash",
    state: { status: "completed", input: { command: "touch ruled.txt" }, output: "", title: "touch ruled.txt", metadata: {}, time: { start: 1, end: 2 } },
  }) as unknown as Part;

it("the tool call a rule answered says it was allowed by the rule", () => {
  render(() => <PartView part={bash("call_ruled")} />);
  expect(screen.queryByText(/allowed by your rule/)).toBeNull();
  recordAutoAnswered(auto("call_ruled"));
  expect(screen.getByText(/allowed by your rule/).textContent).toBe("allowed by your rule touch ruled.txt");
});

it("another call says nothing, an answer without a call id is not kept, and the oldest go past the cap", () => {
  recordAutoAnswered(auto("call_ruled"));
  recordAutoAnswered(auto(null));
  render(() => <PartView part={bash("call_other")} />);
  expect(screen.queryByText(/allowed by your rule/)).toBeNull();
  for (let n = 0; n < KEPT; n++) recordAutoAnswered(auto(`call_${String(n)}`));
  expect(ruleAnswered("call_ruled")).toBeUndefined();
  expect(ruleAnswered(`call_${String(KEPT - 1)}`)?.rule.pattern).toBe("touch ruled.txt");
});
