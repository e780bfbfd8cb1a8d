// The Rules tab: the permission rules the app keeps (src-tauri/src/rules.rs), each with its
// project, permission type and pattern, and a Remove button. Rules are made from a permission
// card ("Always allow … here"). The backend comes in through props (defaults: the real one).
import { createSignal, For, onMount, Show } from "solid-js";
import * as RulesIpc from "../../ipc/rules";
import type { Rule, Rules } from "../../ipc/rules";
import Feedback from "../../components/Feedback";

export interface RulesViewProps {
  listRules?: () => Promise<Rules>;
  removeRule?: (rule: Rule) => Promise<Rules>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function RulesView(props: RulesViewProps) {
  const list = () => (props.listRules ?? RulesIpc.listRules)();
  const remove = (rule: Rule) => (props.removeRule ?? RulesIpc.removeRule)(rule);
  const [rules, setRules] = createSignal<Rules>();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  onMount(() => {
    list().then(setRules, (e: unknown) => setError(messageOf(e)));
  });

  const onRemove = async (rule: Rule) => {
    setBusy(true);
    setError(undefined);
    try {
      setRules(await remove(rule));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="settings-view" aria-label="Permission rules">
      <h2>Permission rules</h2>
      <p>
        The app allows what these rules cover without asking, in their project, and says so in the
        session. Make one with “Always allow … here” on a permission request.
      </p>
      <Show when={rules()?.problem}>{(problem) => <p role="status">{problem()}</p>}</Show>
      <Feedback error={error()} />
      <Show when={rules()}>
        {(loaded) => (
          <Show when={loaded().rules.length > 0} fallback={<p>No rules yet.</p>}>
            <table class="rules-table">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Type</th>
                  <th scope="col">Pattern</th>
                  <th scope="col">
                    <span class="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={loaded().rules}>
                  {(rule) => (
                    <tr>
                      <td>{rule.project}</td>
                      <td>{rule.permission}</td>
                      <td>
                        <code>{rule.pattern}</code>
                      </td>
                      <td>
                        <button
                          class="btn"
                          type="button"
                          disabled={busy()}
                          aria-label={`Remove the rule ${rule.permission} ${rule.pattern} in ${rule.project}`}
                          onClick={() => void onRemove(rule)}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </section>
  );
}
