// One part of a message, by kind: reply text as sanitized markdown (rendered block by block while
// it streams), reasoning collapsed, a tool call as one quiet line (tool, title, status, duration)
// that opens to its input and output, edits as diffs, a step cut short, attachments, agents,
// subtasks, patches, snapshots, retries, compactions; a plain line for a kind this version does not
// know. Whatever is collapsed renders its body only when open, so a long session keeps a small DOM.
// Steps' tokens and cost are not here: a reply sums them once, at its end (replyCost.ts).
// A read, edit or write names its file: a click on that name in the tool line opens it in the
// Files panel (at the line read or first changed), as do an open card's "Open in Files" button
// (the keyboard's way: the line is one toggle button) and its diffs' file names and line numbers.
import { createSignal, createUniqueId, For, Match, type JSX, Show, Switch } from "solid-js";
import CodeBlock from "../../components/CodeBlock";
import DiffView, { DiffStat } from "../../components/DiffView";
import Markdown from "../../components/Markdown";
import type { Part } from "../../ipc";
import { languageOfPath } from "../../lib/highlight";
import {
  diffStat,
  type FileLike,
  fileLabel,
  formatDuration,
  inputText,
  isInlineImage,
  isShell,
  isStreaming,
  messageErrorText,
  retryText,
  shellCommand,
  statusLabel,
  toolDiffs,
  toolDuration,
  toolError,
  toolFileLine,
  toolFilePath,
  toolOutput,
  type ToolPart,
  toolTitle,
  toolTodos,
  writtenContent,
  opensByDefault,
} from "./partInfo";
import { useAwaitingUser, useFileOpener, useProjectPath } from "./context";
import { ruleAnswered } from "../permissions/autoAnswered";
import { stopNote } from "./replyCost";
import TodoList from "./TodoList";
import "./PartView.css";

type Of<K extends Part["type"]> = Extract<Part, { type: K }>;

/** Characters of an error shown on a closed card; the rest is in the open card. */
const ERROR_PREVIEW = 400;

export default function PartView(props: { part: Part }) {
  const as = <K extends Part["type"]>(kind: K) =>
    props.part.type === kind ? (props.part as Of<K>) : undefined;
  return (
    <Switch fallback={<Unsupported type={props.part.type} />}>
      <Match when={as("text")}>
        {(part) => <Markdown text={part().text} streaming={isStreaming(part())} />}
      </Match>
      <Match when={as("reasoning")}>{(part) => <Reasoning part={part()} />}</Match>
      <Match when={as("tool")}>{(part) => <ToolCard part={part()} />}</Match>
      {/* A step's start says nothing; its finish only when it cut the reply short. */}
      <Match when={as("step-start")}>{null}</Match>
      <Match when={as("step-finish")}>
        {(part) => <Show when={stopNote(part().reason)}>{(note) => <p class="part-line step-stop">{note()}</p>}</Show>}
      </Match>
      <Match when={as("file")}>{(part) => <FileView part={part()} />}</Match>
      <Match when={as("agent")}>
        {(part) => (
          <p class="part-line part-agent">
            <span class="part-chip">@{part().name}</span> agent
          </p>
        )}
      </Match>
      <Match when={as("subtask")}>{(part) => <Subtask part={part()} />}</Match>
      <Match when={as("patch")}>{(part) => <PatchLine part={part()} />}</Match>
      <Match when={as("snapshot")}>
        {(part) => (
          <p class="part-line part-snapshot" title={part().snapshot}>
            Snapshot of the files taken
          </p>
        )}
      </Match>
      <Match when={as("retry")}>{(part) => <p class="part-line part-retry">{retryText(part())}</p>}</Match>
      <Match when={as("compaction")}>
        {(part) => (
          <p class="part-line part-compaction">
            Conversation compacted{part().auto ? " automatically" : ""}
            {part().overflow ? " (the context was full)" : ""}
          </p>
        )}
      </Match>
      <Match when={as("unknown")}>{(part) => <Unsupported type={part().originalType} />}</Match>
    </Switch>
  );
}

function Unsupported(props: { type: string }) {
  return <p class="part-line part-unknown">Unsupported part: {props.type}</p>;
}

/** Why an assistant message failed, said plainly; a stop the user asked for is not an alarm. */
export function MessageError(props: { error: { name: string; data?: unknown } }) {
  const info = () => messageErrorText(props.error);
  return (
    <p class="part-message-error" data-muted={info().muted ? "" : undefined}>
      {info().text}
    </p>
  );
}

