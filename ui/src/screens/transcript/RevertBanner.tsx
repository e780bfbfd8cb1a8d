// Shown above the composer while the session is reverted: how many messages the revert took
// back, and a button to undo it. Sending a new prompt makes the revert final (the server then
// drops the reverted messages), which the hint says so nobody loses work by surprise.
import { createSignal, Show } from "solid-js";
import { revertedCount, type RevertPoint } from "./revert";
import "./RevertBanner.css";

export interface RevertBannerProps {
  /** The open session's `revert` (absent or null: not reverted, nothing shown). */
  revert: RevertPoint | null | undefined;
  /** The open session's loaded message ids, oldest first (the store's order). */
  messageIds: readonly string[];
  onUnrevert: () => Promise<unknown>;
}

export function revertSummary(count: number): string {
  if (count === 0) return "Reverted";
  return count === 1 ? "1 message reverted" : `${count} messages reverted`;
}

export default function RevertBanner(props: RevertBannerProps) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const undo = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onUnrevert();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={props.revert}>
      {(revert) => (
        <section class="revert-banner" aria-label="Session reverted">
          <p class="revert-banner-text">
            <strong>{revertSummary(revertedCount(props.messageIds, revert()))}</strong>
            <span class="revert-banner-hint">
              {" "}
              Their file changes were undone. Sending a new message makes this final.
            </span>
          </p>
          <button
            type="button"
            class="btn revert-banner-undo"
            disabled={busy()}
            aria-busy={busy()}
            onClick={() => void undo()}
          >
            {busy() ? "Undoing…" : "Undo revert"}
          </button>
          <Show when={error()}>
            {(message) => (
              <p class="revert-banner-error" role="alert">
                Could not undo the revert: {message()}
              </p>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}
