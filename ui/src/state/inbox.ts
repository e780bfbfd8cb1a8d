// The window's copy of the "Needs you" inbox, which Rust keeps (ipc/inbox.ts): one writer, fed
// by the inbox asked for at start and each change Rust announces. It also tells Rust which
// session the user sees: the one open while the window is focused and visible, else none.
import { createEffect, createMemo, createSignal, on, onCleanup, onMount } from "solid-js";
import type { InboxApi, NeedsYou, SessionAt } from "../ipc/inbox";

/** Whether the user can see the window now. */
function windowInSight(): boolean {
  return document.visibilityState === "visible" && document.hasFocus();
}

export function createInbox(api: InboxApi, open: () => SessionAt | undefined) {
  const [inbox, setInbox] = createSignal<NeedsYou>({ groups: [] });
  const [inSight, setInSight] = createSignal(windowInSight());

  onMount(() => {
    // Listening first: a change announced while the first answer travels is not lost, and an
    // answer older than an announced change is not shown.
    let announced = false;
    // Outside the app (a browser, tests without an inbox) there is nothing to listen to.
    const stop = api
      .onNeedsYouChanged((next) => {
        announced = true;
        setInbox(next);
      })
      .catch(() => undefined);
    onCleanup(() => void stop.then((unlisten) => unlisten?.()));
    api
      .needsYou()
      .then((first) => {
        if (!announced) setInbox(first);
      })
      .catch(() => undefined);
    const look = () => setInSight(windowInSight());
    window.addEventListener("focus", look);
    window.addEventListener("blur", look);
    document.addEventListener("visibilitychange", look);
    onCleanup(() => {
      window.removeEventListener("focus", look);
      window.removeEventListener("blur", look);
      document.removeEventListener("visibilitychange", look);
    });
  });

  /** The session seen, as one string so an unchanged one is not told again. */
  const seen = createMemo(() => {
    const at = open();
    return at && inSight() ? `${at.serverId}\n${at.sessionId}` : "";
  });
  createEffect(
    on(seen, (key) => {
      const [serverId, sessionId] = key.split("\n");
      const at = serverId && sessionId ? { serverId, sessionId } : null;
      api.setLookingAt(at).catch(() => undefined);
    }),
  );

  // What waits on a server out of reach cannot be acted on now: listed, not counted.
  const count = createMemo(() =>
    inbox().groups.reduce((n, group) => (group.reachable ? n + group.items.length : n), 0),
  );
  return { inbox, count };
}
