import { describe, expect, it } from "vitest";
import { isReverted, revertedCount, visibleAfterRevert } from "./revert";

const ids = ["msg_01", "msg_02", "msg_03", "msg_04"];

describe("visibleAfterRevert", () => {
  it("shows everything when nothing is reverted, as the same array", () => {
    expect(visibleAfterRevert(ids, undefined)).toBe(ids);
    expect(visibleAfterRevert(ids, null)).toBe(ids);
  });

  it("hides the revert message and everything after it", () => {
    expect(visibleAfterRevert(ids, { messageID: "msg_03" })).toEqual(["msg_01", "msg_02"]);
    expect(visibleAfterRevert(ids, { messageID: "msg_01" })).toEqual([]);
  });

  it("hides by order when the revert message is not loaded", () => {
    // Reverted to before a message older than the loaded page: all of the page is undone.
    expect(visibleAfterRevert(ids, { messageID: "msg_00" })).toEqual([]);
    // A point after the last loaded message (a prompt not yet arrived) hides nothing.
    expect(visibleAfterRevert(ids, { messageID: "msg_09" })).toBe(ids);
    expect(visibleAfterRevert(ids, { messageID: "msg_025" })).toEqual(["msg_01", "msg_02"]);
  });
});

describe("revertedCount and isReverted", () => {
  it("counts the hidden messages", () => {
    expect(revertedCount(ids, { messageID: "msg_02" })).toBe(3);
    expect(revertedCount(ids, undefined)).toBe(0);
    expect(revertedCount([], { messageID: "msg_02" })).toBe(0);
  });

  it("tells a reverted message from a kept one", () => {
    expect(isReverted("msg_03", { messageID: "msg_03" })).toBe(true);
    expect(isReverted("msg_02", { messageID: "msg_03" })).toBe(false);
    expect(isReverted("msg_02", null)).toBe(false);
  });
});
