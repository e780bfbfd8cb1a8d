// Which agent answers the next prompt: the server's primary agents (build, plan, ...), without
// subagents and hidden ones. A native <select>, for the same reasons as the model picker.
import { createMemo, For, Show } from "solid-js";
import type { Agent } from "../../ipc";
import { pickableAgents } from "./choices";

export interface AgentPickerProps {
  agents: readonly Agent[];
  value: string | undefined;
  onChange: (agent: string) => void;
  /** Receives the select shown (the shell focuses it when a program asks for the picker). */
  ref?: (element: HTMLSelectElement) => void;
}

/** "build" → "Build": agent names are lower-case ids. */
function title(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export default function AgentPicker(props: AgentPickerProps) {
  const agents = createMemo(() => pickableAgents(props.agents));
  const description = () => agents().find((agent) => agent.name === props.value)?.description;

  return (
    <Show
      when={agents().length > 0}
      fallback={
        <select class="compose-select" aria-label="Agent" disabled ref={props.ref}>
          <option>Default agent</option>
        </select>
      }
    >
      <select
        class="compose-select"
        aria-label="Agent"
        ref={props.ref}
        title={description()}
        value={props.value ?? ""}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        <For each={agents()}>
          {(agent) => (
            <option value={agent.name} title={agent.description}>
              {title(agent.name)}
            </option>
          )}
        </For>
      </select>
    </Show>
  );
}
