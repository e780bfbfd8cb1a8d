// The "Add MCP server" form: a local command (program, arguments, environment) or a remote URL
// (with headers). A refusal is shown next to its field and everything typed stays, to fix; only
// an add that went through clears the form. Whether it is saved is the backend's to say.
import { createSignal, createUniqueId, Show, type JSX } from "solid-js";
import Feedback from "../../components/Feedback";
import type { McpAddOutcome, McpField, McpServerInput } from "../../ipc/mcp";
import { parsePairs } from "./mcpForm";

export interface McpAddFormProps {
  add: (input: McpServerInput) => Promise<McpAddOutcome>;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export default function McpAddForm(props: McpAddFormProps) {
  const [kind, setKind] = createSignal<"local" | "remote">("local");
  const [values, setValues] = createSignal<Record<McpField, string>>({
    name: "",
    command: "",
    args: "",
    environment: "",
    url: "",
    headers: "",
  });
  const [fieldError, setFieldError] = createSignal<{ field: McpField; message: string }>();
  const [formError, setFormError] = createSignal<string>();
  const [said, setSaid] = createSignal<string>();
  const [working, setWorking] = createSignal(false);

  const set = (field: McpField, value: string) => setValues({ ...values(), [field]: value });

  const input = (): McpServerInput | { field: McpField; message: string } => {
    const v = values();
    if (kind() === "local") {
      const env = parsePairs(v.environment, "=");
      if (!env.ok) return { field: "environment", message: env.message };
      return { type: "local", name: v.name, command: v.command, args: v.args, environment: env.pairs };
    }
    const headers = parsePairs(v.headers, ":");
    if (!headers.ok) return { field: "headers", message: headers.message };
    return { type: "remote", name: v.name, url: v.url, headers: headers.pairs };
  };

  const submit = async () => {
    if (working()) return;
    setFieldError(undefined);
    setFormError(undefined);
    setSaid(undefined);
    const built = input();
    if (!("type" in built)) {
      setFieldError(built);
      return;
    }
    setWorking(true);
    try {
      const outcome = await props.add(built);
      if (outcome.outcome === "refused") {
        setFieldError({ field: outcome.field, message: outcome.message });
        return;
      }
      setSaid(outcome.message);
      setValues({ name: "", command: "", args: "", environment: "", url: "", headers: "" });
    } catch (e) {
      setFormError(messageOf(e));
    } finally {
      setWorking(false);
    }
  };

  /** One labelled field, with its refusal (if any) under it and tied to it for screen readers. */
  const field = (name: McpField, label: string, hint: string, multiline = false): JSX.Element => {
    const id = createUniqueId();
    const errorId = createUniqueId();
    const error = () => (fieldError()?.field === name ? fieldError()?.message : undefined);
    const onInput = (e: { currentTarget: { value: string } }) => set(name, e.currentTarget.value);
    return (
      <div class="terminal-field mcp-field">
        <label for={id}>{label}</label>
        <Show
          when={multiline}
          fallback={
            <input
              class="field"
              id={id}
              spellcheck={false}
              autocomplete="off"
              placeholder={hint}
              value={values()[name]}
              aria-invalid={error() ? "true" : undefined}
              aria-describedby={error() ? errorId : undefined}
              onInput={onInput}
            />
          }
        >
          <textarea
            class="field"
            id={id}
            rows={2}
            spellcheck={false}
            autocomplete="off"
            placeholder={hint}
            value={values()[name]}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? errorId : undefined}
            onInput={onInput}
          />
        </Show>
        <Feedback id={errorId} error={error()} />
      </div>
    );
  };

  return (
    <form
      class="terminal-card mcp-add"
      aria-label="Add MCP server"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>Add MCP server</h3>
      <fieldset class="terminal-actions mcp-kind">
        <legend class="terminal-hint">It runs</legend>
        <label>
          <input type="radio" name="mcp-kind" checked={kind() === "local"} onChange={() => setKind("local")} />
          As a command here
        </label>
        <label>
          <input type="radio" name="mcp-kind" checked={kind() === "remote"} onChange={() => setKind("remote")} />
          At a URL
        </label>
      </fieldset>
      {field("name", "Name", "e.g. files")}
      <Show
        when={kind() === "local"}
        fallback={
          <>
            {field("url", "URL", "https://example.com/mcp")}
            {field("headers", "Headers (optional)", "Authorization: Bearer …", true)}
          </>
        }
      >
        {field("command", "Command", "e.g. npx")}
        {field("args", "Arguments", "e.g. -y @modelcontextprotocol/server-filesystem ~/notes")}
        {field("environment", "Environment (optional)", "NAME=value, one a line", true)}
      </Show>
      <div class="terminal-actions">
        <button type="submit" class="btn btn-primary" disabled={working()} aria-busy={working()}>
          Add
        </button>
      </div>
      <Feedback error={formError()} working={working() ? "Adding…" : undefined} done={said()} />
    </form>
  );
}
