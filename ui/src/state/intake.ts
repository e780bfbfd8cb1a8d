// Between the event stream and the reducer: tracks the connection state and makes reconnects
// safe. The server cannot replay missed events, so after a reconnect the view is marked
// "resyncing", incoming events are buffered, what is on screen is refetched, and then the buffer
// is applied. Buffered deltas for parts the snapshot already holds are dropped (their text is in
// the snapshot; the next whole-part update corrects any gap); everything else replays safely
// because every other case is an idempotent upsert. A stale view is never silent.
import type { PumpMessage, ServerEvent } from "../ipc";
import type { ConnectionState } from "../lib/connection";

export interface IntakeTarget {
  apply: (events: ServerEvent[]) => void;
  /** Refetches what is shown (session list, open session's tail, pending requests). */
  refetch: () => Promise<void>;
  /** Whether the store holds this part now (asked once the snapshot is in). */
  hasPart: (messageId: string, partId: string) => boolean;
  setConnection: (state: ConnectionState) => void;
}

export class Intake {
  private buffer: ServerEvent[] | undefined;

  constructor(private readonly target: IntakeTarget) {}

  receive(batch: readonly PumpMessage[]): void {
    for (const message of batch) {
      switch (message.kind) {
        case "Connected":
          if (message.resync) this.resync();
          else this.target.setConnection("live");
          break;
        case "Disconnected":
          this.target.setConnection(message.retry_in_ms === null ? "offline" : "reconnecting");
          break;
        case "Events":
          if (this.buffer) this.buffer.push(...message.events);
          else this.target.apply(message.events);
          break;
      }
    }
  }

  private resync(): void {
    this.target.setConnection("resyncing");
    // A second reconnect during a resync keeps the same buffer: nothing received is lost.
    if (this.buffer) return;
    this.buffer = [];
    this.target.refetch().then(
      () => {
        this.flush();
        this.target.setConnection("live");
      },
      () => {
        // The refetch failed (the server went away again): keep what we have, say so.
        this.flush();
        this.target.setConnection("reconnecting");
      },
    );
  }

  private flush(): void {
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    // Decided before anything is applied, so "in the snapshot" means exactly that.
    const replaced = new Set<string>();
    const replay = buffered.filter((event) => {
      if (event.type === "message.part.updated") replaced.add(event.properties.part.id);
      if (event.type !== "message.part.delta") return true;
      const { messageID, partID } = event.properties;
      // After a whole-part update in the buffer, that part's later deltas build on it again.
      return replaced.has(partID) || !this.target.hasPart(messageID, partID);
    });
    if (replay.length > 0) this.target.apply(replay);
  }
}
