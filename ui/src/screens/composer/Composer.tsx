// The prompt box under the transcript. Enter sends, Shift+Enter adds a line; "/" at the start
// offers the server's commands and "@" completes project paths; "!" at the start makes the box a
// shell command run in the session (OpenCode's TUI convention; "@" then completes a plain path);
// files come in by the paperclip, paste or drop. While a reply runs, or while the connection is
// down, what is sent waits in a queue shown above the box and goes out once the session is idle
// and the link is live. The drafts and queues live outside this component (state/compose.ts,
// stored across restarts), so the box can be rebuilt without losing a word; each session keeps its
// own, so switching sessions never sends one session's prompt to another. (Past 500 lines, still
// one job: the box and its keys; pickers, completion, attachments and the queue are their own
// modules, placed here.)
import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  on,
  Show,
} from "solid-js";
import type { Agent, Command, ConfigProviders, ModelRef } from "../../ipc";
import { isSendKey } from "../../lib/keys";
import type { Compose } from "../../state/compose";
import type { CommandChoice, Draft, Outgoing } from "../../state/drafts";
import ArrowUp from "lucide-solid/icons/arrow-up";
import Paperclip from "lucide-solid/icons/paperclip";
import AgentPicker from "./AgentPicker";
import AttachmentChips from "./AttachmentChips";
import { readAttachments } from "./attachments";
import { nextAgent, resolveAgent, resolveModel } from "./choices";
import { createCompletion } from "./completion";
import CompletionPopup, { optionId } from "./CompletionPopup";
import ModelPicker from "./ModelPicker";
import { noteModelSent } from "../../state/modelPrefs";
import QueuedPrompts from "./QueuedPrompts";
import {
  applyCompletion,
  completionAt,
  mentionedPaths,
  mentionPart,
  parseCommand,
  type Completion,
} from "./prompt-text";
import "./Composer.css";

/** What the shell can do to the composer (a global shortcut focuses it; programs drive it). */
export interface ComposerHandle {
  focus: () => void;
  /** Sends what the box holds, as Enter does. */
  submit: () => Promise<void>;
  /**
   * Native selects open only on a user's own gesture: the focus is what a program can get.
   * False when the picker cannot take it (nothing to pick yet).
   */
  focusPicker: (which: "model" | "agent") => boolean;
  cycleAgent: () => void;
}

export type { CommandChoice };

export interface ComposerProps {
  /** The open session; undefined before one exists (the shell creates it on the first send). */
  sessionId?: string | null;
  /** The open session is replying: sends queue, and Stop shows. */
  busy: boolean;
  /** The connection is live; otherwise what is sent waits until it is. */
  online: boolean;
  /** Where drafts and queued prompts live, and how they go out. */
  compose: Compose;
  /** The server's configured models (`listModels`); undefined while they load. */
  models?: ConfigProviders;
  /** Opens the Providers dialog (offered while only OpenCode's free default is configured). */
  onConnectProvider?: () => void;
  /** The model the session used last, if known; else the server's default is offered. */
  defaultModel?: ModelRef | null;
  agents: readonly Agent[];
  /** The agent the session used last, if known. */
  defaultAgent?: string | null;
  commands: readonly Command[];
  /** The project directory, to turn `@path` mentions into file:// URLs. */
  directory: string;
  /** Project paths matching `query` (directories end with "/"). */
  findFiles: (query: string) => Promise<string[]>;
  /** Aborts the running reply. */
  onStop: () => Promise<void>;
  /** Receives the handle once the composer is built (`ref={handle}` or `ref={(h) => ...}`). */
  ref?: ComposerHandle | ((handle: ComposerHandle) => void);
}

const PLACEHOLDER =
  "Ask OpenCode… (Enter to send, Shift+Enter for a new line, / for commands, @ for files, ! for shell)";


function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

