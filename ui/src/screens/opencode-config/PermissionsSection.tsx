// Permission rules per tool: each tool's action (ask / allow / deny, or OpenCode's default), its
// patterns (bash commands, paths) with their own actions, added and removed here. Each rule says
// where it comes from; a pattern changes or leaves the config it lives in.
import { createMemo, createSignal, createUniqueId, For, Show } from "solid-js";
import type {
  ConfigChange,
  ConfigSaved,
  ConfigScope,
  PermissionRuleView,
} from "../../ipc/opencodeConfig";
import Feedback from "../../components/Feedback";
import SettingRow, { createSaver, ORIGIN_LABEL, ScopePicker, defaultScope } from "./SettingRow";

/** The tools people set most often, shown even when no rule names them. */
const COMMON_TOOLS = ["edit", "bash", "webfetch", "websearch", "external_directory", "doom_loop", "task"];

export const ACTIONS = [
  { value: "ask", label: "Ask" },
  { value: "allow", label: "Allow" },
  { value: "deny", label: "Deny" },
];

export interface PermissionsSectionProps {
  rules: PermissionRuleView[];
  projectUnavailable: string | null | undefined;
  save: (scope: ConfigScope, change: ConfigChange) => Promise<ConfigSaved>;
}

export default function PermissionsSection(props: PermissionsSectionProps) {
  const tools = createMemo(() => {
    const named = props.rules.map((r) => r.tool);
    return [...COMMON_TOOLS, ...named.filter((t, i) => !COMMON_TOOLS.includes(t) && named.indexOf(t) === i)];
  });
  return (
    <For each={tools()}>
      {(tool) => {
        const rules = () => props.rules.filter((r) => r.tool === tool);
        // The tool's own action: a plain rule, or its "*" pattern.
        const whole = () => rules().find((r) => r.pattern == null) ?? rules().find((r) => r.pattern === "*");
        const patterns = () => rules().filter((r) => r.pattern != null && r !== whole());
        return (
          <div class="config-tool">
            <SettingRow
              label={tool}
              value={whole()?.action}
              origin={whole()?.origin ?? "default"}
              choices={ACTIONS}
              defaultLabel="OpenCode's default"
              projectUnavailable={props.projectUnavailable}
              save={(scope, action) => props.save(scope, { key: "permission", tool, pattern: null, action })}
            />
            <Show when={tool === "bash" || patterns().length > 0}>
              <ul class="config-patterns" aria-label={`${tool} patterns`}>
                <For each={patterns()}>
                  {(rule) => <PatternRow rule={rule} save={props.save} />}
                </For>
              </ul>
              <AddPattern tool={tool} projectUnavailable={props.projectUnavailable} save={props.save} />
            </Show>
          </div>
        );
      }}
    </For>
  );
}

function PatternRow(props: {
  rule: PermissionRuleView;
  save: (scope: ConfigScope, change: ConfigChange) => Promise<ConfigSaved>;
}) {
  const id = createUniqueId();
  const saver = createSaver();
  const [action, setAction] = createSignal<string>();
  // A pattern is changed where it lives; one from no file cannot be.
  const scope = (): ConfigScope => (props.rule.origin === "global" ? "global" : "project");
  const pattern = () => props.rule.pattern ?? "";
  const change = (value: string) => {
    setAction(value);
    void saver.run(() =>
      props.save(scope(), { key: "permission", tool: props.rule.tool, pattern: pattern(), action: value }),
    );
  };
  const remove = () =>
    void saver.run(() =>
      props.save(scope(), { key: "removePermission", tool: props.rule.tool, pattern: pattern() }),
    );
  return (
    <li class="config-pattern">
      <code>{pattern()}</code>
      <span class={`badge config-origin config-origin-${props.rule.origin}`}>{ORIGIN_LABEL[props.rule.origin]}</span>
      <select
        class="field"
        aria-label={`${props.rule.tool} ${pattern()}`}
        aria-describedby={`${id}-feedback`}
        value={action() ?? props.rule.action}
        disabled={saver.saving()}
        onChange={(e) => {
          change(e.currentTarget.value);
        }}
      >
        <For each={ACTIONS}>{(a) => <option value={a.value}>{a.label}</option>}</For>
      </select>
      <button class="btn" type="button" disabled={saver.saving()} onClick={remove}>
        Remove
      </button>
      <Feedback id={`${id}-feedback`} error={saver.error()} working={saver.saving() ? "Saving…" : undefined} done={saver.note()} />
    </li>
  );
}

function AddPattern(props: {
  tool: string;
  projectUnavailable: string | null | undefined;
  save: (scope: ConfigScope, change: ConfigChange) => Promise<ConfigSaved>;
}) {
  const id = createUniqueId();
  const saver = createSaver();
  const [pattern, setPattern] = createSignal("");
  const [action, setAction] = createSignal("allow");
  const [scope, setScope] = createSignal<ConfigScope>(defaultScope("project", !props.projectUnavailable));
  const add = async (e: Event) => {
    e.preventDefault();
    const change: ConfigChange = { key: "permission", tool: props.tool, pattern: pattern().trim(), action: action() };
    // The typed pattern stays in the box when the change is refused.
    if (await saver.run(() => props.save(scope(), change))) setPattern("");
  };
  return (
    <form class="config-add-pattern" onSubmit={(e) => void add(e)}>
      <input
        class="field"
        aria-label={`New ${props.tool} pattern`}
        aria-describedby={`${id}-feedback`}
        placeholder={props.tool === "bash" ? "git status, npm *" : "pattern"}
        value={pattern()}
        onInput={(e) => setPattern(e.currentTarget.value)}
      />
      <select class="field" aria-label={`New ${props.tool} pattern action`} value={action()} onChange={(e) => setAction(e.currentTarget.value)}>
        <For each={ACTIONS}>{(a) => <option value={a.value}>{a.label}</option>}</For>
      </select>
      <ScopePicker
        value={scope()}
        onChange={setScope}
        projectUnavailable={props.projectUnavailable}
        label={`the ${props.tool} pattern`}
      />
      <button class="btn" type="submit" disabled={!pattern().trim() || saver.saving()}>
        Add
      </button>
      <Feedback id={`${id}-feedback`} error={saver.error()} working={saver.saving() ? "Saving…" : undefined} done={saver.note()} />
    </form>
  );
}
