// The MCP server commands through the door: arguments passed as Rust names them, results
// unwrapped, a refused field returned as a value, a failure thrown as an AppError.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { AppError } from "./index";
import { addMcpServer, listMcpServers, mcpAuthCallback, setMcpConnected, startMcpAuth } from "./mcp";

afterEach(() => {
  clearMocks();
});

describe("MCP server commands", () => {
  it("passes what Rust expects and unwraps what it answers", async () => {
    const seen: unknown[] = [];
    const listed = [{ name: "files", status: { status: "connected" }, saved: true }];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      if (cmd === "add_mcp_server") return { outcome: "refused", field: "command", message: "not found" };
      if (cmd === "start_mcp_auth") return { url: "https://auth.example/authorize", open_failed: null };
      return listed;
    });
    await expect(listMcpServers("s1")).resolves.toEqual(listed);
    const input = { type: "local" as const, name: "x", command: "/no", args: "", environment: {} };
    await expect(addMcpServer("s1", input)).resolves.toEqual({
      outcome: "refused",
      field: "command",
      message: "not found",
    });
    await setMcpConnected("s1", "files", false);
    await expect(startMcpAuth("s1", "gh")).resolves.toEqual({
      url: "https://auth.example/authorize",
      open_failed: null,
    });
    await mcpAuthCallback("s1", "gh", "code-1");
    expect(seen).toEqual([
      { cmd: "list_mcp_servers", args: { serverId: "s1" } },
      { cmd: "add_mcp_server", args: { serverId: "s1", input } },
      { cmd: "set_mcp_connected", args: { serverId: "s1", name: "files", connected: false } },
      { cmd: "start_mcp_auth", args: { serverId: "s1", name: "gh" } },
      { cmd: "mcp_auth_callback", args: { serverId: "s1", name: "gh", code: "code-1" } },
    ]);
  });

  it("throws a failure as an AppError with the backend's sentence", async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw { kind: "InvalidInput", message: "The sign-in did not go through: bad code" };
    });
    const error = await mcpAuthCallback("s1", "gh", "bad").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "InvalidInput", message: "The sign-in did not go through: bad code" });
  });
});