export default function Composer(props: ComposerProps) {
  const ids = createUniqueId();
  const popupId = `compose-popup-${ids}`;
  const shellHintId = `compose-shell-${ids}`;
  let textarea: HTMLTextAreaElement | undefined;
  let fileInput: HTMLInputElement | undefined;
  const pickers: Partial<Record<"model" | "agent", HTMLElement>> = {};

  // Keyed by session id; "" is the box shown before any session exists.
  const key = () => props.sessionId ?? "";
  const draftOf = (k: string): Draft => props.compose.draft(k);
  const draft = () => draftOf(key());
  const update = (k: string, patch: Partial<Draft>) => {
    props.compose.update(k, patch);
  };
  const text = () => draft().text;
  /** The box holds a `!command`: it runs in the session's shell instead of going to the model. */
  const shell = () => text().trimStart().startsWith("!");

  // A choice made before the first send carries into the session that send creates.
  createEffect(
    on(
      key,
      (k, previous) => {
        const before = draftOf("");
        const now = draftOf(k);
        const picked = before.model !== undefined || before.agent !== undefined;
        if (previous === "" && k !== "" && picked && !now.model && !now.agent) {
          update(k, { model: before.model, agent: before.agent });
        }
      },
      { defer: true },
    ),
  );

  const model = createMemo(() => resolveModel(props.models, draft().model, props.defaultModel));
  const agent = createMemo(() => resolveAgent(props.agents, draft().agent, props.defaultAgent));

  // ---- completion ("/" and "@") ----

  const {
    setCaret,
    setDismissed,
    setActive,
    completion,
    popup,
    items,
    activeIndex,
    dismiss,
  } = createCompletion({
    text,
    commands: () => props.commands,
    findFiles: (query) => props.findFiles(query),
  });

  const pick = (index: number) => {
    const found: Completion | null = completion();
    const item = items()[index];
    if (!found || !item || !textarea) return;
    const k = key();
    // A shell reads plain paths (and a shell command attaches no files): the @ only asked for the list.
    const plainPath = found.kind === "file" && shell();
    const next = applyCompletion(text(), found, plainPath ? item.label.slice(1) : item.label);
    const mentions =
      found.kind === "file" && !plainPath ? [...draftOf(k).mentions, item.label.slice(1)] : draftOf(k).mentions;
    update(k, { text: next.text, mentions });
    textarea.value = next.text;
    textarea.setSelectionRange(next.caret, next.caret);
    setCaret(next.caret);
    textarea.focus();
  };

  // ---- attachments ----

  const [reading, setReading] = createSignal(0);
  const [dragging, setDragging] = createSignal(false);

  const attach = async (files: File[]) => {
    if (files.length === 0) return;
    const k = key();
    setReading((n) => n + 1);
    try {
      // Ids only need to differ within the draft, which may have come back from storage.
      let nextId = Math.max(0, ...draftOf(k).attachments.map((a) => a.id)) + 1;
      const { attached, refused } = await readAttachments(files, () => nextId++);
      update(k, {
        attachments: [...draftOf(k).attachments, ...attached],
        error: refused.length > 0 ? refused.join(" ") : undefined,
      });
    } finally {
      setReading((n) => n - 1);
    }
  };

  const detach = (id: number) => {
    const k = key();
    update(k, { attachments: draftOf(k).attachments.filter((a) => a.id !== id) });
    textarea?.focus();
  };

  // ---- sending and the queue ----

  const queue = () => props.compose.queue(key());
  const [stopping, setStopping] = createSignal(false);
  const [stopError, setStopError] = createSignal<string>();

  /** What the box holds, as it will go out; null when there is nothing to send. */
  const compose = (d: Draft): Outgoing | null => {
    const body = d.text.trim();
    const ref = model();
    // Plain values: the picks live in a store, and what is queued must not change under it.
    const chosen = {
      model: ref ? { providerID: ref.providerID, modelID: ref.modelID } : null,
      agent: agent() ?? null,
    };
    if (body.startsWith("!")) {
      const command = body.slice(1).trim();
      return command === "" ? null : { kind: "shell", command, choice: chosen, text: body };
    }
    const command = parseCommand(body, props.commands);
    if (command) return { kind: "command", ...command, choice: chosen, text: body };
    if (body === "" && d.attachments.length === 0) return null;
    const files = [
      ...mentionedPaths(body, d.mentions).map((path) => mentionPart(props.directory, path)),
      ...d.attachments.map((a) => ({ mime: a.mime, url: a.url, filename: a.name })),
    ];
    return { kind: "prompt", draft: { text: body, files, ...chosen } };
  };

  const submit = async () => {
    if (reading() > 0) return;
    const k = key();
    // A copy: the stored draft is cleared below.
    const before: Draft = { ...draftOf(k) };
    const outgoing = compose(before);
    if (!outgoing) return;
    // A command carries no files: attachments stay in the box for the next prompt.
    update(k, {
      text: "",
      mentions: [],
      attachments: outgoing.kind === "prompt" ? [] : before.attachments,
      error: undefined,
    });
    setDismissed(undefined);
    textarea?.focus();
    noteModelSent(outgoing);
    await props.compose.send(k, outgoing, before);
  };

  const stop = async () => {
    setStopping(true);
    setStopError(undefined);
    // What was queued behind the reply the user cut short waits for their word.
    props.compose.pause(key());
    try {
      await props.onStop();
    } catch (error) {
      setStopError(message(error));
    } finally {
      setStopping(false);
    }
  };

  const handle: ComposerHandle = {
    focus: () => {
      textarea?.focus();
    },
    submit,
    focusPicker: (which) => {
      const picker = pickers[which];
      picker?.focus();
      return picker !== undefined && document.activeElement === picker;
    },
    cycleAgent: () => {
      const next = nextAgent(props.agents, agent());
      if (next !== undefined) update(key(), { agent: next });
    },
  };
  const ref = props.ref;
  if (typeof ref === "function") ref(handle);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    const open = popup();
    const count = items().length;
    if (open) {
      if (event.key === "ArrowDown" && count > 0) {
        event.preventDefault();
        setActive((i) => (i + 1) % count);
        return;
      }
      if (event.key === "ArrowUp" && count > 0) {
        event.preventDefault();
        setActive((i) => (i - 1 + count) % count);
        return;
      }
      if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && count > 0) {
        event.preventDefault();
        pick(activeIndex());
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        // The list is what Escape closes here, not whatever the shell binds it to.
        event.stopPropagation();
        dismiss();
        return;
      }
    }
    if (isSendKey(event)) {
      event.preventDefault();
      void submit();
    }
  };

  const trackCaret = (event: Event & { currentTarget: HTMLTextAreaElement }) => {
    setCaret(event.currentTarget.selectionStart);
  };

  return (
    <div class="compose">
      <QueuedPrompts
        queue={queue()}
        online={props.online}
        onResume={() => {
          props.compose.resume(key());
        }}
        onRetry={(id) => {
          props.compose.retry(key(), id);
        }}
        onRemove={(id) => {
          props.compose.remove(key(), id);
        }}
      />

      <form
        class="compose-form"
        classList={{ dragging: dragging() }}
        aria-label="Compose"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
        onDragEnter={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          // Leaving for a child of the form is not leaving the form.
          const to = event.relatedTarget;
          if (!(to instanceof Node && event.currentTarget.contains(to))) setDragging(false);
        }}
        onDrop={(event) => {
          setDragging(false);
          const files = [...(event.dataTransfer?.files ?? [])];
          if (files.length === 0) return;
          event.preventDefault();
          void attach(files);
        }}
      >
        <Show when={popup()}>
          {(open) => (
            <CompletionPopup
              id={popupId}
              label={open().label}
              items={open().items}
              active={activeIndex()}
              status={open().status}
              onPick={pick}
              onHover={setActive}
            />
          )}
        </Show>

        {/* The rounded field: attachments, the text, and a bottom row of attach, pickers, send. */}
        <div class="compose-box">
          <AttachmentChips files={draft().attachments} onRemove={detach} />

          <textarea
            ref={(element) => (textarea = element)}
            class="compose-input"
            classList={{ "compose-shell": shell() }}
            aria-label="Message"
            aria-describedby={shell() ? shellHintId : undefined}
            aria-autocomplete="list"
            aria-controls={popup() ? popupId : undefined}
            aria-activedescendant={
              popup() && items().length > 0 ? optionId(popupId, activeIndex()) : undefined
            }
            placeholder={PLACEHOLDER}
            rows={3}
            value={text()}
            onInput={(event) => {
              const value = event.currentTarget.value;
              const at = event.currentTarget.selectionStart;
              batch(() => {
                setCaret(at);
                // Leaving the word reopens the list that Escape closed.
                if (completionAt(value, at) === null) setDismissed(undefined);
                update(key(), { text: value });
              });
            }}
            onKeyDown={onKeyDown}
            onKeyUp={trackCaret}
            onClick={trackCaret}
            onBlur={() => {
              setDismissed(undefined);
              setCaret(-1);
            }}
            onFocus={trackCaret}
            onPaste={(event) => {
              const files = [...(event.clipboardData?.files ?? [])];
              if (files.length === 0) return;
              event.preventDefault();
              void attach(files);
            }}
          />

          <div class="compose-toolbar">
            <button
              type="button"
              class="icon-btn compose-attach"
              aria-label="Attach files"
              title="Attach images or files (or paste, or drop them here)"
              onClick={() => fileInput?.click()}
            >
              <Paperclip aria-hidden="true" />
            </button>
            <input
              ref={(element) => (fileInput = element)}
              type="file"
              multiple
              hidden
              aria-label="Files to attach"
              onChange={(event) => {
                const files = [...(event.currentTarget.files ?? [])];
                // Cleared so that choosing the same file again still fires a change.
                event.currentTarget.value = "";
                void attach(files);
              }}
            />
            <Show when={shell()}>
              <span
                id={shellHintId}
                class="badge compose-mode"
                title="Starts with !: runs as a shell command in this session, with the agent and model chosen"
              >
                Shell
              </span>
            </Show>
            <AgentPicker
              agents={props.agents}
              value={agent()}
              ref={(element) => (pickers.agent = element)}
              onChange={(name) => {
                update(key(), { agent: name });
              }}
            />
            <ModelPicker
              models={props.models}
              onConnectProvider={props.onConnectProvider}
              value={model()}
              ref={(element) => (pickers.model = element)}
              onChange={(ref) => {
                update(key(), { model: ref });
              }}
            />
            <span class="compose-spacer" />
            <Show when={props.busy}>
              <button
                type="button"
                class="btn btn-danger compose-stop"
                disabled={stopping()}
                onClick={() => void stop()}
              >
                Stop
              </button>
            </Show>
            <button
              type="submit"
              class="icon-btn btn-primary compose-send"
              aria-label="Send"
              title={
                !props.online
                  ? "Queued until the connection is back"
                  : props.busy
                    ? "Queued until the reply finishes"
                    : shell()
                      ? "Run the shell command (Enter)"
                      : "Send (Enter)"
              }
            >
              <ArrowUp aria-hidden="true" />
            </button>
          </div>
        </div>

        <Show when={!props.online}>
          <p class="compose-offline">
            Not connected: what you send waits here and goes once the connection is back.
          </p>
        </Show>
        <Show when={draft().error ?? stopError()}>
          {(error) => (
            <p class="compose-error" role="alert">
              {error()}
            </p>
          )}
        </Show>
      </form>
    </div>
  );
}
