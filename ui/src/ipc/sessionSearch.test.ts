// The session search's command through the door: arguments as Rust names them, results
// unwrapped, a refusal thrown as an AppError with its kind.
import { afterEach, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { searchSessions } from "./sessionSearch";

afterEach(() => {
  clearMocks();
});

it("passes the server and the query, and unwraps the hits", async () => {
  const hit = { session_id: "ses_1", title: "Birds", parent_id: null, updated: 1, message_id: "msg_1", snippet: "a heron" };
  const seen: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    return [hit];
  });
  await expect(searchSessions("s1", "heron")).resolves.toEqual([hit]);
  expect(seen).toEqual([{ cmd: "search_sessions", args: { serverId: "s1", query: "heron" } }]);
});

it("throws Rust's refusal as an AppError of its kind", async () => {
  mockIPC(() => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- what Tauri rejects with
    throw { kind: "InvalidInput", message: "Type a word to search the sessions for." };
  });
  const error: unknown = await searchSessions("s1", " ").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe("InvalidInput");
});
