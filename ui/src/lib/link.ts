// How the link to the server is doing, from two sources: the server's own status (starting,
// restarting, failed...) and the event stream's messages (connected, dropped, resync). Pure.
import type { PumpMessage, ServerStatusView } from "../ipc";
import type { ConnectionState } from "./connection";

/** The connection state after one message of the event stream. */
export function afterStreamMessage(message: PumpMessage): ConnectionState | undefined {
  switch (message.kind) {
    case "Connected":
      // After a reconnect the view may have missed events: it is not current until refetched.
      return message.resync ? "resyncing" : "live";
    case "Disconnected":
      return message.retry_in_ms === null ? "offline" : "reconnecting";
    case "Events":
      return undefined;
  }
}

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
