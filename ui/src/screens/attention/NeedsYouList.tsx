// Everything waiting for the user across all sessions of the server: permission requests and
// questions, each with the session it comes from and what it asks, and a way to go there. The
// in-session cards answer them; this list only finds them. Arrow keys move between rows.
import { For, Show } from "solid-js";
import type { PermissionRequest, QuestionRequest, Session } from "../../ipc";
import "./NeedsYouList.css";

export interface NeedsYouListProps {
  permissions: readonly PermissionRequest[];
  questions: readonly QuestionRequest[];
  /** Sessions by id, for titles (sub-agent sessions included). */
  sessions: Record<string, Session | undefined>;
  onOpen: (sessionId: string) => void;
}

/** One row: where it comes from and what it asks. */
export interface NeedsYouItem {
  id: string;
  sessionId: string;
  kind: "permission" | "question";
  /** "bash", "edit"... for a permission; the question's header for a question. */
  subject: string;
  /** The command or paths, or the question itself. */
  detail: string;
}

/** Flattens requests into rows, permissions first (they block a running tool). Pure. */
export function needsYouItems(
  permissions: readonly PermissionRequest[],
  questions: readonly QuestionRequest[],
): NeedsYouItem[] {
  const rows: NeedsYouItem[] = permissions.map((request) => ({
    id: request.id,
    sessionId: request.sessionID,
    kind: "permission",
    subject: request.permission,
    detail: request.patterns.join(", "),
  }));
  for (const request of questions) {
    const [first, ...rest] = request.questions;
    const more = rest.length > 0 ? ` (+${rest.length} more)` : "";
    rows.push({
      id: request.id,
      sessionId: request.sessionID,
      kind: "question",
      subject: first?.header || "Question",
      detail: `${first?.question ?? ""}${more}`,
    });
  }
  return rows;
}

/** A session's title for the list; a sub-agent's shows its parent's too, so it can be placed. */
export function sessionLabel(
  sessions: Record<string, Session | undefined>,
  sessionId: string,
): string {
  const session = sessions[sessionId];
  if (!session) return "Unknown session";
  const title = session.title || "Untitled session";
  const parent = session.parentID ? sessions[session.parentID] : undefined;
  return parent ? `${parent.title || "Untitled session"} › ${title}` : title;
}

/** Moves focus among the rows' Open buttons with the arrow keys, Home and End. */
function moveFocus(event: KeyboardEvent & { currentTarget: HTMLUListElement }) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>(".needs-you-open")];
  const at = buttons.findIndex((button) => button === document.activeElement);
  let next: number;
  switch (event.key) {
    case "ArrowDown":
      next = Math.min(at + 1, buttons.length - 1);
      break;
    case "ArrowUp":
      next = Math.max(at - 1, 0);
      break;
    case "Home":
      next = 0;
      break;
    case "End":
      next = buttons.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  buttons[next]?.focus();
}

export default function NeedsYouList(props: NeedsYouListProps) {
  const items = () => needsYouItems(props.permissions, props.questions);
  return (
    <section class="needs-you-list" aria-label="Needs you">
      <h2>Needs you</h2>
      <Show
        when={items().length > 0}
        fallback={
          <p class="needs-you-empty">
            Nothing is waiting for you. Permission requests and questions from every session show up
            here.
          </p>
        }
      >
        <ul onKeyDown={moveFocus}>
          <For each={items()}>
            {(item) => {
              const title = () => sessionLabel(props.sessions, item.sessionId);
              return (
                <li class="needs-you-row" data-kind={item.kind}>
                  <div class="needs-you-text">
                    <span class="needs-you-session">{title()}</span>
                    <span class="needs-you-ask">
                      <span class="needs-you-kind">
                        {item.kind === "permission" ? "Permission" : "Question"}:
                      </span>{" "}
                      <strong>{item.subject}</strong>
                      <Show when={item.detail}>
                        {" "}
                        <code>{item.detail}</code>
                      </Show>
                    </span>
                  </div>
                  <button
                    type="button"
                    class="btn needs-you-open"
                    aria-label={`Open ${title()}: ${item.kind} ${item.subject}`}
                    onClick={() => {
                      props.onOpen(item.sessionId);
                    }}
                  >
                    Open
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}

export interface NeedsYouBadgeProps {
  count: number;
  /** When given, the badge is a button (e.g. to show the list). */
  onClick?: () => void;
}

/** The header's count of what waits for the user; nothing at all when nothing does. */
export function NeedsYouBadge(props: NeedsYouBadgeProps) {
  const label = () => `Needs you: ${props.count} waiting`;
  return (
    <Show when={props.count > 0}>
      <Show
        when={props.onClick}
        fallback={
          <span class="needs-you-badge" role="status" aria-label={label()}>
            {props.count}
          </span>
        }
      >
        {(onClick) => (
          <button
            type="button"
            class="btn needs-you-badge-button"
            aria-label={label()}
            onClick={() => {
              onClick()();
            }}
          >
            Needs you <span class="needs-you-badge">{props.count}</span>
          </button>
        )}
      </Show>
    </Show>
  );
}
