// The settings: theme, where OpenCode is, where to look for servers, the quick prompt shortcut,
// notifications and the tray, and whether programs driving "the TUI" drive the app. Edits stay in the form until Save; the backend checks them and its
// refusal is shown next to the buttons, with the edits kept so they can be fixed.
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import type { Settings } from "../../ipc";
import {
  fromDraft,
  isChanged,
  parsePorts,
  THEMES,
  toDraft,
  type SettingsDraft,
} from "./settingsForm";
import OfflineCopiesSize, { type OfflineCopiesSizeApi } from "./OfflineCopiesSize";
import "./SettingsView.css";

export interface SettingsViewProps {
  loadSettings: () => Promise<Settings>;
  /** Checks and saves; resolves to the settings as saved, rejects with the reason they were refused. */
  saveSettings: (settings: Settings) => Promise<Settings>;
  /** Why the settings file could not be used at start, if it could not. */
  settingsProblem?: () => Promise<string | null>;
  onSaved?: (settings: Settings) => void;
  /** Cancel (and Escape); the view has already dropped the edits. */
  onClose?: () => void;
  /** The system's folder dialog, for the default project; null when the user cancels. */
  pickFolder?: () => Promise<string | null>;
  /** The offline copies' size and Clear; the line is left out without it. */
  offlineCopies?: OfflineCopiesSizeApi;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function SettingsView(props: SettingsViewProps) {
  const id = createUniqueId();
  const [loaded, { refetch }] = createResource(() => props.loadSettings());
  const [fileProblem] = createResource(() => props.settingsProblem?.() ?? Promise.resolve(null));
  /** What is saved, once loaded; replaced by what a save returns. */
  const [saved, setSaved] = createSignal<Settings>();
  const [draft, setDraft] = createSignal<SettingsDraft>();
  const [saving, setSaving] = createSignal(false);
  const [refusal, setRefusal] = createSignal<string>();
  const [done, setDone] = createSignal(false);

  /** The saved settings and the draft, starting from what was loaded. */
  const current = () => {
    const base = saved() ?? (loaded.state === "ready" ? loaded() : undefined);
    if (!base) return undefined;
    return { base, draft: draft() ?? toDraft(base) };
  };
  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    const now = current();
    if (!now) return;
    setDraft({ ...now.draft, [key]: value });
    setRefusal(undefined);
    setDone(false);
  };
  const portsProblem = () => {
    const text = current()?.draft.extraPorts ?? "";
    const parsed = parsePorts(text);
    return "problem" in parsed ? parsed.problem : undefined;
  };
  const changed = () => {
    const now = current();
    return now !== undefined && isChanged(now.base, now.draft);
  };

