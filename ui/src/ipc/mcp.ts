// The MCP server commands through the door: list, add, connect or disconnect, OAuth sign-in.
// Results unwrapped; a failure thrown as an AppError with the backend's sentence. An add the
// backend refuses because of one field is a value (`outcome: "refused"`), not an error, so the
// form can show it next to that field.
import {
  commands,
  type CommandError,
  type McpAddOutcome,
  type McpAuthStarted_Serialize,
  type McpField,
  type McpServerInput,
  type McpServerView,
  type McpStatus,
} from "../bindings";
import { toAppError } from "./index";

export type { McpAddOutcome, McpField, McpServerInput, McpServerView, McpStatus };
/** A sign-in under way: its page (opened by Rust in the browser, or why not). */
export type McpAuthStarted = McpAuthStarted_Serialize;

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** Every MCP server of the server's current project, with its state and whether it is saved. */
export async function listMcpServers(serverId: string): Promise<McpServerView[]> {
  return unwrap(await commands.listMcpServers(serverId));
}

/** Adds a server; saved only when it did not fail. A refusal names its field. */
export async function addMcpServer(serverId: string, input: McpServerInput): Promise<McpAddOutcome> {
  return unwrap(await commands.addMcpServer(serverId, input));
}

/** Connects (`true`) or disconnects a server on the running OpenCode server; the new list. */
export async function setMcpConnected(
  serverId: string,
  name: string,
  connected: boolean,
): Promise<McpServerView[]> {
  return unwrap(await commands.setMcpConnected(serverId, name, connected));
}

/** Opens the sign-in page of a server that needs OAuth in the system browser. */
export async function startMcpAuth(serverId: string, name: string): Promise<McpAuthStarted> {
  return unwrap(await commands.startMcpAuth(serverId, name));
}

/** Finishes a sign-in with a code the user pasted; the new list. */
export async function mcpAuthCallback(
  serverId: string,
  name: string,
  code: string,
): Promise<McpServerView[]> {
  return unwrap(await commands.mcpAuthCallback(serverId, name, code));
}
