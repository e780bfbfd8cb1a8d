// One browser sign-in method of a provider card: its questions first (text or select fields, some
// shown only when another answer has a value, as the server describes them), then the provider's
// page in the system browser, then either waiting for the page to hand the sign-in back to the
// server (Cancel stops) or a field for the code the page shows. The address stays on screen, to
// copy, in case no browser opened.
import { createMemo, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import Feedback from "../../components/Feedback";
import type { OAuthStarted, ProviderAuthMethod, ProviderChange } from "../../ipc";

interface Condition {
  key: string;
  op: "eq" | "neq";
  value: string;
}
interface Option {
  label: string;
  value: string;
  hint?: string;
}
/** A question of the method, as `/provider/auth` sends it. */
export interface Prompt {
  type: "text" | "select";
  key: string;
  message: string;
  placeholder?: string;
  options?: Option[];
  when?: Condition;
}

/** The prompts the app knows how to ask; anything else is left out rather than guessed. */
export function promptsOf(method: ProviderAuthMethod): Prompt[] {
  return method.prompts.filter((p): p is Prompt => {
    if (typeof p !== "object" || p === null) return false;
    const q = p as Partial<Prompt>;
    return (q.type === "text" || q.type === "select") && typeof q.key === "string";
  });
}

/** Whether `prompt` is asked, given the answers so far. */
export function asked(prompt: Prompt, answers: Record<string, string>): boolean {
  if (!prompt.when) return true;
  const given = answers[prompt.when.key] ?? "";
  return prompt.when.op === "eq" ? given === prompt.when.value : given !== prompt.when.value;
}

export interface OAuthSignInProps {
  method: ProviderAuthMethod;
  start: (inputs: Record<string, string>) => Promise<OAuthStarted>;
  finish: (code: string | null) => Promise<ProviderChange>;
  cancel: () => Promise<boolean>;
  /** The sign-in is done: the card says what it did. */
  onDone: (change: ProviderChange) => void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

type Stage = { at: "idle" } | { at: "asking" } | { at: "started"; started: OAuthStarted };

export default function OAuthSignIn(props: OAuthSignInProps) {
  const errorId = createUniqueId();
  const codeId = createUniqueId();
  const prompts = createMemo(() => promptsOf(props.method));
  const [stage, setStage] = createSignal<Stage>({ at: "idle" });
  const [answers, setAnswers] = createSignal<Record<string, string>>({});
  const [code, setCode] = createSignal("");
  const [working, setWorking] = createSignal(false);
  const [error, setError] = createSignal<string>();

  /** Only the questions asked, so a hidden field's old answer is not sent. */
  const inputs = () => {
    const given = answers();
    return Object.fromEntries(
      prompts()
        .filter((p) => asked(p, given) && (given[p.key] ?? "").trim() !== "")
        .map((p) => [p.key, (given[p.key] ?? "").trim()]),
    );
  };

  const finish = async (pasted: string | null) => {
    setWorking(true);
    setError(undefined);
    try {
      const done = await props.finish(pasted);
      setStage({ at: "idle" });
      setCode("");
      props.onDone(done);
    } catch (e) {
      // A refused code stays in its field, to fix; a failed wait goes back to the start.
      setError(messageOf(e));
      if (pasted === null) setStage({ at: "idle" });
    } finally {
      setWorking(false);
    }
  };

  const begin = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const started = await props.start(inputs());
      setStage({ at: "started", started });
      setWorking(false);
      if (started.automatic) await finish(null);
    } catch (e) {
      setError(messageOf(e));
      setWorking(false);
    }
  };

  const setAnswer = (key: string, value: string) => setAnswers({ ...answers(), [key]: value });

  return (
    <div class="oauth-sign-in">
      <Switch>
        <Match when={stage().at === "idle"}>
          <div class="terminal-actions">
            <button
              class="btn"
              type="button"
              disabled={working()}
              aria-busy={working()}
              onClick={() => (prompts().length > 0 ? setStage({ at: "asking" }) : void begin())}
            >
              Sign in: {props.method.label}
            </button>
          </div>
        </Match>
        <Match when={stage().at === "asking"}>
          <form
            class="oauth-questions"
            aria-label={props.method.label}
            onSubmit={(event) => {
              event.preventDefault();
              void begin();
            }}
          >
            <For each={prompts()}>
              {(prompt) => (
                <Show when={asked(prompt, answers())}>
                  <label class="terminal-field">
                    <span class="terminal-hint">{prompt.message}</span>
                    <Show
                      when={prompt.type === "select"}
                      fallback={
                        <input
                          class="field"
                          type="text"
                          spellcheck={false}
                          placeholder={prompt.placeholder}
                          value={answers()[prompt.key] ?? ""}
                          onInput={(event) => setAnswer(prompt.key, event.currentTarget.value)}
                        />
                      }
                    >
                      <select
                        class="field"
                        value={answers()[prompt.key] ?? ""}
                        onChange={(event) => setAnswer(prompt.key, event.currentTarget.value)}
                      >
                        <option value="" disabled>
                          Choose…
                        </option>
                        <For each={prompt.options ?? []}>
                          {(option) => (
                            <option value={option.value}>
                              {option.hint ? `${option.label} (${option.hint})` : option.label}
                            </option>
                          )}
                        </For>
                      </select>
                    </Show>
                  </label>
                </Show>
              )}
            </For>
            <div class="terminal-actions">
              <button class="btn" type="submit" disabled={working()} aria-busy={working()}>
                Continue in the browser
              </button>
              <button class="btn" type="button" disabled={working()} onClick={() => setStage({ at: "idle" })}>
                Back
              </button>
            </div>
          </form>
        </Match>
        <Match when={stage().at === "started" && (stage() as { started: OAuthStarted }).started}>
          {(started) => (
            <div class="oauth-started" role="group" aria-label={`Signing in: ${props.method.label}`}>
              <p class="terminal-hint">
                {started().open_failed
                  ? `The browser did not open (${started().open_failed}): open this address yourself.`
                  : started().instructions || "Finish signing in on the page the browser opened."}
              </p>
              <input
                class="field oauth-address"
                type="text"
                readOnly
                aria-label="Sign-in address"
                value={started().url}
                onFocus={(event) => {
                  event.currentTarget.select();
                }}
              />
              <Show
                when={started().automatic}
                fallback={
                  <form
                    class="terminal-actions"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void finish(code());
                    }}
                  >
                    <label class="terminal-field providers-key" for={codeId}>
                      <span class="terminal-hint">Code from the provider's page</span>
                      <input
                        class="field"
                        id={codeId}
                        type="text"
                        autocomplete="off"
                        spellcheck={false}
                        value={code()}
                        aria-invalid={error() ? "true" : undefined}
                        aria-describedby={error() ? errorId : undefined}
                        onInput={(event) => setCode(event.currentTarget.value)}
                      />
                    </label>
                    <button class="btn" type="submit" disabled={working()} aria-busy={working()}>
                      Finish
                    </button>
                  </form>
                }
              >
                <div class="terminal-actions">
                  <span class="terminal-state" aria-live="polite">
                    Waiting for the browser…
                  </span>
                  <button class="btn" type="button" onClick={() => void props.cancel()}>
                    Cancel
                  </button>
                </div>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
      <Feedback id={errorId} error={error()} />
    </div>
  );
}
