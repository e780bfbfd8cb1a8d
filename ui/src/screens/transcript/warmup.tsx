// Warms the transcript before the first session opens (issue 18): that open cost 377 ms against
// 72 ms for the next ones, nearly all of it first-time work of the engine — the first layout of
// the transcript's content (fonts, styles: about 60 %), then the first runs of Solid's rendering,
// marked, DOMPurify and highlight.js (which compiles each language's regexes on first use). Here
// the same code runs over a small made-up exchange, in steps while the window is idle after
// launch (lib/warmup.ts), in a hidden copy of the transcript that is laid out but never painted.
// Opening a session cancels what is left.
import type { JSX } from "solid-js";
import { render } from "solid-js/web";
import type { Message, Part } from "../../ipc";
import { highlight } from "../../lib/highlight";
import { renderMarkdown, splitMarkdownBlocks } from "../../lib/markdown";
import { startWarmUp, type WarmUp, type WarmUpStep } from "../../lib/warmup";
import PartView from "./PartView";
import Transcript from "./Transcript";

/** After launch, the session list's first paint goes first. */
const START_DELAY_MS = 200;
/** Compiled besides the sample's TypeScript: 5 to 10 ms each, cold. */
const COMMON_LANGUAGES = ["bash", "json", "python"];

const SESSION = "ses_warmup";
const DIR = "/warm/project";

const REPLY = [
  "The **parser** now keeps its state between chunks, so a split line is joined. See `parse()` in [the docs](https://example.com).",
  "- `buffer` holds the *partial* line\n- `flush()` emits what is left",
  "```ts\nexport function parse(buffer: string): Token[] {\n  const out: Token[] = [];\n  for (const line of buffer.split(\"\\n\")) out.push({ kind: \"line\", text: line });\n  return out;\n}\n```",
  "1. Run the tests\n2. Commit",
].join("\n\n");

const CODE_SAMPLE = 'const x = { a: 1, b: "two" }; // three\nif (x.a > 0) return [x];';

function part(messageID: string, n: number, fields: Record<string, unknown>): Part {
  return { id: `prt_warm${messageID}${String(n)}`, sessionID: SESSION, messageID, ...fields } as unknown as Part;
}

/** A user's prompt and a reply with the parts a session shows most: text, reasoning, tools. */
function sample(): { ids: string[]; info: Record<string, Message>; parts: Record<string, Part[]> } {
  const t = Date.UTC(2026, 0, 1);
  const time = { start: t, end: t + 1200 };
  const user = { id: "msg_warm1", sessionID: SESSION, role: "user", time: { created: t }, agent: "build", model: { providerID: "p", modelID: "m" } };
  const tokens = { input: 12_000, output: 800, reasoning: 0, cache: { read: 4000, write: 0 } };
  const reply = { id: "msg_warm2", sessionID: SESSION, role: "assistant", parentID: "msg_warm1", mode: "build", agent: "build", path: { cwd: DIR, root: DIR }, cost: 0.01, tokens, modelID: "m", providerID: "p", time: { created: t, completed: t + 5000 }, finish: "stop" };
  const diff = `--- ${DIR}/src/a.ts\n+++ ${DIR}/src/a.ts\n@@ -1,2 +1,2 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n`;
  return {
    ids: [user.id, reply.id],
    info: { [user.id]: user, [reply.id]: reply } as unknown as Record<string, Message>,
    parts: {
      [user.id]: [part(user.id, 1, { type: "text", text: "Why does the parser drop the last line of a chunk?" })],
      [reply.id]: [
        part(reply.id, 1, { type: "step-start", snapshot: "0" }),
        part(reply.id, 2, { type: "reasoning", text: "The buffer is flushed before the newline is seen.", time }),
        part(reply.id, 3, { type: "text", text: REPLY, time }),
        part(reply.id, 4, { type: "tool", tool: "bash", callID: "call_w1", state: { status: "completed", input: { command: "npm test", description: "Run the tests" }, output: "ok 12 tests", title: "npm test", metadata: { output: "ok", exit: 0 }, time } }),
        part(reply.id, 5, { type: "tool", tool: "read", callID: "call_w2", state: { status: "completed", input: { filePath: `${DIR}/src/a.ts` }, output: "1: const a = 1;", title: "src/a.ts", metadata: {}, time } }),
        part(reply.id, 6, { type: "tool", tool: "edit", callID: "call_w3", state: { status: "completed", input: { filePath: `${DIR}/src/a.ts`, oldString: "const b = 2;", newString: "const b = 3;" }, output: "Edit applied successfully.", title: "src/a.ts", metadata: { diff, filediff: { file: `${DIR}/src/a.ts`, patch: diff, additions: 1, deletions: 1 } }, time } }),
        part(reply.id, 7, { type: "tool", tool: "grep", callID: "call_w4", state: { status: "error", input: { pattern: "parse" }, error: "Error: no such directory.", time } }),
        part(reply.id, 8, { type: "step-finish", reason: "stop", snapshot: "0", tokens, cost: 0.01 }),
      ],
    },
  };
}

