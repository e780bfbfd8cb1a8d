// The prompt box under the transcript. Enter sends, Shift+Enter adds a line; "/" at the start
// offers the server's commands and "@" completes project paths; files come in by the paperclip,
// paste or drop. While a reply runs, what is sent waits in a queue shown above the box and goes
// out once the session is idle: nothing typed is lost. Each session keeps its own draft, choices
// and queue, so switching sessions never sends one session's prompt to another.
import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  on,
  onCleanup,
  Show,
} from "solid-js";
import { createStore } from "solid-js/store";
import type { Agent, Command, ConfigProviders, ModelRef, PromptDraft } from "../../ipc";
import { isSendKey } from "../../lib/keys";
import {
  canSendDirectly,
  emptyQueues,
  enqueue,
  failed,
  graceEnds,
  pause,
  remove,
  resume,
  retry,
  sawBusy,
  sessionQueue,
  startDirect,
  succeeded,
  takeNext,
  type Queues,
} from "../../state/queue";
import AgentPicker from "./AgentPicker";
import { readAttachments, type Attachment } from "./attachments";
import { resolveAgent, resolveModel } from "./choices";
import CompletionPopup, { optionId, type CompletionItem } from "./CompletionPopup";
import ModelPicker from "./ModelPicker";
import {
  applyCompletion,
  completionAt,
  filterCommands,
  mentionedPaths,
  mentionPart,
  parseCommand,
  type Completion,
} from "./prompt-text";
import "./Composer.css";

/** What the shell can do to the composer (a global shortcut focuses it). */
export interface ComposerHandle {
  focus: () => void;
}

/** The model and agent a `/command` runs with. */
export interface CommandChoice {
  model: ModelRef | null;
  agent: string | null;
}

export interface ComposerProps {
  /** The open session; undefined before one exists (the shell creates it on the first send). */
  sessionId?: string | null;
  /** The open session is replying: sends queue, and Stop shows. */
  busy: boolean;
  /** The server's configured models (`listModels`); undefined while they load. */
  models?: ConfigProviders;
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
  /** Sends a prompt to `sessionId` (undefined: to a new session). Rejects with a sentence. */
  onSend: (draft: PromptDraft, sessionId: string | undefined) => Promise<void>;
  /** Runs the server's `/name args` in `sessionId`. */
  onCommand: (
    name: string,
    args: string,
    choice: CommandChoice,
    sessionId: string | undefined,
  ) => Promise<void>;
  /** Aborts the running reply. */
  onStop: () => Promise<void>;
  /** Receives the handle once the composer is built (`ref={handle}` or `ref={(h) => ...}`). */
  ref?: ComposerHandle | ((handle: ComposerHandle) => void);
}

/** What goes out: a prompt, or one of the server's commands. */
type Outgoing =
  | { kind: "prompt"; draft: PromptDraft }
  | { kind: "command"; name: string; args: string; choice: CommandChoice; text: string };

/** One session's unsent work. */
interface Draft {
  text: string;
  attachments: Attachment[];
  /** Paths picked from the @ list; attached while the text still mentions them. */
  mentions: string[];
  /** The user's own picks; unset means "the session's or the server's default". */
  model?: ModelRef;
  agent?: string;
  /** Why the last send from this box failed, or a file was refused. */
  error?: string;
}

const EMPTY_DRAFT: Draft = { text: "", attachments: [], mentions: [] };

const PLACEHOLDER =
  "Ask OpenCode… (Enter to send, Shift+Enter for a new line, / for commands, @ for files)";

/** How long typing must pause before the file search runs. */
const FIND_DEBOUNCE_MS = 100;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line that says what a queued item is. */
function preview(outgoing: Outgoing): string {
  const text = outgoing.kind === "prompt" ? outgoing.draft.text : outgoing.text;
  const line = text.split("\n", 1)[0] ?? "";
  const files = outgoing.kind === "prompt" ? (outgoing.draft.files?.length ?? 0) : 0;
  if (line === "" && files > 0) return files === 1 ? "1 file" : `${files} files`;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes("Files") ?? false;
}

