// A recorded-looking session made up on the spot, the same every run: turns of a user prompt and
// two assistant steps, each step with its text (markdown, sometimes code), sometimes reasoning, and
// tool calls whose outputs are logs and files of very different lengths. Shaped as the bindings'
// MessageWithParts, as the message routes return them.
import type { Message, MessageWithParts, Part } from "../../ui/src/ipc";

export const SESSION = "ses_bench";

/** A small seeded generator (mulberry32): the same session on every run and every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "the build test module function error value return type config server session client stream parser token render layout cache index file path commit branch async await result option vector string buffer event queue worker thread lock".split(
    " ",
  );

export function generateSession(messageCount = 3000, seed = 42): MessageWithParts[] {
  const rand = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const int = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const s = words(int(6, 18));
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: int(1, 4) }, sentence).join(" ");
  const code = (lines: number) =>
    Array.from(
      { length: lines },
      (_, i) => `${"  ".repeat(i % 3)}const ${pick(WORDS)}_${String(i)} = ${pick(WORDS)}(${String(int(0, 999))}, "${words(2)}");`,
    ).join("\n");
  const markdown = () => {
    const blocks = [paragraph()];
    if (rand() < 0.4) blocks.push(Array.from({ length: int(2, 5) }, () => `- \`${pick(WORDS)}\` ${words(int(3, 9))}`).join("\n"));
    if (rand() < 0.35) blocks.push(`\`\`\`${pick(["ts", "rust", "python", "bash"])}\n${code(int(4, 30))}\n\`\`\``);
    if (rand() < 0.5) blocks.push(paragraph());
    return blocks.join("\n\n");
  };
  const log = (lines: number) =>
    Array.from({ length: lines }, (_, i) => `${String(i + 1).padStart(4)} | ${pick(["ok", "PASS", "warn", "error", "info"])} ${words(int(3, 12))}`).join("\n");

  const out: MessageWithParts[] = [];
  let time = 1_700_000_000_000;
  let partSeq = 0;
  const ids = (index: number) => `msg_${String(index).padStart(6, "0")}`;
  const part = <P extends Record<string, unknown>>(messageID: string, fields: P) => ({
    id: `prt_${String(partSeq++).padStart(7, "0")}`,
    sessionID: SESSION,
    messageID,
    ...fields,
  });

  let parent = "";
  for (let index = 0; index < messageCount; index++) {
    const id = ids(index);
    time += int(500, 20_000);
    // Every third message is the user's; the two after it are the agent's steps.
    if (index % 3 === 0) {
      parent = id;
      const info = { role: "user", id, sessionID: SESSION, time: { created: time }, agent: "build", model: { providerID: "anthropic", modelID: "claude" } };
      const parts = [part(id, { type: "text", text: rand() < 0.3 ? `${paragraph()}\n\n${paragraph()}` : sentence() })];
      out.push({ info: info as unknown as Message, parts: parts as unknown as Part[] });
      continue;
    }
    const tokens = { input: int(1000, 90_000), output: int(50, 4000), reasoning: 0, cache: { read: int(0, 50_000), write: 0 } };
    const info = {
      role: "assistant", id, sessionID: SESSION, time: { created: time, completed: time + int(1000, 60_000) },
      parentID: parent, modelID: "claude", providerID: "anthropic", agent: "build", mode: "build",
      cost: rand() * 0.05, tokens, finish: "stop",
    };
    const parts: Record<string, unknown>[] = [part(id, { type: "step-start" })];
    if (rand() < 0.3) parts.push(part(id, { type: "reasoning", text: paragraph(), time: { start: time, end: time + 900 } }));
    parts.push(part(id, { type: "text", text: markdown(), time: { start: time, end: time + 1000 } }));
    for (let t = int(0, 2); t > 0; t--) {
      const tool = pick(["bash", "read", "edit", "grep"]);
      const output = tool === "read" ? code(int(20, 200)) : log(tool === "bash" ? int(3, 150) : int(1, 30));
      parts.push(
        part(id, {
          type: "tool", callID: `call_${String(partSeq)}`, tool,
          state: {
            status: rand() < 0.05 ? "error" : "completed",
            input: { command: words(4), filePath: `src/${pick(WORDS)}/${pick(WORDS)}.ts` },
            output, error: "exit status 1", title: `${tool} ${words(3)}`, metadata: {},
            time: { start: time, end: time + int(10, 5000) },
          },
        }),
      );
    }
    parts.push(part(id, { type: "step-finish", reason: "stop", cost: rand() * 0.05, tokens }));
    out.push({ info: info as unknown as Message, parts: parts as unknown as Part[] });
  }
  return out;
}
