import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import {
  AppError,
  appInfo,
  driveTerminal,
  listTerminals,
  onQuickPromptTargetRequested,
  onTuiControlRequested,
  openInTerminal,
  probeServer,
  runShell,
  toAppError,
  watchEvents,
  workingTree,
  type PumpMessage,
} from "./index";

afterEach(() => {
  clearMocks();
});

describe("ipc", () => {
  it("resolves a command's data", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") {
        return { name: "OpenCode Desk", version: "0.1.0", project: "/p", project_problem: null };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await expect(appInfo()).resolves.toMatchObject({ name: "OpenCode Desk", project: "/p" });
  });

  it("passes arguments and unwraps a successful result", async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return { healthy: true, version: "1.18.33" };
    });
    await expect(probeServer("http://127.0.0.1:4096", { password: "pw" })).resolves.toEqual({
      healthy: true,
      version: "1.18.33",
    });
    expect(seen).toEqual({
      cmd: "probe_server",
      args: { url: "http://127.0.0.1:4096", username: null, password: "pw" },
    });
  });

  it("throws a typed AppError with the backend's kind and message", async () => {
    mockIPC(() => {
      // Tauri rejects the invoke with the command's error value, which is not an Error object.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "Unauthorized", message: "wrong password" };
    });
    const error = await probeServer("http://x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "Unauthorized", message: "wrong password" });
  });

  it("keeps an unknown error kind usable instead of crashing", () => {
    // A newer backend may add kinds; an older UI must still show the message.
    const error = toAppError(JSON.parse('{"kind":"Brand new","message":"m"}') as never);
    expect(error.kind).toBe("Unknown");
    expect(error.message).toBe("m");
  });

  it("watches with the directory, and after unwatch hears nothing more from that subscription", async () => {
    mockWindows("main");
    const seen: { cmd: string; args: unknown }[] = [];
    let channel: { id: number } | undefined;
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "watch_events") {
        channel = (args as { onEvents: { id: number } }).onEvents;
        return 7;
      }
      return null;
    });
    const internals = (window as unknown as {
      __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void };
    }).__TAURI_INTERNALS__;
    const batches: PumpMessage[][] = [];
    const unwatch = await watchEvents("srv", "/p", (batch) => batches.push(batch));
    expect(seen[0]).toMatchObject({
      cmd: "watch_events",
      args: { serverId: "srv", directory: "/p", window: "main" },
    });
    const id = channel?.id ?? -1;
    const connected: PumpMessage = { kind: "Connected", marker: 1, resync: false };
    internals.runCallback(id, { index: 0, message: [connected] });
    expect(batches).toEqual([[connected]]);
    await unwatch();
    expect(seen[1]).toEqual({ cmd: "unwatch_events", args: { subscription: 7 } });
    // A batch already on its way when the subscription ended.
    internals.runCallback(id, { index: 1, message: [{ kind: "Events", events: [] }] });
    expect(batches).toHaveLength(1);
    await unwatch();
    expect(seen).toHaveLength(2);
  });

  it("lists terminal OpenCodes and drives one by its id, throwing its refusal as an AppError", async () => {
    const seen: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "list_terminals") {
        return [
          {
            id: "42",
            label: "proj (port 4555)",
            directory: "/p",
            via: { kind: "own_port", url: "http://127.0.0.1:4555" },
            state: { kind: "ready", version: "1.18.33" },
          },
        ];
      }
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "NotFound", message: "proj (port 4555) is no longer running." };
    });
    expect((await listTerminals()).map((t) => t.label)).toEqual(["proj (port 4555)"]);
    const error = await driveTerminal("42", { type: "clear_prompt" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "NotFound", message: "proj (port 4555) is no longer running." });
    expect(seen[1]).toEqual({
      cmd: "drive_terminal",
      args: { terminalId: "42", action: { type: "clear_prompt" } },
    });
  });

  it("opens OpenCode in a terminal on a server, resolving to the emulator used", async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return "/usr/bin/kitty";
    });
    await expect(openInTerminal("srv", "/p", "ses_1")).resolves.toBe("/usr/bin/kitty");
    expect(seen).toEqual({
      cmd: "open_in_terminal",
      args: { serverId: "srv", directory: "/p", sessionId: "ses_1" },
    });
  });

  it("runs a shell command in a session with the agent and model chosen", async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = { cmd, args };
      return null;
    });
    const model = { providerID: "zen", modelID: "fast" };
    await expect(runShell("srv", "ses_1", "ls -la", "build", model)).resolves.toBeUndefined();
    expect(seen).toEqual({
      cmd: "run_shell",
      args: { serverId: "srv", sessionId: "ses_1", command: "ls -la", agent: "build", model },
    });
  });

  it("reads the project's working tree, and says why it could not", async () => {
    const tree = { branch: "main", files: [{ file: "a.ts", patch: "", additions: 1, deletions: 0, status: "modified" }] };
    mockIPC((cmd) => {
      if (cmd === "working_tree") return tree;
      throw new Error(`unexpected ${cmd}`);
    });
    await expect(workingTree("srv")).resolves.toEqual(tree);
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "Unreachable", message: "The server is unreachable." };
    });
    await expect(workingTree("srv")).rejects.toMatchObject({ kind: "Unreachable" });
  });

  it("hears the quick prompt's target chosen in the tray until told to stop", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const targets: (string | null)[] = [];
    const stop = onQuickPromptTargetRequested((id) => targets.push(id));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await emit("quick-prompt-target-requested", { terminal_id: "42" });
    await emit("quick-prompt-target-requested", { terminal_id: null });
    stop();
    await emit("quick-prompt-target-requested", { terminal_id: "7" });
    expect(targets).toEqual(["42", null]);
  });

  it("hears what programs ask of the TUI, with the server it was asked of, until told to stop", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const heard: unknown[] = [];
    const stop = onTuiControlRequested((asked) => heard.push(asked));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await emit("tui-control-requested", { server_id: "srv", request: { type: "append_prompt", text: "hi" } });
    stop();
    await emit("tui-control-requested", { server_id: "srv", request: { type: "submit_prompt" } });
    expect(heard).toEqual([{ serverId: "srv", request: { type: "append_prompt", text: "hi" } }]);
  });
});
