// How the link to the server is doing, from the server's own status (starting, restarting,
// failed...). What the event stream says is the intake's to decide (state/intake.ts): a
// `Connected` is not "live" until what is shown has been refetched. Pure.
import type { ServerStatusView } from "../ipc";
import type { ConnectionState } from "./connection";

/** What the server's status alone says; `undefined` when the stream decides (server ready). */
export function fromServerStatus(status: ServerStatusView): ConnectionState | undefined {
  switch (status.state) {
    case "starting":
      return "connecting";
    case "ready":
      return undefined;
    case "restarting":
    case "unreachable":
      return "reconnecting";
    case "unauthorized":
    case "failed":
    case "stopped":
      return "offline";
  }
}

/** A sentence about a server that cannot be used, or undefined when it can (or soon will). */
export function serverProblem(status: ServerStatusView): string | undefined {
  switch (status.state) {
    case "failed":
    case "unauthorized":
      return status.message;
    case "stopped":
      return "The OpenCode server has stopped.";
    default:
      return undefined;
  }
}
