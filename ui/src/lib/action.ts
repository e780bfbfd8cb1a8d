// A button's async action: busy while it runs, the failure kept as a sentence. On success it
// stays busy (the card that owns it goes away when the server confirms); on failure it frees
// the buttons so the user can try again.
import { createSignal } from "solid-js";

export function createAction() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return { busy, error, run };
}
