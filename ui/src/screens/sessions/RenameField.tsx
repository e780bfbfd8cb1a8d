// Renaming a session in place: the title becomes a text box. Enter saves, Escape cancels, leaving
// the box saves a changed title (as file managers do). An empty title is refused with a reason;
// a failed save keeps the box and the typed text, with the server's reason under it.
import { createSignal, onMount, Show } from "solid-js";

export interface RenameFieldProps {
  /** The current title, to start from. */
  initial: string;
  onSave: (title: string) => Promise<unknown>;
  /** Leaves editing with nothing changed. */
  onCancel: () => void;
}

export default function RenameField(props: RenameFieldProps) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  let input: HTMLInputElement | undefined;
  // Escape or a save ends editing; the blur that follows must not save (again).
  let finished = false;

  onMount(() => {
    input?.focus();
    input?.select();
  });

  /** `fromBlur`: the user went elsewhere; a failure must not pull the focus back. */
  const save = async (fromBlur = false) => {
    const title = (input?.value ?? "").trim();
    if (!title) {
      setError("A session needs a title.");
      return;
    }
    if (title === props.initial.trim()) {
      finished = true;
      props.onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.onSave(title);
      finished = true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      if (!fromBlur) input?.focus();
    }
  };

  return (
    <div class="sl-rename">
      <input
        ref={(element) => (input = element)}
        class="field sl-rename-input"
        type="text"
        aria-label="Session title"
        value={props.initial}
        disabled={busy()}
        aria-invalid={error() !== undefined}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.isComposing) {
            event.preventDefault();
            void save();
          } else if (event.key === "Escape") {
            event.preventDefault();
            finished = true;
            props.onCancel();
          }
        }}
        onInput={() => { setError(undefined); }}
        onBlur={() => {
          if (finished || busy()) return;
          const title = (input?.value ?? "").trim();
          if (title && title !== props.initial.trim()) void save(true);
          else {
            finished = true;
            props.onCancel();
          }
        }}
      />
      <Show when={busy()}>
        <span class="sl-rename-status" role="status">
          Saving…
        </span>
      </Show>
      <Show when={error()}>
        {(message) => (
          <p class="sl-rename-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