function Reasoning(props: { part: Of<"reasoning"> }) {
  const [open, setOpen] = createSignal(false);
  const streaming = () => isStreaming(props.part);
  const duration = () => {
    const time = props.part.time;
    return typeof time?.start === "number" && typeof time.end === "number" ? time.end - time.start : null;
  };
  return (
    <Show when={props.part.text.trim() || streaming()}>
      <details
        class="part-reasoning"
        onToggle={(event) => {
          setOpen(event.currentTarget.open);
        }}
      >
        <summary>
          <span class="part-chevron" aria-hidden="true" />
          {streaming() ? "Thinking…" : "Thought"}
          <Show when={duration()}>{(ms) => <span class="part-muted"> for {formatDuration(ms())}</span>}</Show>
        </summary>
        <Show when={open()}>
          <div class="part-reasoning-body">
            <Markdown text={props.part.text} streaming={streaming()} />
          </div>
        </Show>
      </details>
    </Show>
  );
}

function FileView(props: { part: FileLike }) {
  return (
    <Show
      when={isInlineImage(props.part)}
      fallback={
        <p class="part-line">
          <span class="part-chip part-file" title={props.part.mime}>
            {fileLabel(props.part)}
          </span>
        </p>
      }
    >
      <figure class="part-image">
        <img src={props.part.url} alt={fileLabel(props.part)} loading="lazy" decoding="async" />
        <figcaption>{fileLabel(props.part)}</figcaption>
      </figure>
    </Show>
  );
}

function Subtask(props: { part: Of<"subtask"> }) {
  return (
    <details class="part-subtask">
      <summary>
        <span class="part-chevron" aria-hidden="true" />
        <span class="part-chip">@{props.part.agent}</span> subtask: {props.part.description}
        <Show when={props.part.command}>{(command) => <span class="part-muted"> (/{command()})</span>}</Show>
      </summary>
      <div class="part-subtask-prompt">{props.part.prompt}</div>
    </details>
  );
}

/** Files shown by name on a patch line; the rest are counted. */
const PATCH_NAMES = 5;

function PatchLine(props: { part: Of<"patch"> }) {
  const projectPath = useProjectPath();
  const files = () => props.part.files.map(projectPath);
  return (
    <p class="part-line part-patch" title={props.part.hash}>
      Changed {files().length} {files().length === 1 ? "file" : "files"}
      <Show when={files().length > 0}>
        : {files().slice(0, PATCH_NAMES).join(", ")}
        {files().length > PATCH_NAMES ? ` and ${String(files().length - PATCH_NAMES)} more` : ""}
      </Show>
    </p>
  );
}

function ToolCard(props: { part: ToolPart }) {
  // The user's choice, once made, wins; until then a small finished edit opens by itself.
  const [chosen, setChosen] = createSignal<boolean>();
  const open = () => chosen() ?? opensByDefault(props.part);
  const bodyId = createUniqueId();
  const state = () => props.part.state;
  const duration = () => toolDuration(state());
  const error = () => toolError(state());
  const stat = () => diffStat(toolDiffs(props.part));
  const isAwaited = useAwaitingUser();
  const opener = useFileOpener();
  /** Opens the call's file, at its line; undefined for calls about no project file. */
  const openFile = () => {
    const open = opener(toolFilePath(props.part));
    return open ? () => { open(toolFileLine(props.part)); } : undefined;
  };
  // A call held up by the user's answer: saying "Running" would say the agent is at work.
  const waiting = () => (state().status === "running" || state().status === "pending") && isAwaited(props.part.callID);
  // Allowed by one of the app's rules, with no one asked: said, so an automatic answer is seen.
  const ruled = () => ruleAnswered(props.part.callID);
  // Files the tool returned (a screenshot, a read image).
  const attachments = (): FileLike[] => {
    const s = state();
    return s.status === "completed" ? (s.attachments ?? []) : [];
  };
  return (
    <div
      class="tool-card"
      data-status={state().status}
      data-waiting={waiting() ? "" : undefined}
      data-tool={props.part.tool}
    >
      <button
        type="button"
        class="tool-head"
        aria-expanded={open()}
        aria-controls={open() ? bodyId : undefined}
        onClick={(event) => {
          // The file's name in the line opens the file; the rest of the line opens the card.
          const file = openFile();
          if (file && event.target instanceof Element && event.target.closest(".tool-file")) file();
          else setChosen(!open());
        }}
      >
        {/* Drawn by CSS, not an SVG icon: every visible tool line repaints it on each scroll frame,
            and WebKit painting without a GPU took measurably longer over SVG (bench-ui). */}
        <span class="tool-chevron" aria-hidden="true" />
        <span class="tool-name">{props.part.tool}</span>
        <span class="tool-title">
          <Show when={openFile()} fallback={toolTitle(props.part)}>
            <span class="tool-file" title="Open in Files">
              {toolTitle(props.part)}
            </span>
          </Show>
        </span>
        <Show when={stat()}>{(counts) => <DiffStat additions={counts().additions} deletions={counts().deletions} />}</Show>
        <span class="tool-status">{waiting() ? "Waiting for you" : statusLabel(state())}</span>
        <Show when={duration() !== null}>
          <span class="tool-duration">{formatDuration(duration() ?? 0)}</span>
        </Show>
      </button>
      <Show when={ruled()}>
        {(auto) => (
          <p class="tool-ruled">
            allowed by your rule <code>{auto().rule.pattern}</code>
          </p>
        )}
      </Show>
      <Show when={!open() && error()}>
        {(text) => (
          <p class="tool-error">
            {text().length > ERROR_PREVIEW ? `${text().slice(0, ERROR_PREVIEW)}…` : text()}
          </p>
        )}
      </Show>
      <Show when={open()}>
        <div class="tool-body" id={bodyId}>
          <Show when={openFile()}>
            {(file) => (
              <button
                type="button"
                class="btn btn-small tool-open"
                aria-label={`Open in Files: ${toolTitle(props.part)}`}
                onClick={() => {
                  file()();
                }}
              >
                Open in Files
              </button>
            )}
          </Show>
          <ToolBody part={props.part} />
          <Show when={attachments().length > 0}>
            <div class="tool-attachments">
              <For each={attachments()}>{(file) => <FileView part={file} />}</For>
            </div>
          </Show>
        </div>
      </Show>
    </div>
  );
}

