// A recorded-looking OpenCode session made up on the spot, the same every run: turns of a user
// prompt and two assistant steps, each step with its text (markdown, sometimes code), sometimes
// reasoning, and tool calls (bash, read, edit, grep) whose outputs are logs and files of very
// different lengths. Shaped as OpenCode 1.18.33 stores it: `generateMessages` gives what the
// message routes return (an array of {info, parts}, the bindings' MessageWithParts) and
// `exportedSession` what `opencode export` writes and `opencode import` reads.
// Used by both benchmarks: the page in WebKitGTK (bench/ui/generate.ts) and the real app
// (bench/app.mjs), so the two measure the same session.

/** A small seeded generator (mulberry32): the same session on every run and every machine. */
function random(seed) {
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
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 2026-01-05: far enough from where OpenCode's 48-bit id clock wraps that ids sort by time. */
const START = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * An id as OpenCode makes them: 12 hex digits of (time in ms × 4096 + a counter), then 14 random
 * base62 characters. Ascending with time (the server pages messages in id order); sessions'
 * are descending (newest first).
 */
function openCodeId(prefix, time, counter, rand, descending = false) {
  let clock = BigInt(time) * 0x1000n + BigInt(counter);
  if (descending) clock = ~clock;
  const hex = (clock & 0xffffffffffffn).toString(16).padStart(12, "0");
  return `${prefix}_${hex}${Array.from({ length: 14 }, () => BASE62[Math.floor(rand() * 62)]).join("")}`;
}

/**
 * The messages of a session, oldest first.
 * @param {object} [options]
 * @param {number} [options.count] messages (every third one is the user's)
 * @param {number} [options.seed]
 * @param {string} [options.sessionID]
 * @param {string} [options.directory] the project's directory (paths in tool calls are under it)
 * @param {string} [options.providerID]
 * @param {string} [options.modelID]
 * @param {number} [options.idTime] when given, ids come from their own clock starting here, one
 *   millisecond per id, instead of from the messages' times: the server orders messages by id and
 *   its 48-bit id clock wraps every 795 days, so ids made from a fixed date can sort on either side
 *   of the ids it makes today (bench/app.mjs passes a time just before now, so replies follow)
 * @returns {Array<{info: Record<string, unknown>, parts: Array<Record<string, unknown>>}>}
 */
export function generateMessages({
  count = 3000,
  seed = 42,
  sessionID = "ses_bench",
  directory = "/home/dev/project",
  providerID = "anthropic",
  modelID = "claude",
  idTime,
} = {}) {
  const rand = random(seed);
  const pick = (items) => items[Math.floor(rand() * items.length)];
  const int = (low, high) => low + Math.floor(rand() * (high - low + 1));
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const sentence = () => {
    const s = words(int(6, 18));
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: int(1, 4) }, sentence).join(" ");
  const codeLines = (lines) =>
    Array.from({ length: lines }, (_, i) => `${"  ".repeat(i % 3)}const ${pick(WORDS)}_${i} = ${pick(WORDS)}(${int(0, 999)}, "${words(2)}");`);
  const markdown = () => {
    const blocks = [paragraph()];
    if (rand() < 0.4) blocks.push(Array.from({ length: int(2, 5) }, () => `- \`${pick(WORDS)}\` ${words(int(3, 9))}`).join("\n"));
    if (rand() < 0.35) blocks.push(`\`\`\`${pick(["ts", "rust", "python", "bash"])}\n${codeLines(int(4, 30)).join("\n")}\n\`\`\``);
    if (rand() < 0.5) blocks.push(paragraph());
    return blocks.join("\n\n");
  };
  const log = (lines) =>
    Array.from({ length: lines }, (_, i) => `${String(i + 1).padStart(4)} | ${pick(["ok", "PASS", "warn", "error", "info"])} ${words(int(3, 12))}`).join("\n");
  const file = () => `${directory}/src/${pick(WORDS)}/${pick(WORDS)}.ts`;

  let lastTime = 0;
  let counter = 0;
  let idClock = idTime;
  const id = (prefix, time) => {
    // The same draws from `rand` either way, so the session's content does not change.
    if (idClock !== undefined) return openCodeId(prefix, idClock++, 1, rand);
    counter = time === lastTime ? counter + 1 : 1;
    lastTime = time;
    return openCodeId(prefix, time, counter, rand);
  };

  /** A tool call as OpenCode records each tool's input, output and metadata. */
  const toolCall = (tool, time) => {
    const end = time + int(10, 5000);
    let input;
    let output;
    let title;
    let metadata = {};
    if (tool === "bash") {
      input = { command: `npm run ${pick(WORDS)} -- --${pick(WORDS)}`, description: `Run the ${pick(WORDS)} ${pick(WORDS)}` };
      output = log(int(3, 150));
      title = input.command;
      metadata = { output, exit: 0, description: input.description, truncated: false };
    } else if (tool === "read") {
      input = { filePath: file() };
      const lines = codeLines(int(20, 200));
      output = `<path>${input.filePath}</path>\n<type>file</type>\n<content>\n${lines.map((l, i) => `${i + 1}: ${l}`).join("\n")}\n\n(End of file - total ${lines.length} lines)\n</content>`;
      title = input.filePath.slice(directory.length + 1);
      metadata = { preview: lines.slice(0, 20).join("\n"), truncated: false, loaded: [] };
    } else if (tool === "edit") {
      input = { filePath: file(), oldString: codeLines(1)[0].trim(), newString: codeLines(int(1, 6)).join("\n") };
      const added = input.newString.split("\n");
      const relative = input.filePath.slice(directory.length + 1);
      const patch = [
        `Index: ${input.filePath}`,
        "===================================================================",
        `--- ${input.filePath}`,
        `+++ ${input.filePath}`,
        `@@ -10,3 +10,${added.length + 2} @@`,
        ` ${codeLines(1)[0]}`,
        `-${input.oldString}`,
        ...added.map((l) => `+${l}`),
        ` ${codeLines(1)[0]}`,
        "",
      ].join("\n");
      output = "Edit applied successfully.";
      title = relative;
      metadata = { diff: patch, filediff: { file: input.filePath, patch, additions: added.length, deletions: 1 }, diagnostics: {} };
    } else {
      input = { pattern: pick(WORDS), path: `${directory}/src` };
      const hits = int(1, 30);
      output = `Found ${hits} matches\n${Array.from({ length: hits }, () => `${file()}:\n  Line ${int(1, 400)}: ${codeLines(1)[0]}`).join("\n")}`;
      title = input.pattern;
      metadata = { matches: hits, truncated: false };
    }
    // One call in twenty fails: an error state has no output or title.
    if (rand() < 0.05) return { status: "error", input, error: `Error: ${sentence()}`, time: { start: time, end } };
    return { status: "completed", input, output, title, metadata, time: { start: time, end } };
  };

  const out = [];
  let time = START;
  let parent = "";
  const snapshot = () => Array.from({ length: 40 }, () => "0123456789abcdef"[int(0, 15)]).join("");
  for (let index = 0; index < count; index++) {
    time += int(500, 20_000);
    const messageID = id("msg", time);
    let partTime = time;
    const part = (fields) => ({ ...fields, id: id("prt", (partTime += int(1, 40))), sessionID, messageID });
    // Every third message is the user's; the two after it are the agent's steps.
    if (index % 3 === 0) {
      parent = messageID;
      const info = { role: "user", time: { created: time }, agent: "build", model: { providerID, modelID }, summary: { diffs: [] }, id: messageID, sessionID };
      out.push({ info, parts: [part({ type: "text", text: rand() < 0.3 ? `${paragraph()}\n\n${paragraph()}` : sentence() })] });
      continue;
    }
    const tokens = { total: 0, input: int(1000, 90_000), output: int(50, 4000), reasoning: 0, cache: { write: 0, read: int(0, 50_000) } };
    tokens.total = tokens.input + tokens.output + tokens.cache.read;
    const cost = rand() * 0.05;
    const parts = [part({ snapshot: snapshot(), type: "step-start" })];
    if (rand() < 0.3) parts.push(part({ type: "reasoning", text: paragraph(), time: { start: partTime, end: partTime + 900 } }));
    parts.push(part({ type: "text", text: markdown(), time: { start: partTime, end: partTime + 1000 } }));
    const calls = int(0, 2);
    for (let t = 0; t < calls; t++) {
      const tool = pick(["bash", "read", "edit", "grep"]);
      const callID = `call_${Array.from({ length: 8 }, () => pick(BASE62)).join("")}`;
      parts.push(part({ type: "tool", tool, callID, state: toolCall(tool, partTime) }));
    }
    const finish = calls > 0 ? "tool-calls" : "stop";
    parts.push(part({ reason: finish, snapshot: snapshot(), type: "step-finish", tokens, cost }));
    const completed = partTime + int(100, 60_000);
    const info = {
      parentID: parent, role: "assistant", mode: "build", agent: "build", path: { cwd: directory, root: directory },
      cost, tokens, modelID, providerID, time: { created: time, completed }, finish, id: messageID, sessionID,
    };
    out.push({ info, parts });
    time = completed;
  }
  return out;
}

/**
 * A whole session as `opencode export` writes it (and `opencode import` reads it): its info and
 * its messages. `projectID` and `directory` place it in a project.
 * @param {Parameters<typeof generateMessages>[0] & { title?: string, projectID?: string }} [options]
 */
export function exportedSession(options = {}) {
  const sessionID = options.sessionID ?? openCodeId("ses", START, 1, random(options.seed ?? 42), true);
  const messages = generateMessages({ ...options, sessionID });
  const first = messages[0]?.info.time.created ?? START;
  const last = messages.at(-1)?.info.time.completed ?? first;
  const directory = options.directory ?? "/home/dev/project";
  const info = {
    id: sessionID,
    slug: "bench-session",
    projectID: options.projectID ?? "global",
    directory,
    path: "",
    title: options.title ?? `A generated session of ${messages.length} messages`,
    version: "1.18.33",
    summary: { additions: 0, deletions: 0, files: 0 },
    time: { created: first, updated: last },
  };
  return { info, messages };
}
