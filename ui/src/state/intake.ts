// Between the event stream and the reducer: tracks the connection state and makes every
// (re)connection safe. The server cannot replay missed events, so each `Connected` marker (the
// first included, which makes the initial load race-free) starts a refetch of what is shown while
// incoming events are buffered; then the buffer is applied. Buffered deltas for parts the snapshot
// already holds are dropped (their text is in the snapshot; the next whole-part update corrects
// any gap); everything else replays safely because every other case is an idempotent upsert.
//
// It always converges: a newer marker arriving mid-refetch makes it refetch again once the current
// one ends, and a failed refetch is retried with backoff for as long as the stream is connected.
// The invariant a reader could break: "live" is said only once a refetch that started after the
// latest marker has completed, so "live" means the view matches the server.
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

/** The wait before retrying a failed refetch, doubling up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 250;
export const RETRY_MAX_MS = 4000;

export class Intake {
  /** Events held while a refetch runs; undefined while they apply at once. */
  private buffer: ServerEvent[] | undefined;
  /** The newest marker heard, and the one whose refetch completed. */
  private latest: number | undefined;
  private synced: number | undefined;
  private connected = false;
  private refetching = false;
  private stopped = false;
  private retryDelay = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly target: IntakeTarget) {}

  receive(batch: readonly PumpMessage[]): void {
    if (this.stopped) return;
    for (const message of batch) {
      switch (message.kind) {
        case "Connected":
          this.connected = true;
          // A marker heard again (or an older one) says nothing new: its refetch is done or on its way.
          if (this.latest !== undefined && message.marker <= this.latest) break;
          this.latest = message.marker;
          this.buffer ??= [];
          // Before the first refetch completes there is no view yet to call stale.
          this.target.setConnection(this.synced === undefined ? "connecting" : "resyncing");
          this.retryDelay = RETRY_FIRST_MS;
          this.refetch();
          break;
        case "Disconnected":
          this.connected = false;
          this.target.setConnection(message.retry_in_ms === null ? "offline" : "reconnecting");
          // A retry waiting for its turn would fail too; the next marker refetches anyway.
          if (this.retryTimer !== undefined) {
            this.clearRetry();
            this.flush();
          }
          break;
        case "Events":
          if (this.buffer) this.buffer.push(...message.events);
          else this.target.apply(message.events);
          break;
      }
    }
  }

  /** Ends this intake (its subscription ended): nothing more is applied or said. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
  }

  private refetch(): void {
    // One refetch at a time; the one running sees the newer marker when it ends and goes again.
    if (this.refetching) return;
    this.clearRetry();
    this.refetching = true;
    const marker = this.latest;
    this.target.refetch().then(
      () => {
        this.refetching = false;
        if (this.stopped) return;
        if (this.latest !== marker) {
          this.refetch();
          return;
        }
        this.synced = marker;
        this.retryDelay = RETRY_FIRST_MS;
        this.flush();
        if (this.connected) this.target.setConnection("live");
      },
      () => {
        this.refetching = false;
        if (this.stopped) return;
        if (!this.connected) {
          // The stream dropped as well: keep what arrived; the next marker refetches.
          this.flush();
          return;
        }
        if (this.latest !== marker) {
          this.refetch();
          return;
        }
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.refetch();
        }, this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
      },
    );
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
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