function ToolBody(props: { part: ToolPart }): JSX.Element {
  const state = () => props.part.state;
  const output = () => toolOutput(state());
  const diffs = () => toolDiffs(props.part);
  const projectPath = useProjectPath();
  const opener = useFileOpener();
  // A diff's names and line numbers open its file when it is in the project (a whole patch
  // names its files itself).
  const diffOpener = (file: string | null) =>
    opener(file ?? ".") ? (path: string, line?: number) => opener(path)?.(line) : undefined;
  const todos = () => toolTodos(props.part);
  const written = () => (diffs().length === 0 ? writtenContent(props.part) : null);
  const errorText = () => toolError(state());
  const ErrorBlock = () => (
    <Show when={errorText()}>{(text) => <pre class="tool-error tool-error-full">{text()}</pre>}</Show>
  );
  return (
    <Switch
      fallback={
        <>
          <ErrorBlock />
          <Show when={inputText(state())}>{(input) => <CodeBlock code={input()} language="json" label="Input" />}</Show>
          <Show when={output()}>{(text) => <CodeBlock code={text()} label="Output" />}</Show>
          <Show when={state().status === "unknown"}>
            <p class="part-muted">This version does not know the state "{statusLabel(state())}".</p>
          </Show>
        </>
      }
    >
      <Match when={isShell(props.part.tool)}>
        <ErrorBlock />
        <CodeBlock code={shellCommand(props.part)} language="bash" label="Command" />
        <Show when={output()} fallback={<NoOutput state={state()} />}>
          {(text) => <CodeBlock code={text()} label="Output" />}
        </Show>
      </Match>
      <Match when={todos()}>
        {(list) => (
          <>
            <ErrorBlock />
            <TodoList todos={list()} />
          </>
        )}
      </Match>
      <Match when={diffs().length > 0 || written()}>
        <ErrorBlock />
        <For each={diffs()}>
          {(diff) => (
            <DiffView
              patch={diff.patch}
              before={diff.before}
              after={diff.after}
              file={diff.file === null ? null : projectPath(diff.file)}
              additions={diff.additions}
              deletions={diff.deletions}
              status={diff.status}
              onOpen={diffOpener(diff.file)}
            />
          )}
        </For>
        <Show when={written()}>
          {(file) => (
            <CodeBlock code={file().content} language={languageOfPath(file().file)} label={`New content of ${file().file}`} />
          )}
        </Show>
        {/* Past the one-line "applied" message an edit's output carries diagnostics worth seeing. */}
        <Show when={output().includes("\n")}>
          <CodeBlock code={output()} label="Output" />
        </Show>
      </Match>
    </Switch>
  );
}

function NoOutput(props: { state: ToolPart["state"] }) {
  return (
    <Show when={props.state.status === "completed"}>
      <p class="part-muted">No output.</p>
    </Show>
  );
}
