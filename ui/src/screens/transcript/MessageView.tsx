// One message of the transcript, as a row of its virtualized list (Transcript.tsx): the user's
// prompt as a compact bubble with its actions, a reply's message as its parts, its error and the
// way out of a model's trouble; the reply's last message ends with the reply's cost line
// (replyCost.ts), one for the whole reply rather than one per step.
import { For, type JSX, Show } from "solid-js";
import type { Message, Part } from "../../ipc";
import ModelTrouble from "./ModelTrouble";
import PartView from "./PartView";
import type { ReplyCost } from "./replyCost";
import { errorOf } from "./turn";

export default function MessageView(props: {
  id: string;
  message: Message | undefined;
  parts: readonly Part[];
  userActions: ((messageId: string) => JSX.Element) | undefined;
  /** The reply's cost line, when this message ends a reply that is over. Read only for replies. */
  cost: ReplyCost | undefined;
  ref: (element: HTMLElement) => void;
  /** Just brought into view by a search: marked. */
  marked?: boolean;
  /** The last message brought into view: focusable, so the focus can go (and stay) there. */
  focusable?: boolean;
}) {
  const role = () => props.message?.role ?? "unknown";
  // The article's label names the speaker; the look (bubble or plain text) shows it, so no
  // visible "You" / "OpenCode" heading repeats it on every message.
  const who = () => {
    const r = role();
    return r === "user" ? "You" : r === "assistant" ? "OpenCode" : "Message";
  };
  return (
    <article
      class="tx-message"
      classList={{ "tx-found": props.marked === true }}
      tabIndex={props.focusable ? -1 : undefined}
      data-role={role()}
      data-id={props.id}
      aria-label={who()}
      ref={props.ref}
    >
      <Show
        when={role() === "user"}
        fallback={
          <>
            <For each={props.parts}>{(part) => <PartView part={part} />}</For>
            {/* Where the last step's cost line was: a footnote to the text, above any error. */}
            <Show when={props.cost}>
              {(cost) => (
                <p class="part-line reply-cost" title={cost().title}>
                  {cost().text}
                </p>
              )}
            </Show>
            <Show when={props.message?.role === "unknown" ? props.message : undefined}>
              {(unknown) => (
                <p class="tx-unknown">A {unknown().originalRole} message this version cannot show.</p>
              )}
            </Show>
            <Show when={errorOf(props.message)}>{(text) => <p class="tx-error">{text()}</p>}</Show>
            <ModelTrouble message={props.message} />
          </>
        }
      >
        <Show when={props.userActions}>
          {(actions) => <div class="tx-user-actions">{actions()(props.id)}</div>}
        </Show>
        {/* A message of only server-added text (a `!command` run: "The following tool was
            executed by the user") has nothing of the user's to show: no empty bubble. */}
        <Show when={props.parts.some((part) => !(part.type === "text" && part.synthetic))}>
          <div class="tx-bubble">
            <For each={props.parts}>{(part) => <UserPart part={part} />}</For>
          </div>
        </Show>
      </Show>
    </article>
  );
}

/** What the user typed, as they typed it: plain text, no markdown. */
function UserPart(props: { part: Part }) {
  const text = () => (props.part.type === "text" ? props.part : undefined);
  return (
    <Show when={text()} fallback={<PartView part={props.part} />}>
      {(part) => (
        // Synthetic text is context the server added to the prompt (a file read for an
        // attachment), not something the user wrote.
        <Show when={!part().synthetic}>
          <p class="tx-user-text">{part().text}</p>
        </Show>
      )}
    </Show>
  );
}