/** The steps, in order: the hidden transcript part by part, then a few more languages. */
function plan(): { steps: WarmUpStep[]; cleanup: () => void } {
  const steps: WarmUpStep[] = [];
  let host: HTMLElement | undefined;
  let list: HTMLElement | undefined;
  const disposers: (() => void)[] = [];
  const { ids, info, parts } = sample();
  // Laid out as the real transcript is (same width, same styles), never painted nor reachable.
  steps.push(() => {
    host = document.createElement("div");
    host.setAttribute("aria-hidden", "true");
    host.inert = true;
    host.style.cssText =
      "position:fixed;inset:0;display:flex;flex-direction:column;visibility:hidden;pointer-events:none;z-index:-1;contain:strict";
    host.innerHTML = '<div class="tx"><section class="tx-scroller"><div class="tx-list"></div></section></div>';
    document.body.append(host);
    list = host.querySelector<HTMLElement>(".tx-list") ?? undefined;
    host.getBoundingClientRect();
  });
  // The first layout of each kind of part is the costly part (in WebKitGTK each new font face
  // and size is set up on first use, ~25 ms each): one part per step, laid out at once, so no
  // step is long. The messages' own markup is MessageView's (MessageView.tsx).
  const mount = (role: string, content: () => JSX.Element) => () => {
    if (!list) return;
    const article = document.createElement("article");
    article.className = "tx-message";
    article.dataset.role = role;
    list.append(article);
    disposers.push(render(content, article));
    article.getBoundingClientRect();
  };
  const userText = parts[ids[0] ?? ""]?.[0];
  steps.push(
    mount("user", () => (
      <div class="tx-bubble">
        <p class="tx-user-text">{userText?.type === "text" ? userText.text : ""}</p>
      </div>
    )),
  );
  for (const p of parts[ids[1] ?? ""] ?? []) {
    // A reply's text block by block: each kind of block brings its own faces and sizes.
    const pieces = p.type === "text" ? splitMarkdownBlocks(p.text).map((text) => ({ ...p, text }) as Part) : [p];
    for (const piece of pieces) steps.push(mount("assistant", () => <PartView part={piece} />));
  }
  // Last, the whole transcript over the same messages: its own code, with the rest now warm.
  steps.push(() => {
    if (!host) return;
    for (const dispose of disposers.splice(0)) dispose();
    host.textContent = "";
    disposers.push(render(() => <Transcript ids={ids} info={info} parts={parts} hasOlder={false} onReachTop={() => Promise.resolve()} />, host));
    host.getBoundingClientRect();
  });
  // The hidden transcript goes as soon as it is laid out: it is no use once warm.
  steps.push(() => {
    cleanup();
  });
  // Then the languages most met after TypeScript (the sample's), compiled on first use. Not all
  // of them: the other 18 cost ~150 ms of work and 8 MB kept, for 5 to 10 ms saved each at a
  // first open that shows one.
  steps.push(() => {
    for (const name of COMMON_LANGUAGES) highlight(CODE_SAMPLE, name);
  });
  // Both of renderMarkdown's paths: with code blocks (copy buttons) and without.
  steps.push(() => {
    renderMarkdown(REPLY);
    renderMarkdown("Plain *text* and a [link](https://example.com).");
  });
  function cleanup() {
    for (const dispose of disposers.splice(0)) dispose();
    host?.remove();
    host = undefined;
    list = undefined;
  }
  return { steps, cleanup };
}

/**
 * Starts warming the transcript while the window is idle; returns the warm-up (its `cancel` for
 * the window's cleanup). Opening a session (a Transcript made) cancels it.
 */
export function warmUpTranscript(delayMs = START_DELAY_MS): WarmUp {
  const { steps, cleanup } = plan();
  return startWarmUp(steps, { delayMs, cleanup });
}
