import { createRoot, createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { InboxApi, NeedsYou, SessionAt } from "../ipc/inbox";
import { createInbox } from "./inbox";

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

const inboxOf = (...sessions: string[]): NeedsYou => ({
  groups: [
    {
      server_id: "srv",
      server_label: "OpenCode",
      directory: "/p",
      reachable: true,
      items: sessions.map((session_id) => ({
        session_id,
        title: "",
        subagent: null,
        waits: "Finished",
        request_id: null,
        what: "",
        since: 1,
      })),
    },
  ],
});

/** An inbox API whose first answer and announcements the test controls. */
function fakeApi(first: Promise<NeedsYou>) {
  const looked: (SessionAt | null)[] = [];
  let announce: ((inbox: NeedsYou) => void) | undefined;
  const api: InboxApi = {
    needsYou: () => first,
    onNeedsYouChanged: (handler) => {
      announce = handler;
      return Promise.resolve(() => undefined);
    },
    setLookingAt: (at) => {
      looked.push(at);
      return Promise.resolve();
    },
  };
  return { api, looked, announce: (inbox: NeedsYou) => announce?.(inbox) };
}

describe("the window's inbox", () => {
  it("shows the first answer, then each change announced", async () => {
    const fake = fakeApi(Promise.resolve(inboxOf("ses_a", "ses_b")));
    const inbox = createRoot((d) => {
      dispose = d;
      return createInbox(fake.api, () => undefined);
    });
    await flush();
    expect(inbox.count()).toBe(2);
    fake.announce(inboxOf("ses_b"));
    expect(inbox.count()).toBe(1);
  });

  it("counts only what waits on servers it reaches", async () => {
    const both = inboxOf("ses_a", "ses_b");
    const away = { ...(inboxOf("ses_c").groups[0] as NeedsYou["groups"][number]), server_id: "gone", reachable: false };
    const fake = fakeApi(Promise.resolve({ groups: [...both.groups, away] }));
    const inbox = createRoot((d) => {
      dispose = d;
      return createInbox(fake.api, () => undefined);
    });
    await flush();
    expect(inbox.inbox().groups).toHaveLength(2);
    expect(inbox.count()).toBe(2);
  });

  it("never lets a first answer older than an announced change replace it", async () => {
    let answer: (inbox: NeedsYou) => void = () => undefined;
    const fake = fakeApi(new Promise((resolve) => (answer = resolve)));
    const inbox = createRoot((d) => {
      dispose = d;
      return createInbox(fake.api, () => undefined);
    });
    await flush();
    fake.announce(inboxOf("ses_new"));
    answer(inboxOf("ses_old", "ses_older"));
    await flush();
    expect(inbox.inbox().groups[0]?.items.map((i) => i.session_id)).toEqual(["ses_new"]);
  });

  it("tells Rust the session the user sees, and none while the window is out of sight", async () => {
    const fake = fakeApi(Promise.resolve({ groups: [] }));
    const [open, setOpen] = createSignal<SessionAt>();
    let focused = true;
    const hasFocus = document.hasFocus.bind(document);
    document.hasFocus = () => focused;
    try {
      createRoot((d) => {
        dispose = d;
        return createInbox(fake.api, open);
      });
      await flush();
      setOpen({ serverId: "srv", sessionId: "ses_a" });
      focused = false;
      window.dispatchEvent(new Event("blur"));
      focused = true;
      window.dispatchEvent(new Event("focus"));
      // The same session again is not news.
      setOpen({ serverId: "srv", sessionId: "ses_a" });
      setOpen({ serverId: "other", sessionId: "ses_a" });
      expect(fake.looked).toEqual([
        null,
        { serverId: "srv", sessionId: "ses_a" },
        null,
        { serverId: "srv", sessionId: "ses_a" },
        { serverId: "other", sessionId: "ses_a" },
      ]);
    } finally {
      document.hasFocus = hasFocus;
    }
  });
});
