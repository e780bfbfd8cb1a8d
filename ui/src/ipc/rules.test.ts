// The rules commands through the door: arguments as Rust names them, results unwrapped.
import { afterEach, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { allowAlwaysHere, listRules, removeRule } from "./rules";

afterEach(() => {
  clearMocks();
});

const rule = { project: "/work/app", permission: "bash", pattern: "cargo test*" };

it("lists, allows here and removes, passing what Rust expects", async () => {
  const seen: unknown[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return { rules: [rule], problem: null };
  });
  await expect(listRules()).resolves.toEqual({ rules: [rule], problem: null });
  await allowAlwaysHere("per_1");
  await removeRule(rule);
  expect(seen).toEqual([
    { cmd: "list_rules", args: {} },
    { cmd: "allow_always_here", args: { requestId: "per_1" } },
    { cmd: "remove_rule", args: { rule } },
  ]);
});

it("throws a refusal as an AppError", async () => {
  mockIPC(() => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw { kind: "NotFound", message: "This request was already answered." };
  });
  const error = await allowAlwaysHere("per_1").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ kind: "NotFound" });
});
