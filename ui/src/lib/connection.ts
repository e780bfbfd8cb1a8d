// What the status bar says about the link to the OpenCode server. Pure: the state itself is owned
// by state/ (intake decides when we are live, resyncing, ...); this only names it for people.

export type ConnectionState = "connecting" | "live" | "reconnecting" | "resyncing" | "offline";

/** ok: data is current; busy: working on it, the view may lag; bad: no data is arriving. */
export type ConnectionTone = "ok" | "busy" | "bad";

export interface ConnectionLabel {
  text: string;
  tone: ConnectionTone;
}

export function connectionLabel(state: ConnectionState): ConnectionLabel {
  switch (state) {
    case "connecting":
      return { text: "Connecting…", tone: "busy" };
    case "live":
      return { text: "Live", tone: "ok" };
    case "reconnecting":
      return { text: "Reconnecting…", tone: "busy" };
    case "resyncing":
      // Connected again but still refetching what was missed: the view is not yet current.
      return { text: "Catching up…", tone: "busy" };
    case "offline":
      return { text: "Offline", tone: "bad" };
    default: {
      // A new state added to the union without a label fails to compile here.
      const unhandled: never = state;
      throw new Error(`unknown connection state: ${String(unhandled)}`);
    }
  }
}
