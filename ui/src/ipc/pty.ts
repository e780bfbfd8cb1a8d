// The server's terminals (PTYs) through the door: shells, list, create, attach (per frame, the
// output as raw bytes on one channel, acknowledged as the screen writes them, and what else the
// terminal said on another), resize, close, and opening a link from a terminal. Results
// unwrapped; a failure thrown as an AppError with the backend's sentence.
import { Channel } from "@tauri-apps/api/core";
// What Rust sends is the serialize side of each generated type (every field present).
import {
  commands,
  type CommandError,
  type Pty_Serialize as Pty,
  type PtyEvent_Serialize as PtyEvent,
  type PtyEvent_Deserialize,
  type PtyShell_Serialize as PtyShell,
  type PtySize,
  type PtyStatus_Serialize as PtyStatus,
} from "../bindings";
import { toAppError, windowLabel } from "./index";

export type { Pty, PtyEvent, PtyShell, PtySize, PtyStatus };

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.status === "ok") return outcome.data;
  throw toAppError(outcome.error);
}

/** The shells the server's machine has; `acceptable` ones may be started. */
export async function ptyShells(serverId: string): Promise<PtyShell[]> {
  return unwrap(await commands.ptyShells(serverId));
}

/** Every PTY the server has, including ones this app made and lost track of. */
export async function ptyList(serverId: string): Promise<Pty[]> {
  return unwrap(await commands.ptyList(serverId));
}

/** Starts a PTY in the project directory; `shell: null` lets the server choose. */
export async function ptyCreate(serverId: string, shell: string | null, size: PtySize): Promise<Pty> {
  return unwrap(await commands.ptyCreate(serverId, shell, size));
}

export async function ptyResize(serverId: string, ptyId: string, size: PtySize): Promise<void> {
  unwrap(await commands.ptyResize(serverId, ptyId, size));
}

/** Ends the PTY on the server; its attachments hear "closed". */
export async function ptyClose(serverId: string, ptyId: string): Promise<void> {
  unwrap(await commands.ptyClose(serverId, ptyId));
}

/** Opens an http(s) address in the system browser (Rust refuses any other scheme). */
export async function openLink(url: string): Promise<void> {
  unwrap(await commands.openLink(url));
}

/** One attachment to a PTY: keystrokes in, and the end of it. */
export interface PtyAttachment {
  /** Sends keystrokes; resolves once they (and any queued with them) are sent. */
  write: (data: string) => Promise<void>;
  /**
   * Says `bytes` of output are on the screen: Rust sends output only while little of it is
   * unacknowledged, so a flood waits at its source.
   */
  ack: (bytes: number) => void;
  /** Ends the attachment (the PTY goes on); what is already on its way is dropped. */
  detach: () => Promise<void>;
}

/** Where an attachment's traffic goes. */
export interface PtySink {
  /** A frame's output: UTF-8 bytes as the terminal wrote them (a character may be split
   * across two; xterm.js joins it). Never empty. */
  output: (bytes: Uint8Array) => void;
  /** A frame's other messages, in order (the first is `connected` or `reconnecting`). They
   * travel apart from the output, so may come before output written ahead of them. */
  events: (events: PtyEvent[]) => void;
}

/**
 * Attaches to PTY `ptyId` of server `serverId`: its output and state arrive at `sink` at most
 * once a frame each, possibly before this resolves. After `detach`, nothing more reaches `sink`.
 */
export async function attachPty(serverId: string, ptyId: string, sink: PtySink): Promise<PtyAttachment> {
  let open = true;
  // Raw bytes, not JSON: a flood's output is neither serialised in Rust nor parsed here.
  const output = new Channel<ArrayBuffer>();
  output.onmessage = (bytes) => {
    if (open && bytes.byteLength > 0) sink.output(new Uint8Array(bytes));
  };
  // The generated signature names the deserialize side; Rust sends the serialize side (see above).
  const events = new Channel<PtyEvent_Deserialize[]>();
  events.onmessage = (batch) => {
    if (open) sink.events(batch as PtyEvent[]);
  };
  // The window's label lets Rust end the attachment if the window closes without detaching.
  const attachment = unwrap(await commands.ptyAttach(serverId, ptyId, windowLabel(), output, events));

  // One write in flight at a time: two invokes may be handled out of order, and keys must not
  // be. What is typed meanwhile goes out together in the next write.
  let queued = "";
  let sending: Promise<void> | undefined;
  const flush = async () => {
    try {
      while (open && queued !== "") {
        const data = queued;
        queued = "";
        unwrap(await commands.ptyWrite(attachment, data));
      }
    } catch (error) {
      queued = "";
      throw error;
    } finally {
      sending = undefined;
    }
  };
  return {
    write: (data) => {
      if (!open || data === "") return Promise.resolve();
      queued += data;
      sending ??= flush();
      return sending;
    },
    ack: (bytes) => {
      if (open && bytes > 0) void commands.ptyAck(attachment, bytes);
    },
    detach: async () => {
      if (!open) return;
      open = false;
      await commands.ptyDetach(attachment);
    },
  };
}
