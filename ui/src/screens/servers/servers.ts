// Pure helpers of the servers and projects panel: checking a server address (and whether a
// password sent to it travels in clear), saying a server's status in words, and naming and
// ordering projects.
import type { Project, ServerInfo, ServerStatusView } from "../../ipc";

/** Why `text` is not a usable server address, or undefined when it is. */
export function serverUrlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "Enter the server's address, e.g. http://192.168.1.20:4096.";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "That is not an address: write it like http://host:4096.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return "The address must start with http:// or https://.";
  }
  // Passwords are kept in the OS keychain, never in an address that gets saved and shown.
  if (url.username !== "" || url.password !== "") {
    return "Leave the user name and password out of the address; use the fields below.";
  }
  return undefined;
}

/** Whether `host` (as `URL.hostname` gives it) is this computer. */
function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    /^127\.\d+\.\d+\.\d+$/.test(name)
  );
}

/**
 * A warning when a password sent to `text` would travel in clear: `http://` to a host that is not
 * this computer (Rust's `remote_servers::clear_text_warning` says the same for saved servers).
 */
export function clearTextWarning(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" || url.hostname === "" || isLoopback(url.hostname)) return undefined;
  return "This address uses http://: the password travels in clear over the network. Use https:// if the server offers it.";
}

/** The server's status as a short phrase, with the backend's own sentence where it has one. */
export function statusText(status: ServerStatusView): string {
  switch (status.state) {
    case "starting":
      return "Starting…";
    case "ready":
      return "Ready";
    case "unreachable":
      return `Unreachable: ${status.message}`;
    case "unauthorized":
      return `Wrong user name or password: ${status.message}`;
    case "restarting":
      return `Restarting (attempt ${status.attempt}): ${status.message}`;
    case "failed":
      return `Failed: ${status.message}`;
    case "stopped":
      return "Stopped";
  }
}

/** ok, busy or bad, like the status bar's tones. */
export function statusTone(status: ServerStatusView): "ok" | "busy" | "bad" {
  switch (status.state) {
    case "ready":
      return "ok";
    case "starting":
    case "restarting":
    case "unreachable":
      return "busy";
    case "unauthorized":
    case "failed":
    case "stopped":
      return "bad";
  }
}

/** Who runs the server: the app never stops one it found already running. */
export function serverOrigin(server: ServerInfo): string {
  return server.attached ? "Found running (the app leaves it running)" : "Started by OpenCode Desk";
}

/** The last path segment, whichever separator the server's OS uses. */
function baseName(path: string): string {
  const segments = path.split(/[\\/]/).filter((s) => s !== "");
  return segments.at(-1) ?? path;
}

/** A project's name: the one the server has, else its folder's name. */
export function projectName(project: Project): string {
  return project.name?.trim() || baseName(project.worktree);
}

/** When the project was last used, as far as the server says (0 when unknown). */
function projectTime(project: Project): number {
  const time = project.time;
  if (typeof time !== "object" || time === null) return 0;
  const { updated, created } = time as { updated?: unknown; created?: unknown };
  if (typeof updated === "number") return updated;
  return typeof created === "number" ? created : 0;
}

/** Most recently used first; ties by name, so the order is stable. */
export function projectsNewestFirst(projects: readonly Project[]): Project[] {
  return [...projects].sort(
    (a, b) => projectTime(b) - projectTime(a) || projectName(a).localeCompare(projectName(b)),
  );
}

/** Paths compare equal without a trailing separator (the server and the dialog may differ). */
export function samePath(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const trim = (p: string) => (p.length > 1 ? p.replace(/[\\/]+$/, "") : p);
  return trim(a) === trim(b);
}
