// Ours beside theirs (issue 18): joins the app's figures (bench/app.mjs) and OpenCode's web UI's
// (bench/web.mjs) measured in the same run on the same server and data, prints one table with
// the ratio theirs / ours per figure, and writes it with a plot (bench/plot.mjs) to bench/results/.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writePlot } from "./plot.mjs";

const f = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : "n/a");

/**
 * The figures both sides have, in one list. `ours` is what app.mjs measured (any may be missing),
 * `web` what measureWebUI returned. Each row: {figure, ours, theirs, unit, note?}.
 */
export function joinFigures(ours, web) {
  const memory = (start) => web.memory.find((m) => m.when.startsWith(start))?.pss;
  const rows = [];
  const row = (figure, mine, theirs, unit, note) => rows.push({ figure, ours: mine, theirs, unit, ...(note ? { note } : {}) });
  row("cold start → usable session list", ours.launchAttached, web.coldLoad?.withBrowserStartMs, "ms",
    "ours: process start, attached to a running server; theirs: browser start and page load");
  for (const count of web.sizes) {
    const n = count.toLocaleString("en");
    const o = web.opens?.[count];
    if (ours.firstOpen?.[count] !== undefined) row(`open ${n}, first after launch`, ours.firstOpen[count], o?.first, "ms");
    row(`open ${n}, later (median)`, ours.opens?.[count], o?.median, "ms");
  }
  row("token → paint p50", ours.tokens?.median, web.tokens?.median, "ms", web.na["token → paint"]);
  row("token → paint p99", ours.tokens?.p99, web.tokens?.p99, "ms", web.na["token → paint"]);
  row("key → paint p95 while a reply streams", ours.keys?.p95, web.keys?.p95, "ms", web.na["key → paint while streaming"] ?? web.keys?.note);
  row("scroll 3,000 bottom → top, frame p95", ours.scroll?.p95, web.scroll?.p95, "ms", web.na.scroll);
  row("scroll 3,000 bottom → top, worst frame", ours.scroll?.max, web.scroll?.worst, "ms", web.na.scroll);
  row("memory at rest (PSS)", ours.memory?.rest, memory("at rest"), "MB");
  row("memory, 3,000-message session open (PSS)", ours.memory?.open, memory("with "), "MB");
  row("memory after scrolling it (PSS)", ours.memory?.scrolled, memory("after scrolling"), "MB", web.na.scroll);
  return rows;
}

/** The table as text lines: figure, ours, theirs, theirs / ours. */
export function tableLines(rows) {
  const cells = rows.map((r) => [
    r.figure,
    `${f(r.ours)} ${r.unit}`,
    `${f(r.theirs)} ${r.unit}`,
    Number.isFinite(r.ours) && Number.isFinite(r.theirs) && r.ours > 0 ? `× ${(r.theirs / r.ours).toFixed(1)}` : "n/a",
  ]);
  const head = ["figure", "ours (OpenCode Desk)", "theirs (OpenCode web UI)", "theirs / ours"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.figure}: ${r.note}`);
  return [line(head), ...cells.map(line), ...(notes.length ? ["notes:", ...notes] : [])];
}

/** Prints the table and writes `<stamp>.md` (table and context) and `<stamp>.svg` to `dir`. */
export async function report(rows, { dir, context = [] }) {
  const lines = tableLines(rows);
  console.log(`\nside by side, the same server and data:\n${lines.join("\n")}`);
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:T]/g, "-").slice(0, 16);
  const md = join(dir, `${stamp}.md`);
  const svg = join(dir, `${stamp}.svg`);
  await writeFile(md, [`# Benchmark ${stamp}`, "", ...context.map((c) => `- ${c}`), "", "```", ...lines, "```", ""].join("\n"));
  await writePlot(svg, rows, { subtitle: context[0] ?? "" });
  console.log(`bench: written ${md} and ${svg}`);
}
