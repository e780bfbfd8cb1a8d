// The offline copies' commands through the door: arguments as Rust names them, results
// unwrapped, failures thrown as AppErrors.
import { afterEach, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { clearOfflineCopies, listOfflineCopies, offlineCopy, refreshOfflineCopy, searchOfflineCopies } from "./offline";

afterEach(() => {
  clearMocks();
});

it("passes what Rust expects and unwraps what it answers", async () => {
  const seen: { cmd: string; args: unknown }[] = [];
  mockIPC((cmd, args) => {
    seen.push({ cmd, args });
    if (cmd === "offline_copy") return null;
    if (cmd === "clear_offline_copies") return { sessions: 0, bytes: 4096, enabled: true };
    if (cmd === "refresh_offline_copy") return null;
    return [];
  });
  await expect(listOfflineCopies("s1", "/p")).resolves.toEqual([]);
  await expect(offlineCopy("s1", "ses_1")).resolves.toBeNull();
  await expect(searchOfflineCopies("s1", "/p", "pelican")).resolves.toEqual([]);
  await expect(refreshOfflineCopy("s1", "ses_1")).resolves.toBeUndefined();
  await expect(clearOfflineCopies()).resolves.toEqual({ sessions: 0, bytes: 4096, enabled: true });
  expect(seen.map((s) => s.cmd)).toEqual([
    "list_offline_copies",
    "offline_copy",
    "search_offline_copies",
    "refresh_offline_copy",
    "clear_offline_copies",
  ]);
  expect(seen[2]?.args).toMatchObject({ serverId: "s1", directory: "/p", query: "pelican" });
});

it("throws the backend's sentence as an AppError", async () => {
  mockIPC(() => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- what Tauri rejects with
    throw { kind: "NotFound", message: "No OpenCode server is connected." };
  });
  const error = await listOfflineCopies("gone", "/p").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).message).toBe("No OpenCode server is connected.");
});
