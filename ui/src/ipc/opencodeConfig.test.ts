// OpenCode's settings through the door: arguments as Rust names them, results unwrapped, a
// refusal thrown as an AppError with the backend's sentence.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { readOpencodeConfig, setOpencodeConfigValue } from "./opencodeConfig";

afterEach(() => {
  clearMocks();
});

describe("OpenCode config commands", () => {
  it("passes what Rust expects and unwraps what it answers", async () => {
    const seen: unknown[] = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "read_opencode_config") return { model: { value: "a/b", origin: "project" } };
      return { applied: true, message: "Saved in opencode.json." };
    });
    await expect(readOpencodeConfig("s1")).resolves.toEqual({
      model: { value: "a/b", origin: "project" },
    });
    const change = { key: "permission" as const, tool: "bash", pattern: "npm *", action: "allow" };
    await expect(setOpencodeConfigValue("s1", "global", change)).resolves.toEqual({
      applied: true,
      message: "Saved in opencode.json.",
    });
    expect(seen).toEqual([
      { cmd: "read_opencode_config", args: { serverId: "s1" } },
      { cmd: "set_opencode_config_value", args: { serverId: "s1", scope: "global", change } },
    ]);
  });

  it("throws a refusal as an AppError with its sentence", async () => {
    mockIPC(() => {
      // Tauri hands a command's error value over as it is, not as an Error.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "InvalidInput", message: "Sharing is manual, auto or disabled." };
    });
    const error = await setOpencodeConfigValue("s1", "project", { key: "share", value: "x" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe("InvalidInput");
    expect((error as AppError).message).toBe("Sharing is manual, auto or disabled.");
  });
});
