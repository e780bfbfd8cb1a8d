import { expect, it } from "vitest";
import { attachmentMime, MAX_ATTACHMENT_BYTES, readAttachments } from "./attachments";

function counter() {
  let id = 0;
  return () => ++id;
}

it("reads files as data: URLs with their type", async () => {
  const file = new File(["hello"], "note.md", { type: "text/markdown" });
  const { attached, refused } = await readAttachments([file], counter());
  expect(refused).toEqual([]);
  expect(attached).toEqual([
    { id: 1, name: "note.md", mime: "text/markdown", url: `data:text/markdown;base64,${btoa("hello")}` },
  ]);
});

it("sends an untyped file as text, in its mime and in its URL", async () => {
  const file = new File(["fn main() {}"], "main.rs");
  expect(attachmentMime(file)).toBe("text/plain");
  const { attached } = await readAttachments([file], counter());
  expect(attached[0]?.url.startsWith("data:text/plain;base64,")).toBe(true);
});

it("refuses files over 10 MB with a sentence naming them, and keeps the others", async () => {
  const big = new File(["x"], "huge.iso", { type: "application/octet-stream" });
  Object.defineProperty(big, "size", { value: MAX_ATTACHMENT_BYTES + 1 });
  const small = new File(["ok"], "small.txt", { type: "text/plain" });
  const { attached, refused } = await readAttachments([big, small], counter());
  expect(attached.map((a) => a.name)).toEqual(["small.txt"]);
  expect(refused).toEqual(["“huge.iso” is larger than 10 MB, so it was not attached."]);
});

it("accepts a file of exactly 10 MB", async () => {
  const edge = new File(["x"], "edge.bin", { type: "application/octet-stream" });
  Object.defineProperty(edge, "size", { value: MAX_ATTACHMENT_BYTES });
  const { attached } = await readAttachments([edge], counter());
  expect(attached).toHaveLength(1);
});
