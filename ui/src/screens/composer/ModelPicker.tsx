// Which model the next prompt uses, from the models the server has configured. A native <select>:
// keyboard, type-ahead and screen readers work as everywhere else on the system.
import { createMemo, For, Show } from "solid-js";
import type { ConfigProviders, ModelRef } from "../../ipc";
import { modelGroups, sameModel } from "./choices";

export interface ModelPickerProps {
  /** The server's configured models; undefined while they load. */
  models: ConfigProviders | undefined;
  value: ModelRef | undefined;
  onChange: (model: ModelRef) => void;
  /** Receives the select shown (the shell focuses it when a program asks for the picker). */
  ref?: (element: HTMLSelectElement) => void;
  /** Opens the Providers dialog; offered while only OpenCode's free default is configured. */
  onConnectProvider?: () => void;
}

/** The server lists only the provider a fresh OpenCode has (its free default): a first run. */
export function onlyFreeDefault(models: ConfigProviders | undefined): boolean {
  return (models?.providers.length ?? 0) > 0 && (models?.providers ?? []).every((p) => p.id === "opencode");
}

export default function ModelPicker(props: ModelPickerProps) {
  const groups = createMemo(() => modelGroups(props.models));
  // Options are keyed by position: model ids may contain any character, "/" included.
  const flat = createMemo(() => groups().flatMap((group) => group.models.map((m) => m.ref)));
  const selected = () => String(flat().findIndex((ref) => sameModel(ref, props.value)));

  return (
    <>
      <Show
        when={groups().length > 0}
        fallback={
          <select class="compose-select" aria-label="Model" disabled ref={props.ref}>
            <option>{props.models ? "Server's default model" : "Loading models…"}</option>
          </select>
        }
      >
        <select
          class="compose-select"
          aria-label="Model"
          ref={props.ref}
          value={selected()}
          onChange={(event) => {
            const ref = flat()[Number(event.currentTarget.value)];
            if (ref) props.onChange(ref);
          }}
        >
          <For each={groups()}>
            {(group) => (
              <optgroup label={group.providerName}>
                <For each={group.models}>
                  {(model) => (
                    <option value={String(flat().indexOf(model.ref))}>{model.name}</option>
                  )}
                </For>
              </optgroup>
            )}
          </For>
        </select>
      </Show>
      <Show when={props.onConnectProvider && onlyFreeDefault(props.models)}>
        <button type="button" class="compose-connect" onClick={() => props.onConnectProvider?.()}>
          Connect a provider
        </button>
      </Show>
    </>
  );
}