  const save = async () => {
    const now = current();
    if (!now || saving()) return;
    const next = fromDraft(now.base, now.draft);
    if ("problem" in next) {
      setRefusal(next.problem);
      return;
    }
    setSaving(true);
    setRefusal(undefined);
    try {
      const result = await props.saveSettings(next.settings);
      setSaved(result);
      setDraft(toDraft(result));
      setDone(true);
      props.onSaved?.(result);
    } catch (error) {
      setRefusal(message(error));
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => {
    setDraft(undefined);
    setRefusal(undefined);
    setDone(false);
    props.onClose?.();
  };

  const text = (
    key: "binaryPath" | "defaultProject" | "extraPorts" | "quickPromptShortcut",
    label: string,
    hint: string,
    extra: {
      placeholder?: string;
      invalid?: () => string | undefined;
      /** A button after the field that fills it in (a folder dialog). */
      fill?: { label: string; value: () => Promise<string | null> };
    } = {},
  ) => {
    const field = `${id}-${key}`;
    const fill = async (value: () => Promise<string | null>) => {
      try {
        const chosen = await value();
        if (chosen !== null) edit(key, chosen);
      } catch (error) {
        setRefusal(message(error));
      }
    };
    return (
      <div class="settings-field">
        <label for={field}>{label}</label>
        <div class="settings-fill">
        <input
          class="field"
          id={field}
          type="text"
          spellcheck={false}
          placeholder={extra.placeholder}
          value={current()?.draft[key] ?? ""}
          aria-invalid={extra.invalid?.() !== undefined}
          aria-describedby={`${field}-hint${extra.invalid?.() ? ` ${field}-problem` : ""}`}
          onInput={(event) => { edit(key, event.currentTarget.value); }}
        />
        <Show when={extra.fill}>
          {(button) => (
            <button type="button" class="btn" onClick={() => void fill(button().value)}>
              {button().label}
            </button>
          )}
        </Show>
        </div>
        <p id={`${field}-hint`} class="settings-hint">
          {hint}
        </p>
        <Show when={extra.invalid?.()}>
          {(problem) => (
            <p id={`${field}-problem`} class="settings-problem">
              {problem()}
            </p>
          )}
        </Show>
      </div>
    );
  };

  const toggle = (
    key: "mdnsDiscovery" | "notifications" | "closeToTray" | "obeyTuiControl" | "offlineCopies",
    label: string,
    hint?: string,
  ) => (
    <div class="settings-field">
      <label class="settings-check">
        <input
          type="checkbox"
          checked={current()?.draft[key] ?? false}
          aria-describedby={hint === undefined ? undefined : `${id}-${key}-hint`}
          onChange={(event) => { edit(key, event.currentTarget.checked); }}
        />
        {label}
      </label>
      <Show when={hint}>
        {(text) => (
          <p id={`${id}-${key}-hint`} class="settings-hint">
            {text()}
          </p>
        )}
      </Show>
    </div>
  );

  return (
    <section class="settings-view" aria-label="Settings">
      <h2>Settings</h2>
      <Show when={fileProblem.state === "ready" && fileProblem()}>
        {(problem) => (
          <p class="settings-notice" role="alert">
            Your settings file could not be used, so it was set aside and defaults are in use:{" "}
            {problem()}
          </p>
        )}
      </Show>
      <Switch
        fallback={
          <p class="settings-hint" role="status">
            Loading settings…
          </p>
        }
      >
        <Match when={loaded.state === "errored"}>
          <p class="settings-problem" role="alert">
            Could not load the settings: {message(loaded.error)}
          </p>
          <button type="button" class="btn" onClick={() => void refetch()}>
            Retry
          </button>
        </Match>
        <Match when={current()}>
          <form
            class="settings-form"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                cancel();
              }
            }}
          >
            <fieldset class="settings-group">
              <legend>Theme</legend>
              <div class="settings-themes">
                <For each={THEMES}>
                  {(theme) => (
                    <label class="settings-check">
                      <input
                        type="radio"
                        name={`${id}-theme`}
                        value={theme.value}
                        checked={current()?.draft.theme === theme.value}
                        onChange={() => { edit("theme", theme.value); }}
                      />
                      {theme.label}
                    </label>
                  )}
                </For>
              </div>
            </fieldset>

            <fieldset class="settings-group">
              <legend>OpenCode</legend>
              {text(
                "binaryPath",
                "OpenCode program",
                "Leave empty to search PATH and the usual install places.",
                { placeholder: "/usr/local/bin/opencode" },
              )}
              {text(
                "defaultProject",
                "Default project",
                "Opened at launch when no folder is given on the command line; if its folder is gone, you are told and the last one used opens. Leave empty for the last one used.",
                props.pickFolder ? { fill: { label: "Choose…", value: props.pickFolder } } : {},
              )}
              {text(
                "extraPorts",
                "Extra ports",
                "Local ports to look for a running OpenCode server on, besides 4096 (e.g. 4097, 5000).",
                { invalid: portsProblem },
              )}
              {toggle("mdnsDiscovery", "Look for servers on the local network (mDNS)")}
            </fieldset>

            <fieldset class="settings-group">
              <legend>Desktop</legend>
              {text(
                "quickPromptShortcut",
                "Quick prompt shortcut",
                "A global shortcut, e.g. CommandOrControl+Shift+Space.",
              )}
              {toggle("notifications", "Notify me when a reply finishes or OpenCode needs me")}
              {toggle("closeToTray", "Keep running in the tray when the window is closed")}
              {toggle(
                "obeyTuiControl",
                "Obey programs that drive the TUI",
                "Editor plugins and scripts that send prompts, toasts or commands to OpenCode's terminal UI reach this window instead, when no terminal UI is attached.",
              )}
            </fieldset>

            <fieldset class="settings-group">
              <legend>Offline copies</legend>
              {toggle(
                "offlineCopies",
                "Keep a copy of the sessions I open",
                "Read and search them while their server is down. Attachments and passwords are never kept; turning this off deletes the copies.",
              )}
              <Show when={props.offlineCopies}>{(api) => <OfflineCopiesSize api={api()} />}</Show>
            </fieldset>

            <div class="settings-actions">
              <button
                type="submit"
                class="btn btn-primary"
                disabled={saving() || !changed()}
              >
                {saving() ? "Saving…" : "Save"}
              </button>
              <button type="button" class="btn" onClick={cancel}>
                Cancel
              </button>
              <Show when={done()}>
                <span class="settings-saved" role="status">
                  Saved.
                </span>
              </Show>
            </div>
            <Show when={refusal()}>
              {(reason) => (
                <p class="settings-problem" role="alert">
                  {reason()}
                </p>
              )}
            </Show>
          </form>
        </Match>
      </Switch>
    </section>
  );
}
