// The offline copies in the window: when a server counts as down, a copy as the transcript reads
// it, the banner's words, what is asked of Rust (nothing while the server is up), and the refresh
// asked when the open session's reply ends.
import { createRoot, createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { CopyHit, CopySummary, OfflineApi, SessionCopy } from "../ipc/offline";
import { assistant, textPart } from "../test/factories";
import { copyBanner, copyTranscript, createOfflineCopies, isDown, keepCopyCurrent, type OfflinePlace } from "./offlineCopies";

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const summary: CopySummary = {
  session_id: "ses_1",
  title: "Birds",
  updated: 1,
  cached_at: new Date(2026, 11, 7, 14, 3).getTime(),
  message_count: 2,
  session: null,
};
const copy: SessionCopy = {
  summary,
  messages: [
    { info: assistant("msg_1"), parts: [textPart("prt_1", "msg_1", "a pelican")] },
    { info: assistant("msg_2"), parts: [textPart("prt_2", "msg_2", "a cormorant")] },
  ],
};
const hit: CopyHit = { summary, message_id: "msg_1", snippet: "a pelican" };

function fakeApi(): OfflineApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    listOfflineCopies: vi.fn((server: string, dir: string) => {
      calls.push(`list ${server} ${dir}`);
      return Promise.resolve([summary]);
    }),
    offlineCopy: vi.fn((server: string, id: string) => {
      calls.push(`get ${server} ${id}`);
      return Promise.resolve(copy);
    }),
    searchOfflineCopies: vi.fn((_s: string, _d: string, q: string) => {
      calls.push(`search ${q}`);
      return Promise.resolve([hit]);
    }),
    refreshOfflineCopy: vi.fn((server: string, id: string) => {
      calls.push(`refresh ${server} ${id}`);
      return Promise.resolve();
    }),
    offlineCopiesSize: vi.fn(() => Promise.resolve({ sessions: 1, bytes: 4096, enabled: true })),
    clearOfflineCopies: vi.fn(() => Promise.resolve({ sessions: 0, bytes: 4096, enabled: true })),
  };
}

describe("offline copies", () => {
  it("counts a server as down unless it is ready or starting", () => {
    expect(isDown({ state: "ready" })).toBe(false);
    expect(isDown({ state: "starting" })).toBe(false);
    expect(isDown({ state: "unreachable", message: "x" })).toBe(true);
    expect(isDown({ state: "restarting", attempt: 1, message: "x" })).toBe(true);
    expect(isDown({ state: "failed", message: "x" })).toBe(true);
    expect(isDown({ state: "stopped" })).toBe(true);
  });

  it("turns a copy into the transcript's ids, infos and parts, oldest first", () => {
    const view = copyTranscript(copy);
    expect(view.ids).toEqual(["msg_1", "msg_2"]);
    expect(view.info.msg_2?.id).toBe("msg_2");
    expect(view.parts.msg_1?.[0]).toMatchObject({ text: "a pelican" });
  });

  it("says it is a copy, from when, and that the server is not reachable", () => {
    const now = new Date(2026, 11, 7, 18, 0);
    expect(copyBanner(summary.cached_at, now)).toMatch(/^A copy from today .*(14.03|02.03 PM).*: the server is not reachable$/);
    expect(copyBanner(summary.cached_at, new Date(2026, 11, 9))).toMatch(/^A copy from .*2026.*: the server is not reachable$/);
  });

  it("asks Rust nothing while the server is up, lists, opens and searches while it is down, and lets go when it is back", async () => {
    const api = fakeApi();
    const [place, setPlace] = createSignal<OfflinePlace>();
    const { copies, dispose } = createRoot((dispose) => ({ copies: createOfflineCopies(api, place), dispose }));
    await settle();
    expect(api.calls).toEqual([]);
    expect(copies.active()).toBe(false);

    setPlace({ serverId: "server-1", directory: "/p" });
    await settle();
    expect(copies.active()).toBe(true);
    expect(copies.list().map((c) => c.title)).toEqual(["Birds"]);
    copies.open("ses_1");
    await settle();
    expect(copies.copy()?.messages).toHaveLength(2);
    copies.setQuery("pelican");
    await settle();
    expect(copies.hits()).toEqual([hit]);
    expect(api.calls).toEqual(["list server-1 /p", "get server-1 ses_1", "search pelican"]);

    // The server is back: the live view takes over, the copy is let go.
    setPlace(undefined);
    await settle();
    expect(copies.active()).toBe(false);
    expect(copies.openId()).toBeUndefined();
    expect(copies.query()).toBe("");
    dispose();
  });

  it("asks for the open session's copy to be re-read when its reply ends, not before nor for another", () => {
    const api = fakeApi();
    const [open, setOpen] = createSignal<{ serverId: string; sessionId: string; busy: boolean }>();
    const dispose = createRoot((dispose) => {
      keepCopyCurrent(api, open);
      return dispose;
    });
    setOpen({ serverId: "server-1", sessionId: "ses_1", busy: false });
    setOpen({ serverId: "server-1", sessionId: "ses_1", busy: true });
    expect(api.calls).toEqual([]);
    setOpen({ serverId: "server-1", sessionId: "ses_2", busy: false });
    expect(api.calls).toEqual([]);
    setOpen({ serverId: "server-1", sessionId: "ses_2", busy: true });
    setOpen({ serverId: "server-1", sessionId: "ses_2", busy: false });
    expect(api.calls).toEqual(["refresh server-1 ses_2"]);
    dispose();
  });
});
