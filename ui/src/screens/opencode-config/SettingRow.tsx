// One setting: its label, where its value comes from, a choice of value and of the scope to write
// it to, and what saving did (or why it was refused) right beside it. The choice stays as the user
// left it when saving fails, so nothing typed or picked is lost.
import { createSignal, createUniqueId, For, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { ConfigOrigin, ConfigSaved, ConfigScope } from "../../ipc/opencodeConfig";

export interface Choice {
  value: string;
  label: string;
}

export const ORIGIN_LABEL: Record<ConfigOrigin, string> = {
  project: "this project",
  global: "global",
  default: "default",
};

/** Where a change goes unless the user says otherwise: where the value lives now. */
export function defaultScope(origin: ConfigOrigin, projectAvailable: boolean): ConfigScope {
  if (origin === "global" || !projectAvailable) return "global";
  return "project";
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Saving state shared by every row: run a save, keep its sentence or its error. */
export function createSaver() {
  const [error, setError] = createSignal<string>();
  const [note, setNote] = createSignal<string>();
  const [saving, setSaving] = createSignal(false);
  const run = async (save: () => Promise<ConfigSaved>): Promise<boolean> => {
    setSaving(true);
    setError(undefined);
    setNote(undefined);
    try {
      setNote((await save()).message);
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { error, note, saving, run };
}

export function ScopePicker(props: {
  value: ConfigScope;
  onChange: (scope: ConfigScope) => void;
  projectUnavailable: string | null | undefined;
  label: string;
}) {
  return (
    <select
      class="field config-scope"
      aria-label={`Save ${props.label} in`}
      value={props.value}
      onChange={(e) => {
        props.onChange(e.currentTarget.value as ConfigScope);
      }}
    >
      <option
        value="project"
        disabled={!!props.projectUnavailable}
        title={props.projectUnavailable ?? undefined}
      >
        This project
      </option>
      <option value="global">Global</option>
    </select>
  );
}

export interface SettingRowProps {
  label: string;
  value: string | null | undefined;
  origin: ConfigOrigin;
  choices: Choice[];
  /** Shown for a value that is nowhere set. */
  defaultLabel: string;
  projectUnavailable: string | null | undefined;
  save: (scope: ConfigScope, value: string) => Promise<ConfigSaved>;
}

export default function SettingRow(props: SettingRowProps) {
  const id = createUniqueId();
  const saver = createSaver();
  const [draft, setDraft] = createSignal<string>();
  const [scope, setScope] = createSignal<ConfigScope>();
  const current = () => draft() ?? props.value ?? "";
  const chosenScope = () => scope() ?? defaultScope(props.origin, !props.projectUnavailable);
  // The value in force is always a choice, even one the server no longer offers.
  const choices = () =>
    props.value && !props.choices.some((c) => c.value === props.value)
      ? [{ value: props.value, label: props.value }, ...props.choices]
      : props.choices;
  const changed = () => draft() !== undefined && draft() !== (props.value ?? "");
  const save = async () => {
    const value = current();
    if (await saver.run(() => props.save(chosenScope(), value))) setDraft(undefined);
  };
  return (
    <div class="config-row">
      <label for={`${id}-value`}>{props.label}</label>
      <span class={`badge config-origin config-origin-${props.origin}`}>{ORIGIN_LABEL[props.origin]}</span>
      <select
        class="field"
        id={`${id}-value`}
        value={current()}
        aria-describedby={`${id}-feedback`}
        aria-invalid={saver.error() ? true : undefined}
        onChange={(e) => setDraft(e.currentTarget.value)}
      >
        <Show when={!props.value}>
          <option value="">{props.defaultLabel}</option>
        </Show>
        <For each={choices()}>{(c) => <option value={c.value}>{c.label}</option>}</For>
      </select>
      <ScopePicker
        value={chosenScope()}
        onChange={setScope}
        projectUnavailable={props.projectUnavailable}
        label={props.label}
      />
      <button class="btn" type="button" disabled={!changed() || !current() || saver.saving()} onClick={() => void save()}>
        {saver.saving() ? "Saving…" : "Save"}
      </button>
      <Feedback id={`${id}-feedback`} error={saver.error()} working={saver.saving() ? "Saving…" : undefined} done={saver.note()} />
    </div>
  );
}
