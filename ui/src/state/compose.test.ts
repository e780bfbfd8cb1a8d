// Unsent work through the whole workspace: drafts kept across a rebuilt workspace (a reload, a
// restart), prompts queued while the link is down sent exactly once when it is live again.
import { createRoot } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { Backend, PromptDraft, PumpMessage, ServerInfo } from "../ipc";
import { quietBackend } from "../test/backend";
import { session } from "../test/factories";
import { SAVE_DEBOUNCE_MS } from "./compose";
import { EMPTY_DRAFT, STORAGE_KEY, type Outgoing } from "./drafts";
import { createWorkspace } from "./workspace";

const server: ServerInfo = {
  id: "srv",
  name: "OpenCode",
  url: "http://127.0.0.1:4096",
  version: "1.18.33",
  directory: "/p",
  attached: false,
  status: { state: "ready" },
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const prompt = (text: string): Outgoing => ({ kind: "prompt", draft: { text, files: [] } });

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  localStorage.clear();
});

/** A workspace whose one subscription the test drives; it starts live (marker 1). */
async function live(overrides: Partial<Backend> = {}) {
  let send: (batch: PumpMessage[]) => void = () => undefined;
  const { backend, calls } = quietBackend({
    listServers: () => Promise.resolve([server]),
    listSessions: () => Promise.resolve([session("ses_a")]),
    watchEvents: (_id, _directory, onBatch) => {
      send = onBatch;
      queueMicrotask(() => {
        onBatch([{ kind: "Connected", marker: 1, resync: false }]);
      });
      return Promise.resolve(() => Promise.resolve());
    },
    ...overrides,
  });
  let dispose: () => void = () => undefined;
  const ws = createRoot((d) => {
    dispose = d;
    return createWorkspace(backend);
  });
  disposers.push(dispose);
  await flush();
  await flush();
  return { ws, calls, send: (batch: PumpMessage[]) => { send(batch); }, dispose };
}

const sentTexts = (calls: { name: string; args: unknown[] }[]) =>
  calls.filter((c) => c.name === "sendPrompt").map((c) => (c.args[2] as PromptDraft).text);

describe("unsent work", () => {
  it("a draft is back after the workspace is rebuilt (reload, restart)", async () => {
    const first = await live();
    first.ws.compose.update("ses_a", { text: "half a thought", model: { providerID: "zen", modelID: "fast" } });
    first.ws.compose.update("", { text: "for a new session" });
    // Closing the window writes at once, without waiting for the typing pause.
    first.dispose();
    expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull();
    const second = await live();
    expect(second.ws.compose.draft("ses_a").text).toBe("half a thought");
    expect(second.ws.compose.draft("ses_a").model).toEqual({ providerID: "zen", modelID: "fast" });
    expect(second.ws.compose.draft("").text).toBe("for a new session");
  });

  it("writes drafts down once typing pauses", async () => {
    const { ws } = await live();
    ws.compose.update("ses_a", { text: "h" });
    ws.compose.update("ses_a", { text: "hi" });
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, SAVE_DEBOUNCE_MS + 20));
    expect(localStorage.getItem(STORAGE_KEY)).toContain('"hi"');
  });

  it("a stored value that is not ours is ignored, not a crash", async () => {
    localStorage.setItem(STORAGE_KEY, "{broken");
    const { ws } = await live();
    expect(ws.compose.draft("ses_a")).toEqual(EMPTY_DRAFT);
  });

  it("two prompts queued while offline are each sent exactly once when the link is live again", async () => {
    const answers: (() => void)[] = [];
    const { ws, calls, send } = await live({
      sendPrompt: () => new Promise<void>((resolve) => answers.push(resolve)),
    });
    await ws.openSession("ses_a");
    send([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
    await ws.compose.send("ses_a", prompt("one"), EMPTY_DRAFT);
    await ws.compose.send("ses_a", prompt("two"), EMPTY_DRAFT);
    await flush();
    expect(sentTexts(calls)).toEqual([]);
    expect(ws.compose.queue("ses_a").items.map((i) => i.value)).toEqual([prompt("one"), prompt("two")]);

    send([{ kind: "Connected", marker: 2, resync: true }]);
    await flush();
    expect(ws.connection()).toBe("live");
    expect(sentTexts(calls)).toEqual(["one"]);
    // The same marker again, and a newer one, while "one" is on its way: it does not go twice.
    send([{ kind: "Connected", marker: 2, resync: true }]);
    send([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }, { kind: "Connected", marker: 3, resync: true }]);
    await flush();
    expect(sentTexts(calls)).toEqual(["one"]);
    answers[0]?.();
    await flush();
    // Its reply runs, then ends: the next one goes.
    send([{ kind: "Events", events: [{ type: "session.status", properties: { sessionID: "ses_a", status: { type: "busy" } } }] }]);
    await flush();
    expect(sentTexts(calls)).toEqual(["one"]);
    send([{ kind: "Events", events: [{ type: "session.idle", properties: { sessionID: "ses_a" } }] }]);
    await flush();
    expect(sentTexts(calls)).toEqual(["one", "two"]);
    answers[1]?.();
    await flush();
    expect(ws.compose.queue("ses_a").items).toEqual([]);
  });

  it("a prompt whose send fails goes back to the head of the queue with the reason", async () => {
    let fail = true;
    const { ws, calls, send } = await live({
      sendPrompt: () => (fail ? Promise.reject(new Error("The server is unreachable.")) : Promise.resolve()),
    });
    await ws.openSession("ses_a");
    send([{ kind: "Disconnected", message: "cut", retry_in_ms: 250 }]);
    await ws.compose.send("ses_a", prompt("one"), EMPTY_DRAFT);
    await ws.compose.send("ses_a", prompt("two"), EMPTY_DRAFT);
    send([{ kind: "Connected", marker: 2, resync: true }]);
    await flush();
    expect(ws.compose.queue("ses_a").items.map((i) => [i.value, i.error])).toEqual([
      [prompt("one"), "The server is unreachable."],
      [prompt("two"), undefined],
    ]);
    fail = false;
    const head = ws.compose.queue("ses_a").items[0];
    ws.compose.retry("ses_a", head?.id ?? -1);
    await flush();
    expect(sentTexts(calls)).toEqual(["one", "one"]);
  });
});
