// Questions the agent asks, answered together: pick an option (several where allowed) or type
// your own answer where allowed, then Answer; or Dismiss to decline.
import { createSignal, For, Show } from "solid-js";
import type { QuestionRequest } from "../../ipc";
import { createAction } from "../../lib/action";

export interface QuestionCardProps {
  request: QuestionRequest;
  onAnswer: (answers: string[][]) => Promise<void>;
  onDismiss: () => Promise<void>;
}

export default function QuestionCard(props: QuestionCardProps) {
  const [chosen, setChosen] = createSignal<string[][]>(props.request.questions.map(() => []));
  const [own, setOwn] = createSignal<string[]>(props.request.questions.map(() => ""));
  const { busy, error, run } = createAction();

  const toggle = (index: number, label: string, multiple: boolean) => {
    setChosen((all) =>
      all.map((picked, i) => {
        if (i !== index) return picked;
        if (picked.includes(label)) return picked.filter((l) => l !== label);
        return multiple ? [...picked, label] : [label];
      }),
    );
  };
  const answers = () =>
    chosen().map((picked, i) => {
      const typed = own()[i]?.trim() ?? "";
      return typed ? [...picked, typed] : picked;
    });
  const complete = () => answers().every((a) => a.length > 0);

  return (
    <section class="question-card" aria-label="Question from OpenCode">
      <For each={props.request.questions}>
        {(question, index) => (
          <fieldset>
            <legend>{question.header || "Question"}</legend>
            <p>{question.question}</p>
            <div class="question-options">
              <For each={question.options}>
                {(option) => (
                  <button
                    class="btn"
                    type="button"
                    aria-pressed={chosen()[index()]?.includes(option.label) ? "true" : "false"}
                    title={option.description}
                    onClick={() => { toggle(index(), option.label, question.multiple ?? false); }}
                  >
                    {option.label}
                  </button>
                )}
              </For>
            </div>
            <Show when={question.custom ?? true}>
              <input
                class="field"
                type="text"
                aria-label="Your own answer"
                placeholder="Or type your own answer"
                value={own()[index()] ?? ""}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setOwn((all) => all.map((v, i) => (i === index() ? value : v)));
                }}
              />
            </Show>
          </fieldset>
        )}
      </For>
      <div class="permission-actions">
        <button
          class="btn"
          type="button"
          disabled={busy() || !complete()}
          onClick={() => void run(() => props.onAnswer(answers()))}
        >
          Answer
        </button>
        <button class="btn" type="button" disabled={busy()} onClick={() => void run(() => props.onDismiss())}>
          Dismiss
        </button>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="permission-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </section>
  );
}
