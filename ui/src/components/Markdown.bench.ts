// What one streamed delta costs to render, whole text vs. block by block (Markdown.tsx).
// Run: npx vitest bench --run src/components/Markdown.bench.ts   (prints figures; asserts nothing)
// jsdom is not WebKitGTK: read the ratios, not the absolute times. Measured once in WebKitGTK 2.x
// (MiniBrowser under Xvfb, this machine): one delta on a 50 KB reply took a median 840-1140 ms
// rendered whole and 2-3 ms block by block; a finished 50 KB reply opened in 205 ms block by
// block (147 ms from the cache) where renderMarkdown on the whole took 1,460 ms, as marked's
// parse grows faster than linearly with the text. (In jsdom the last case reads the other way:
// jsdom's DOMPurify pays a large fixed cost per call, which a real web view does not.)
import { bench, describe } from "vitest";
import { endsInsideFence, renderMarkdown, splitMarkdownBlocks } from "../lib/markdown";

/** A reply shaped like a model's: headings, prose with inline code, lists, code, a table. */
function reply(targetChars: number): string {
  const section = (i: number) =>
    [
      `## Step ${String(i)}: update the \`parser\``,
      "",
      "The reader was splitting frames on `\\n` only; servers also send `\\r\\n`. This change keeps a " +
        "**buffer** of the partial line and only emits a frame on a blank line, as the spec says.",
      "",
      "- keep the partial line between chunks",
      "- accept `\\r`, `\\n` and `\\r\\n`",
      "- cap a frame at 256 MiB",
      "",
      "```ts",
      "export function feed(buffer: string, chunk: string): { frames: string[]; rest: string } {",
      "  const text = buffer + chunk;",
      "  const frames: string[] = [];",
      "  let start = 0;",
      "  for (;;) {",
      '    const end = text.indexOf("\\n\\n", start);',
      "    if (end < 0) break;",
      "    frames.push(text.slice(start, end));",
      "    start = end + 2;",
      "  }",
      "  return { frames, rest: text.slice(start) };",
      "}",
      "```",
      "",
      "| case | before | after |",
      "|---|---|---|",
      "| split chunk | lost | kept |",
      "| CRLF | broken | ok |",
      "",
    ].join("\n");
  let text = "";
  for (let i = 1; text.length < targetChars; i++) text += section(i);
  return text;
}

for (const size of [5_000, 50_000]) {
  const text = reply(size);
  const label = `${String(Math.round(text.length / 1000))} KB reply`;
  describe(`one streamed delta, ${label}`, () => {
    bench("whole text rendered again", () => {
      renderMarkdown(text);
    }, { time: 500 });
    bench("split into blocks, last block rendered", () => {
      const blocks = splitMarkdownBlocks(text);
      renderMarkdown(blocks[blocks.length - 1] ?? "");
    }, { time: 500 });
  });
}

// Ending inside a long code block is the worst case for blocks: the open block is all code.
describe("one streamed delta, 20 KB code block still open", () => {
  const code = "```ts\n" + "const value = compute(input, { retries: 3, timeout: 1000 });\n".repeat(330);
  bench("whole text rendered again", () => {
    renderMarkdown(code);
  }, { time: 500 });
  bench("split into blocks, last block rendered", () => {
    const blocks = splitMarkdownBlocks(code);
    renderMarkdown(blocks[blocks.length - 1] ?? "");
  }, { time: 500 });
  bench("split into blocks, open code block rendered plain (what Markdown.tsx does)", () => {
    const blocks = splitMarkdownBlocks(code);
    const last = blocks[blocks.length - 1] ?? "";
    renderMarkdown(last, { highlight: !endsInsideFence(last) });
  }, { time: 500 });
});

describe("a finished 50 KB reply, opened", () => {
  const text = reply(50_000);
  bench("rendered whole", () => {
    renderMarkdown(text);
  }, { time: 200, iterations: 3 });
  bench("rendered block by block", () => {
    for (const block of splitMarkdownBlocks(text)) renderMarkdown(block);
  }, { time: 200, iterations: 3 });
});
