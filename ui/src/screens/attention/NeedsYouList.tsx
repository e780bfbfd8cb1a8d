// Everything waiting for the user on every server the app follows, from Rust's inbox
// (ipc/inbox.ts), grouped by project (the project's name and its server's as the group's
// heading): a permission request, a question, a reply that failed, a reply that finished while
// the user looked elsewhere; each with its session, what it waits for, since when, and a way to
// go there (its server and project too). The in-session cards answer; this list only finds.
// A server out of reach keeps its group, muted and marked, as last seen (its copies open).
// Arrow keys, Home and End move between rows across groups.
import { For, Show } from "solid-js";
import type { InboxGroup, InboxItem, Waits } from "../../ipc/inbox";
import "./NeedsYouList.css";

export interface NeedsYouListProps {
  groups: readonly InboxGroup[];
  onOpen: (group: InboxGroup, item: InboxItem) => void;
}

/** What an item waits for, in words. */
const WAITS: Record<Waits, string> = {
  Permission: "Permission",
  Question: "Question",
  Error: "Reply failed",
  Finished: "Reply finished",
};

/** The session's title; a sub-agent's request names the sub-agent after it. */
export function itemTitle(item: InboxItem): string {
  const title = item.title || "Untitled session";
  return item.subagent ? `${title} › ${item.subagent || "Untitled session"}` : title;
}

/** A group's heading: the project's folder name, and the server it is on. */
export function groupHeading(group: InboxGroup): { project: string; server: string } {
  const parts = group.directory.split(/[/\\]/).filter(Boolean);
  return { project: parts.at(-1) ?? (group.directory || "No project"), server: group.server_label };
}

/** When it began waiting, as a clock time (with the date when not today). */
export function sinceText(since: number | null, now = new Date()): string {
  if (!since) return "";
  const at = new Date(since);
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return at.toDateString() === now.toDateString()
    ? time
    : `${at.toLocaleDateString([], { month: "short", day: "numeric" })} ${time}`;
}

/** Moves focus among the rows' Open buttons with the arrow keys, Home and End. */
function moveFocus(event: KeyboardEvent & { currentTarget: HTMLElement }) {
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

function Row(props: { group: InboxGroup; item: InboxItem; onOpen: NeedsYouListProps["onOpen"] }) {
  const title = () => itemTitle(props.item);
  const waits = () => WAITS[props.item.waits];
  const since = () => sinceText(props.item.since);
  return (
    <li class="needs-you-row" data-kind={props.item.waits.toLowerCase()}>
      <div class="needs-you-text">
        <span class="needs-you-session">{title()}</span>
        <span class="needs-you-ask">
          <span class="needs-you-kind">{waits()}</span>
          <Show when={props.item.what}>
            {": "}
            <code>{props.item.what}</code>
          </Show>
        </span>
      </div>
      <Show when={since()}>
        <time
          class="needs-you-since"
          dateTime={new Date(props.item.since ?? 0).toISOString()}
        >
          {since()}
        </time>
      </Show>
      <button
        type="button"
        class="btn needs-you-open"
        aria-label={`Open ${title()}: ${waits().toLowerCase()}`}
        onClick={() => {
          props.onOpen(props.group, props.item);
        }}
      >
        Open
      </button>
    </li>
  );
}

export default function NeedsYouList(props: NeedsYouListProps) {
  return (
    <section class="needs-you-list" aria-label="Needs you" onKeyDown={moveFocus}>
      <h2>Needs you</h2>
      <Show
        when={props.groups.length > 0}
        fallback={
          <p class="needs-you-empty">
            Nothing is waiting for you. Permission requests, questions and replies from every
            server and project show up here.
          </p>
        }
      >
        <For each={props.groups}>
          {(group) => {
            const heading = () => groupHeading(group);
            const id = `needs-you-${group.server_id}-${group.directory}`.replace(/[^\w-]/g, "_");
            return (
              <div class="needs-you-group" classList={{ "needs-you-group-away": !group.reachable }}>
                <h3 id={id} title={group.directory}>
                  <span class="needs-you-project">{heading().project}</span>
                  <span class="needs-you-server">{heading().server}</span>
                  <Show when={!group.reachable}>
                    <span class="needs-you-away">not reachable: as last seen</span>
                  </Show>
                </h3>
                <ul aria-labelledby={id}>
                  <For each={group.items}>
                    {(item) => <Row group={group} item={item} onOpen={props.onOpen} />}
                  </For>
                </ul>
              </div>
            );
          }}
        </For>
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
