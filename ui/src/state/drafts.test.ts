import { describe, expect, it } from "vitest";
import {
  deserialize,
  MAX_STORED_ATTACHMENT,
  serialize,
  slotOf,
  STORAGE_VERSION,
  type Draft,
  type Outgoing,
} from "./drafts";
import { emptyQueues, enqueue, failed, sessionQueue, takeNext } from "./queue";

const A = slotOf("srv", "/p", "ses_a");
const NEW = slotOf("srv", "/p", "");
const prompt = (text: string): Outgoing => ({ kind: "prompt", draft: { text, files: [] } });
const file = (id: number, size: number) => ({
  id,
  name: `f${id}.png`,
  mime: "image/png",
  url: `data:image/png;base64,${"A".repeat(size)}`,
});

describe("stored drafts and queues", () => {
  it("read back what was written: text, picks, mentions, small files, queued prompts", () => {
    const drafts: Record<string, Draft> = {
      [A]: {
        text: "half a thought",
        attachments: [file(1, 10)],
        mentions: ["src/main.rs"],
        model: { providerID: "zen", modelID: "fast" },
        agent: "plan",
        error: "not stored",
      },
      [NEW]: { text: "", attachments: [], mentions: [] },
    };
    let queues = enqueue(emptyQueues<Outgoing>(), A, prompt("one")).queues;
    queues = enqueue(queues, A, prompt("two")).queues;
    const back = deserialize(serialize(drafts, queues));
    expect(back.drafts).toEqual({
      [A]: {
        text: "half a thought",
        attachments: [file(1, 10)],
        mentions: ["src/main.rs"],
        model: { providerID: "zen", modelID: "fast" },
        agent: "plan",
      },
    });
    expect(sessionQueue(back.queues, A).items.map((i) => i.value)).toEqual([prompt("one"), prompt("two")]);
    // Fresh ids, and the next one above them.
    const ids = sessionQueue(back.queues, A).items.map((i) => i.id);
    expect(new Set(ids).size).toBe(2);
    expect(back.queues.nextId).toBeGreaterThan(Math.max(...ids));
  });

  it("leaves out the prompt on its way, so a restart cannot send it twice, and keeps a failure's reason", () => {
    let queues = enqueue(emptyQueues<Outgoing>(), A, prompt("going")).queues;
    queues = enqueue(queues, A, prompt("waiting")).queues;
    const taken = takeNext(queues, A, false, 0);
    queues = taken?.queues ?? queues;
    expect(sessionQueue(deserialize(serialize({}, queues)).queues, A).items.map((i) => i.value)).toEqual([
      prompt("waiting"),
    ]);
    queues = failed(queues, A, "Timed out");
    const back = sessionQueue(deserialize(serialize({}, queues)).queues, A);
    expect(back.items.map((i) => [i.value, i.error])).toEqual([
      [prompt("going"), "Timed out"],
      [prompt("waiting"), undefined],
    ]);
    expect(back.sending).toBeNull();
  });

  it("keeps a queued ! shell command, and drops one that lost its command", () => {
    const shell: Outgoing = {
      kind: "shell",
      command: "make test",
      choice: { model: { providerID: "zen", modelID: "fast" }, agent: "build" },
      text: "!make test",
    };
    const queues = enqueue(emptyQueues<Outgoing>(), A, shell).queues;
    expect(sessionQueue(deserialize(serialize({}, queues)).queues, A).items.map((i) => i.value)).toEqual([shell]);
    const broken = JSON.stringify({
      version: STORAGE_VERSION,
      drafts: {},
      queues: { [A]: { items: [{ value: { kind: "shell", text: "!", choice: {} } }], paused: false } },
    });
    expect(sessionQueue(deserialize(broken).queues, A).items).toEqual([]);
  });

  it("keeps large files out of storage, and all files when asked", () => {
    const drafts: Record<string, Draft> = {
      [A]: { text: "see", attachments: [file(1, 10), file(2, MAX_STORED_ATTACHMENT)], mentions: [] },
    };
    expect(deserialize(serialize(drafts, emptyQueues())).drafts[A]?.attachments.map((f) => f.id)).toEqual([1]);
    expect(deserialize(serialize(drafts, emptyQueues(), false)).drafts[A]?.attachments).toEqual([]);
  });

  it("reads bad JSON, another version or a wrong shape as nothing, without throwing", () => {
    const nothing = { drafts: {}, queues: { sessions: {}, nextId: 1 } };
    expect(deserialize(null)).toEqual(nothing);
    expect(deserialize("{not json")).toEqual(nothing);
    expect(deserialize(JSON.stringify({ version: STORAGE_VERSION + 1, drafts: { [A]: { text: "x" } } }))).toEqual(
      nothing,
    );
    expect(deserialize("[1,2]")).toEqual(nothing);
    const mixed = deserialize(
      JSON.stringify({
        version: STORAGE_VERSION,
        drafts: { [A]: { text: 5 }, [NEW]: { text: "ok", attachments: [{ id: "x" }], mentions: [3] } },
        queues: { [A]: { items: [{ value: { kind: "nope" } }, { value: prompt("fine") }], paused: "yes" } },
      }),
    );
    expect(mixed.drafts).toEqual({ [NEW]: { text: "ok", attachments: [], mentions: [] } });
    expect(sessionQueue(mixed.queues, A).items.map((i) => i.value)).toEqual([prompt("fine")]);
    expect(sessionQueue(mixed.queues, A).paused).toBe(false);
  });
});