export default function Composer(props: ComposerProps) {
  const ids = createUniqueId();
  const popupId = `compose-popup-${ids}`;
  let textarea: HTMLTextAreaElement | undefined;
  let fileInput: HTMLInputElement | undefined;

  // Keyed by session id; "" is the box shown before any session exists.
  const key = () => props.sessionId ?? "";
  const [drafts, setDrafts] = createStore<Record<string, Draft>>({});
  const draftOf = (k: string): Draft => drafts[k] ?? EMPTY_DRAFT;
  const draft = () => draftOf(key());
  const update = (k: string, patch: Partial<Draft>) => {
    setDrafts(k, { ...draftOf(k), ...patch });
  };
  const text = () => draft().text;

  // A choice made before the first send carries into the session that send creates.
  createEffect(
    on(
      key,
      (k, previous) => {
        const before = drafts[""];
        if (previous === "" && k !== "" && !drafts[k] && before) {
          update(k, { model: before.model, agent: before.agent });
        }
      },
      { defer: true },
    ),
  );

  const model = createMemo(() => resolveModel(props.models, draft().model, props.defaultModel));
  const agent = createMemo(() => resolveAgent(props.agents, draft().agent, props.defaultAgent));

  // ---- completion ("/" and "@") ----

  const [caret, setCaret] = createSignal(0);
  /** The word the user closed the list on with Escape; it stays closed for that word. */
  const [dismissed, setDismissed] = createSignal<string>();
  const [active, setActive] = createSignal(0);
  const completion = createMemo(
    () => {
      const found = completionAt(text(), caret());
      if (!found || dismissed() === `${found.kind}:${found.start}`) return null;
      return found;
    },
    null,
    {
      equals: (a, b) =>
        a?.kind === b?.kind && a?.query === b?.query && a?.start === b?.start && a?.end === b?.end,
    },
  );

  const commandMatches = createMemo(() => {
    const found = completion();
    return found?.kind === "command" ? filterCommands(props.commands, found.query) : [];
  });

  const [fileSearch, setFileSearch] = createSignal<{
    state: "searching" | "done" | "failed";
    paths: string[];
  }>();
  let searchSeq = 0;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const fileQuery = createMemo(() => {
    const found = completion();
    return found?.kind === "file" ? found.query : null;
  });
  createEffect(
    on(fileQuery, (query) => {
      clearTimeout(searchTimer);
      // Answers to an older query are dropped: only the latest search may fill the list.
      const seq = ++searchSeq;
      if (query === null) {
        setFileSearch(undefined);
        return;
      }
      setFileSearch((previous) => ({ state: "searching", paths: previous?.paths ?? [] }));
      searchTimer = setTimeout(() => {
        props.findFiles(query).then(
          (paths) => {
            if (seq === searchSeq) setFileSearch({ state: "done", paths });
          },
          () => {
            if (seq === searchSeq) setFileSearch({ state: "failed", paths: [] });
          },
        );
      }, FIND_DEBOUNCE_MS);
    }),
  );
  onCleanup(() => {
    clearTimeout(searchTimer);
    searchSeq++;
  });

  const popup = createMemo(
    (): { label: string; items: CompletionItem[]; status?: string } | null => {
      const found = completion();
      if (found?.kind === "command") {
        const items = commandMatches().map((command) => ({
          label: `/${command.name}`,
          detail: command.description,
        }));
        return items.length > 0 ? { label: "Commands", items } : null;
      }
      if (found?.kind === "file") {
        const search = fileSearch();
        const items = (search?.paths ?? []).map((path) => ({ label: `@${path}` }));
        const status =
          search?.state === "failed"
            ? "File search failed."
            : search?.state === "done"
              ? "No matching files."
              : "Searching…";
        return { label: "Files", items, status };
      }
      return null;
    },
  );
  const items = () => popup()?.items ?? [];
  // The list may shrink under the highlight as search results arrive.
  const activeIndex = () => Math.min(active(), items().length - 1);
  createEffect(on(completion, () => setActive(0)));

  const pick = (index: number) => {
    const found: Completion | null = completion();
    const item = items()[index];
    if (!found || !item || !textarea) return;
    const k = key();
    const next = applyCompletion(text(), found, item.label);
    const mentions =
      found.kind === "file" ? [...draftOf(k).mentions, item.label.slice(1)] : draftOf(k).mentions;
    update(k, { text: next.text, mentions });
    textarea.value = next.text;
    textarea.setSelectionRange(next.caret, next.caret);
    setCaret(next.caret);
    textarea.focus();
  };

  const dismiss = () => {
    const found = completion();
    if (found) setDismissed(`${found.kind}:${found.start}`);
  };

  // ---- attachments ----

  let nextAttachmentId = 1;
  const [reading, setReading] = createSignal(0);
  const [dragging, setDragging] = createSignal(false);

  const attach = async (files: File[]) => {
    if (files.length === 0) return;
    const k = key();
    setReading((n) => n + 1);
    try {
      const { attached, refused } = await readAttachments(files, () => nextAttachmentId++);
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

  const [queues, setQueues] = createSignal<Queues<Outgoing>>(emptyQueues());
  const queue = () => sessionQueue(queues(), key());
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
    const command = parseCommand(body, props.commands);
    if (command) return { kind: "command", ...command, choice: chosen, text: body };
    if (body === "" && d.attachments.length === 0) return null;
    const files = [
      ...mentionedPaths(body, d.mentions).map((path) => mentionPart(props.directory, path)),
      ...d.attachments.map((a) => ({ mime: a.mime, url: a.url, filename: a.name })),
    ];
    return { kind: "prompt", draft: { text: body, files, ...chosen } };
  };

  const deliver = (outgoing: Outgoing, k: string) =>
    outgoing.kind === "prompt"
      ? props.onSend(outgoing.draft, k || undefined)
      : props.onCommand(outgoing.name, outgoing.args, outgoing.choice, k || undefined);

  /** The busy state as known for session `k` (only the open session's is). */
  const busyNow = (k: string) => k === key() && props.busy;

  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleGrace = (k: string) => {
    const ends = graceEnds(queues(), k);
    if (ends === null || ends <= Date.now() || k !== key()) return;
    clearTimeout(graceTimer);
    graceTimer = setTimeout(pump, Math.max(0, ends - Date.now()));
  };
  onCleanup(() => {
    clearTimeout(graceTimer);
  });

  /** Sends the open session's next queued item if the session is idle and the queue may move. */
  function pump() {
    const k = key();
    const taken = takeNext(queues(), k, props.busy, Date.now());
    if (!taken) {
      scheduleGrace(k);
      return;
    }
    setQueues(taken.queues);
    deliver(taken.item.value, k).then(
      () => {
        setQueues((q) => succeeded(q, k, { now: Date.now(), busy: busyNow(k) }));
        scheduleGrace(k);
      },
      (error: unknown) => {
        setQueues((q) => failed(q, k, message(error)));
      },
    );
  }

  createEffect(
    on([key, () => props.busy] as const, ([k, busy]) => {
      if (busy) setQueues((q) => sawBusy(q, k));
      else pump();
    }),
  );

  const submit = async () => {
    if (reading() > 0) return;
    const k = key();
    // A copy: the store object behind draftOf(k) is cleared below.
    const before: Draft = { ...draftOf(k) };
    const outgoing = compose(before);
    if (!outgoing) return;
    // A command carries no files: attachments stay in the box for the next prompt.
    update(k, {
      text: "",
      mentions: [],
      attachments: outgoing.kind === "command" ? before.attachments : [],
      error: undefined,
    });
    setDismissed(undefined);
    textarea?.focus();
    if (!canSendDirectly(queues(), k, props.busy, Date.now())) {
      setQueues((q) => enqueue(q, k, outgoing).queues);
      return;
    }
    setQueues((q) => startDirect(q, k));
    try {
      await deliver(outgoing, k);
      setQueues((q) => succeeded(q, k, { now: Date.now(), busy: busyNow(k) }));
      scheduleGrace(k);
    } catch (error) {
      setQueues((q) => failed(q, k, message(error)));
      // Give the text back where the user left it. A first send may have created a session
      // and opened it: the text follows to the open box if that one is empty.
      const target = k === "" && key() !== "" && draftOf(key()).text === "" ? key() : k;
      const now = draftOf(target);
      update(target, {
        text: now.text === "" ? before.text : `${before.text}\n${now.text}`,
        mentions: [...before.mentions, ...now.mentions],
        attachments:
          outgoing.kind === "command"
            ? now.attachments
            : [...before.attachments, ...now.attachments],
        error: message(error),
      });
    }
  };

  const stop = async () => {
    setStopping(true);
    setStopError(undefined);
    // What was queued behind the reply the user cut short waits for their word.
    setQueues((q) => pause(q, key()));
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
      <Show when={queue().items.length > 0}>
        <section class="compose-queue" aria-label="Queued prompts">
          <Show when={queue().paused}>
            <p class="compose-queue-paused">
              Held after Stop.{" "}
              <button
                type="button"
                onClick={() => {
                  setQueues((q) => resume(q, key()));
                  pump();
                }}
              >
                Resume queue
              </button>
            </p>
          </Show>
          <ol>
            <For each={queue().items}>
              {(item) => {
                const sending = () => queue().sending === item.id;
                return (
                  <li class="compose-queue-item" classList={{ failed: item.error !== undefined }}>
                    <span class="compose-queue-text">{preview(item.value)}</span>
                    <Show when={sending()}>
                      <span class="compose-queue-state">Sending…</span>
                    </Show>
                    <Show when={item.error}>
                      {(error) => (
                        <>
                          <span class="compose-queue-error" role="alert">
                            {error()}
                          </span>
                          <button
                            type="button"
                            aria-label={`Retry queued prompt: ${preview(item.value)}`}
                            onClick={() => {
                              setQueues((q) => retry(q, key(), item.id));
                              pump();
                            }}
                          >
                            Retry
                          </button>
                        </>
                      )}
                    </Show>
                    <button
                      type="button"
                      aria-label={`Remove queued prompt: ${preview(item.value)}`}
                      disabled={sending()}
                      onClick={() => {
                        setQueues((q) => remove(q, key(), item.id));
                        pump();
                      }}
                    >
                      Remove
                    </button>
                  </li>
                );
              }}
            </For>
          </ol>
        </section>
      </Show>

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

        <Show when={draft().attachments.length > 0}>
          <ul class="compose-attachments" aria-label="Attachments">
            <For each={draft().attachments}>
              {(file) => (
                <li class="compose-chip">
                  <Show when={file.mime.startsWith("image/")}>
                    <img class="compose-thumb" src={file.url} alt="" />
                  </Show>
                  <span class="compose-chip-name" title={file.name}>
                    {file.name}
                  </span>
                  <button
                    type="button"
                    class="compose-chip-remove"
                    aria-label={`Remove ${file.name}`}
                    onClick={() => {
                      detach(file.id);
                    }}
                  >
                    ×
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>

        <textarea
          ref={(element) => (textarea = element)}
          class="compose-input"
          aria-label="Message"
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
            class="compose-attach"
            aria-label="Attach files"
            title="Attach images or files (or paste, or drop them here)"
            onClick={() => fileInput?.click()}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path
                d="M10.5 4.5 5.9 9.1a1.2 1.2 0 0 0 1.7 1.7l5-5a2.6 2.6 0 0 0-3.7-3.7l-5 5a4 4 0 0 0 5.7 5.7L14 8.4"
                fill="none"
                stroke="currentColor"
                stroke-width="1.3"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
            </svg>
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
          <AgentPicker
            agents={props.agents}
            value={agent()}
            onChange={(name) => {
              update(key(), { agent: name });
            }}
          />
          <ModelPicker
            models={props.models}
            value={model()}
            onChange={(ref) => {
              update(key(), { model: ref });
            }}
          />
          <span class="compose-spacer" />
          <Show when={props.busy}>
            <button
              type="button"
              class="compose-stop"
              disabled={stopping()}
              onClick={() => void stop()}
            >
              Stop
            </button>
          </Show>
          <button
            type="submit"
            class="compose-send"
            title={props.busy ? "Queued until the reply finishes" : undefined}
          >
            Send
          </button>
        </div>

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
