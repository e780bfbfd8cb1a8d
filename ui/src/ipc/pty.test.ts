// The PTY commands through the door: arguments as Rust names them, results unwrapped, failures
// thrown as AppErrors, an attachment's output (raw bytes) and events on their own channels and
// dropped after detach, and its writes kept in order.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import {
  attachPty,
  openLink,
  ptyClose,
  ptyCreate,
  ptyList,
  ptyResize,
  ptyShells,
  type PtyEvent,
} from "./pty";

afterEach(() => {
  clearMocks();
});

const internals = () =>
  (window as unknown as {
    __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void };
  }).__TAURI_INTERNALS__;

describe("PTY commands", () => {
  it("passes what Rust expects and unwraps what it answers", async () => {
    const seen: { cmd: string; args: unknown }[] = [];
    const pty = {
      id: "pty_1",
      title: "Terminal 1",
      command: "/bin/bash",
      args: [],
      cwd: "/p",
      status: "running",
      pid: 42,
    };
    const shells = [{ path: "/bin/bash", name: "bash", acceptable: true }];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "pty_shells") return shells;
      if (cmd === "pty_list") return [pty];
      if (cmd === "pty_create") return pty;
      return null;
    });
    await expect(ptyShells("s1")).resolves.toEqual(shells);
    await expect(ptyList("s1")).resolves.toEqual([pty]);
    await expect(ptyCreate("s1", "/bin/bash", { rows: 24, cols: 80 })).resolves.toEqual(pty);
    await ptyResize("s1", "pty_1", { rows: 30, cols: 100 });
    await ptyClose("s1", "pty_1");
    await openLink("https://example.com/");
    expect(seen).toEqual([
      { cmd: "pty_shells", args: { serverId: "s1" } },
      { cmd: "pty_list", args: { serverId: "s1" } },
      { cmd: "pty_create", args: { serverId: "s1", shell: "/bin/bash", size: { rows: 24, cols: 80 } } },
      { cmd: "pty_resize", args: { serverId: "s1", ptyId: "pty_1", size: { rows: 30, cols: 100 } } },
      { cmd: "pty_close", args: { serverId: "s1", ptyId: "pty_1" } },
      { cmd: "open_link", args: { url: "https://example.com/" } },
    ]);
  });

  it("throws a failure as an AppError with the backend's sentence", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "NotFound", message: "That terminal is gone." };
    });
    const error = await ptyClose("s1", "pty_9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "NotFound", message: "That terminal is gone." });
  });
});

describe("attachPty", () => {
  it("attaches with the window's label, hears output as bytes and events as typed, and after detach nothing more", async () => {
    mockWindows("main");
    const seen: { cmd: string; args: unknown }[] = [];
    let channels: { onOutput: { id: number }; onEvent: { id: number } } | undefined;
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "pty_attach") {
        channels = args as typeof channels;
        return 5;
      }
      return null;
    });
    const outputs: Uint8Array[] = [];
    const events: PtyEvent[][] = [];
    const attachment = await attachPty("s1", "pty_1", {
      output: (bytes) => outputs.push(bytes),
      events: (batch) => events.push(batch),
    });
    expect(seen[0]).toMatchObject({
      cmd: "pty_attach",
      args: { serverId: "s1", ptyId: "pty_1", window: "main" },
    });
    const output = channels?.onOutput.id ?? -1;
    const event = channels?.onEvent.id ?? -1;
    expect(output).not.toBe(event);
    const first: PtyEvent[] = [{ type: "connected", replayed: false }];
    internals().runCallback(event, { index: 0, message: first });
    expect(events).toEqual([first]);
    // Rust's raw body arrives as an ArrayBuffer: UTF-8, here "$ é" and half a euro sign.
    internals().runCallback(output, { index: 0, message: new Uint8Array([0x24, 0x20, 0xc3, 0xa9, 0xe2, 0x82]).buffer });
    expect(outputs.map((bytes) => [...bytes])).toEqual([[0x24, 0x20, 0xc3, 0xa9, 0xe2, 0x82]]);

    await attachment.write("ls\r");
    expect(seen[1]).toEqual({ cmd: "pty_write", args: { attachment: 5, data: "ls\r" } });
    attachment.ack(6);
    await Promise.resolve();
    expect(seen[2]).toEqual({ cmd: "pty_ack", args: { attachment: 5, bytes: 6 } });

    await attachment.detach();
    expect(seen[3]).toEqual({ cmd: "pty_detach", args: { attachment: 5 } });
    internals().runCallback(output, { index: 1, message: new Uint8Array([0x61]).buffer });
    internals().runCallback(event, { index: 1, message: [{ type: "closed", reason: "gone" }] });
    expect(outputs).toHaveLength(1);
    expect(events).toHaveLength(1);
    // Neither a second detach nor a write or an ack after it reaches Rust.
    await attachment.detach();
    await attachment.write("x");
    attachment.ack(4);
    await Promise.resolve();
    expect(seen).toHaveLength(4);
  });

  it("sends one write at a time, what is typed meanwhile together and in order", async () => {
    mockWindows("main");
    const writes: string[] = [];
    const answers: (() => void)[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "pty_attach") return 1;
      if (cmd === "pty_write") {
        writes.push((args as { data: string }).data);
        return new Promise<null>((resolve) => answers.push(() => { resolve(null); }));
      }
      return null;
    });
    const attachment = await attachPty("s1", "pty_1", { output: () => undefined, events: () => undefined });
    const a = attachment.write("a");
    const b = attachment.write("b");
    const c = attachment.write("c");
    await Promise.resolve();
    expect(writes).toEqual(["a"]);
    answers.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(writes).toEqual(["a", "bc"]);
    answers.shift()?.();
    await Promise.all([a, b, c]);
    expect(writes).toEqual(["a", "bc"]);
  });

  it("throws a refused attach as an AppError", async () => {
    mockWindows("main");
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "Unreachable", message: "The server is not answering." };
    });
    const error = await attachPty("s1", "pty_1", { output: () => undefined, events: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "Unreachable" });
  });
});
