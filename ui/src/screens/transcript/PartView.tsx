// One part of a message, by kind: text, reasoning (collapsed), a tool call as a compact card that
// expands to its output, the cost of a step, an attached file, or a plain note for a part kind
// this version cannot show. Reply text is markdown, sanitized before it reaches the DOM
// (lib/markdown.ts); reasoning and tool output stay plain text.
import { Match, Show, Switch } from "solid-js";
import type { Part } from "../../ipc";
import Markdown from "../../components/Markdown";
import { formatCost, formatTokens } from "../../lib/format";

/** Tool output beyond this is cut in the card (the whole output stays in the store). */
const OUTPUT_PREVIEW = 4000;

type Of<K extends Part["type"]> = Extract<Part, { type: K }>;

export default function PartView(props: { part: Part }) {
  const as = <K extends Part["type"]>(kind: K) =>
    props.part.type === kind ? (props.part as Of<K>) : undefined;
  return (
    <Switch>
      <Match when={as("text")}>{(part) => <Markdown text={part().text} />}</Match>
      <Match when={as("reasoning")}>
        {(part) => (
          <details class="part-reasoning">
            <summary>Thinking</summary>
            <div class="part-text">{part().text}</div>
          </details>
        )}
      </Match>
      <Match when={as("tool")}>{(part) => <ToolCard part={part()} />}</Match>
      <Match when={as("step-finish")}>
        {(part) => (
          <div class="step-cost">
            {formatTokens(part().tokens.input ?? 0)} in · {formatTokens(part().tokens.output ?? 0)} out ·{" "}
            {formatCost(part().cost ?? 0)}
          </div>
        )}
      </Match>
      <Match when={as("file")}>
        {(part) => <div class="part-file">📎 {part().filename ?? part().url}</div>}
      </Match>
      <Match when={as("unknown")}>
        {(part) => <div class="part-unknown">Unsupported part: {part().originalType}</div>}
      </Match>
    </Switch>
  );
}

function ToolCard(props: { part: Of<"tool"> }) {
  const state = () => props.part.state;
  const title = () => {
    const s = state();
    return s.status === "completed" || s.status === "running" ? (s.title ?? "") : "";
  };
  const output = () => {
    const s = state();
    if (s.status === "completed") return s.output;
    if (s.status === "error") return s.error;
    return "";
  };
  return (
    <details class="tool-card" data-status={state().status}>
      <summary>
        <span class="tool-name">{props.part.tool}</span>
        <span class="tool-title">{title()}</span>
        <span class="tool-status">{state().status}</span>
      </summary>
      <Show when={output()}>
        {(text) => (
          <pre class="tool-output">
            {text().length > OUTPUT_PREVIEW
              ? `${text().slice(0, OUTPUT_PREVIEW)}\n… ${String(text().length - OUTPUT_PREVIEW)} more characters`
              : text()}
          </pre>
        )}
      </Show>
    </details>
  );
}
