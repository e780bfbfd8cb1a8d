// Settings' line about the offline copies: how many sessions are kept and the database's size,
// with Clear (which deletes them all at once, whatever the toggle says).
import { createResource, createSignal, Show } from "solid-js";
import type { CopiesSize } from "../../ipc/offline";
import { formatBytes } from "../../lib/files";

export interface OfflineCopiesSizeApi {
  offlineCopiesSize: () => Promise<CopiesSize>;
  clearOfflineCopies: () => Promise<CopiesSize>;
}

export function sizeLine(size: CopiesSize): string {
  const sessions = size.sessions === 1 ? "1 session kept" : `${String(size.sessions)} sessions kept`;
  return `${sessions}, ${formatBytes(size.bytes ?? 0)} on disk`;
}

export default function OfflineCopiesSize(props: { api: OfflineCopiesSizeApi }) {
  const [size, { mutate }] = createResource(() => props.api.offlineCopiesSize());
  const [clearing, setClearing] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const clear = async () => {
    setClearing(true);
    setProblem(undefined);
    try {
      mutate(await props.api.clearOfflineCopies());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setClearing(false);
    }
  };
  return (
    <div class="settings-field settings-fill">
      <span class="settings-hint" role="status">
        {size.state === "ready" ? sizeLine(size()) : size.error ? "The size could not be read." : "…"}
      </span>
      <button type="button" class="btn" disabled={clearing()} onClick={() => void clear()}>
        {clearing() ? "Clearing…" : "Clear"}
      </button>
      <Show when={problem()}>
        {(text) => (
          <p class="settings-problem" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </div>
  );
}
