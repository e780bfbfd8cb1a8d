// Pure pieces of the "Add MCP server" form: the lines of the environment and headers fields read
// as pairs (one `KEY=value` or `Name: value` a line), and a server's state in words.
import type { McpStatus } from "../../ipc/mcp";

export type Pairs = { ok: true; pairs: Record<string, string> } | { ok: false; message: string };

/** Reads one pair a line, split at the first `separator`; blank lines are skipped. */
export function parsePairs(text: string, separator: "=" | ":"): Pairs {
  const pairs: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(separator);
    const key = at < 0 ? "" : line.slice(0, at).trim();
    if (!key) {
      const shape = separator === "=" ? "NAME=value" : "Name: value";
      return { ok: false, message: `“${line}” is not ${shape}: one a line.` };
    }
    pairs[key] = line.slice(at + 1).trim();
  }
  return { ok: true, pairs };
}

export type Tone = "ok" | "bad" | "warn" | "off";

/** A server's state as a badge (words and tone) and the detail to show under it, if any. */
export function describeStatus(status: McpStatus): { badge: string; tone: Tone; detail?: string } {
  switch (status.status) {
    case "connected":
      return { badge: "Connected", tone: "ok" };
    case "disabled":
      return { badge: "Disabled", tone: "off" };
    case "failed":
      return { badge: "Failed", tone: "bad", detail: status.error };
    case "needs_auth":
      return { badge: "Needs sign-in", tone: "warn" };
    case "needs_client_registration":
      return {
        badge: "Needs a client id",
        tone: "warn",
        detail: `${status.error} Set oauth.clientId for it in the OpenCode config.`,
      };
    case "unknown":
      return { badge: status.kind || "Unknown state", tone: "off" };
  }
}
