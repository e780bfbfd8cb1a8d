// OpenCode's own settings (not the app's): default and small model, default agent and the agents,
// permission rules per tool, sharing, updates. Each row says where its value comes from ("this
// project", "global", "default") and lets the user pick where a change goes (defaulting to where
// the value lives); a refusal shows next to its field and the choice stays as the user left it.
// Everything from the backend comes in through props, so tests pass fakes.
import { createMemo, createSignal, createUniqueId, For, onMount, Show } from "solid-js";
import Feedback from "../../components/Feedback";
import type { Agent, ConfigProviders } from "../../ipc";
import type {
  ConfigChange,
  ConfigSaved,
  ConfigScope,
  OpencodeConfigView,
} from "../../ipc/opencodeConfig";
import PermissionsSection from "./PermissionsSection";
import SettingRow, { type Choice } from "./SettingRow";
import "./opencode-config.css";

export interface ConfigViewProps {
  /** The server shown; its current project is the "project" scope. */
  serverId: string | undefined;
  readOpencodeConfig: (serverId: string) => Promise<OpencodeConfigView>;
  setOpencodeConfigValue: (serverId: string, scope: ConfigScope, change: ConfigChange) => Promise<ConfigSaved>;
  listModels: (serverId: string) => Promise<ConfigProviders>;
  listAgents: (serverId: string) => Promise<Agent[]>;
  /** A change is in force: what shows models or agents (the composer) may read them again. */
  onApplied?: () => void;
}

const SHARE: Choice[] = [
  { value: "manual", label: "Manual (share a session when asked)" },
  { value: "auto", label: "Automatic (share every new session)" },
  { value: "disabled", label: "Disabled" },
];
const UPDATES: Choice[] = [
  { value: "true", label: "Update automatically" },
  { value: "notify", label: "Tell me when there is an update" },
  { value: "false", label: "Never" },
];

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function ConfigView(props: ConfigViewProps) {
  const headingId = createUniqueId();
  const [config, setConfig] = createSignal<OpencodeConfigView>();
  const [models, setModels] = createSignal<ConfigProviders>();
  const [agents, setAgents] = createSignal<Agent[]>([]);
  const [loadError, setLoadError] = createSignal<string>();

  let loads = 0;
  const load = async () => {
    const serverId = props.serverId;
    if (serverId === undefined) return;
    // Only the newest answer counts: an older one may finish last.
    const mine = ++loads;
    try {
      const [read, listed, agentList] = await Promise.all([
        props.readOpencodeConfig(serverId),
        props.listModels(serverId),
        props.listAgents(serverId),
      ]);
      if (mine !== loads) return;
      setConfig(read);
      setModels(listed);
      setAgents(agentList);
      setLoadError(undefined);
    } catch (e) {
      if (mine === loads) setLoadError(messageOf(e));
    }
  };
  onMount(() => void load());

  const save = async (scope: ConfigScope, change: ConfigChange): Promise<ConfigSaved> => {
    const serverId = props.serverId;
    if (serverId === undefined) throw new Error("No OpenCode server is connected yet.");
    const saved = await props.setOpencodeConfigValue(serverId, scope, change);
    if (saved.applied) props.onApplied?.();
    await load();
    return saved;
  };

  const modelChoices = createMemo<Choice[]>(() =>
    (models()?.providers ?? []).flatMap((p) =>
      Object.entries(p.models).map(([id, m]) => ({ value: `${p.id}/${id}`, label: `${p.name} · ${m.name}` })),
    ),
  );
  const leaders = createMemo<Choice[]>(() =>
    agents()
      .filter((a) => a.mode !== "subagent" && !a.hidden)
      .map((a) => ({ value: a.name, label: a.name })),
  );
  const shownAgents = createMemo(() => agents().filter((a) => !a.hidden));
  const unavailable = () => config()?.project_unavailable;

  return (
    <section class="config-view" aria-labelledby={headingId}>
      <h2 id={headingId}>OpenCode settings</h2>
      <Feedback error={loadError()} />
      <Show when={config()} fallback={<Show when={!loadError()}><p>Loading…</p></Show>}>
        {(c) => (
          <>
            <Show when={unavailable()}>
              <p class="config-note">{unavailable()}</p>
            </Show>
            <Show when={c().project_files.length > 0}>
              <p class="config-files">
                Project settings are in <For each={c().project_files}>{(f) => <code>{f}</code>}</For>
              </p>
            </Show>

            <h3>Models</h3>
            <SettingRow
              label="Default model"
              value={c().model.value}
              origin={c().model.origin}
              choices={modelChoices()}
              defaultLabel="OpenCode chooses"
              projectUnavailable={unavailable()}
              save={(scope, value) => save(scope, { key: "model", value })}
            />
            <SettingRow
              label="Small model (titles, summaries)"
              value={c().small_model.value}
              origin={c().small_model.origin}
              choices={modelChoices()}
              defaultLabel="OpenCode chooses"
              projectUnavailable={unavailable()}
              save={(scope, value) => save(scope, { key: "smallModel", value })}
            />

            <h3>Agent</h3>
            <SettingRow
              label="Default agent"
              value={c().default_agent.value}
              origin={c().default_agent.origin}
              choices={leaders()}
              defaultLabel="build (OpenCode's default)"
              projectUnavailable={unavailable()}
              save={(scope, value) => save(scope, { key: "defaultAgent", value })}
            />
            <ul class="config-agents" aria-label="Agents">
              <For each={shownAgents()}>
                {(a) => (
                  <li>
                    <strong>{a.name}</strong> <span class="config-agent-mode">{a.mode}</span>
                    <Show when={a.model}>
                      {(m) => (
                        <code>
                          {m().providerID}/{m().modelID}
                        </code>
                      )}
                    </Show>
                    <Show when={a.description}>
                      <p>{a.description}</p>
                    </Show>
                  </li>
                )}
              </For>
            </ul>

            <h3>Permissions</h3>
            <PermissionsSection rules={c().permissions} projectUnavailable={unavailable()} save={save} />

            <h3>Sharing</h3>
            <SettingRow
              label="Share sessions"
              value={c().share.value}
              origin={c().share.origin}
              choices={SHARE}
              defaultLabel="Manual (OpenCode's default)"
              projectUnavailable={unavailable()}
              save={(scope, value) => save(scope, { key: "share", value })}
            />

            <h3>Updates</h3>
            <SettingRow
              label="OpenCode updates"
              value={c().autoupdate.value}
              origin={c().autoupdate.origin}
              choices={UPDATES}
              defaultLabel="Update automatically (OpenCode's default)"
              projectUnavailable={unavailable()}
              save={(scope, value) => save(scope, { key: "autoupdate", value })}
            />
          </>
        )}
      </Show>
    </section>
  );
}
