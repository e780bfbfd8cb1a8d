// The files attached to a draft, as chips above the box: a thumbnail for images, the name, and a
// button to take each off again. Shown only while there is at least one.
import { For, Show } from "solid-js";
import type { DraftFile } from "../../state/drafts";

export interface AttachmentChipsProps {
  files: readonly DraftFile[];
  onRemove: (id: number) => void;
}

export default function AttachmentChips(props: AttachmentChipsProps) {
  return (
    <Show when={props.files.length > 0}>
      <ul class="compose-attachments" aria-label="Attachments">
        <For each={props.files}>
          {(file) => (
            <li class="compose-chip">
              <Show when={file.mime.startsWith("image/")}>
                <img class="compose-thumb" src={file.url} alt="" />
              </Show>
              <span class="compose-chip-name" title={file.name}>
                {file.name}
              </span>
              <button
                type="button"
                class="compose-chip-remove"
                aria-label={`Remove ${file.name}`}
                onClick={() => {
                  props.onRemove(file.id);
                }}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
