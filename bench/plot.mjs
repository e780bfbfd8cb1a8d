// A small SVG chart of the side-by-side benchmark (issue 18): per figure, our bar and OpenCode's
// web UI's on one log scale (the figures span 10 ms to seconds and megabytes), each labelled with
// its value, and the ratio theirs / ours at the right. No dependency: the SVG is written by hand.
//
//   import { plotSvg, writePlot } from "./plot.mjs";
//   await writePlot("bench/results/plot.svg", rows, { title: "..." });
//   rows: [{ figure: "open 3,000, later (median)", ours: 72, theirs: 180, unit: "ms" }, ...]
//   A value that is missing or not finite (n/a) draws no bar and says "n/a".
//
// Alone, from a JSON file of rows: node bench/plot.mjs rows.json out.svg
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

const OURS = "#2f6fdf";
const THEIRS = "#d9822b";

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const finite = (v) => typeof v === "number" && Number.isFinite(v) && v > 0;

/** A value as the table prints it: three significant digits at most, no trailing noise. */
function formatValue(value, unit) {
  if (!finite(value)) return "n/a";
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${unit}`;
}

/**
 * The chart as SVG text.
 * @param {Array<{figure: string, ours?: number, theirs?: number, unit: string}>} rows
 * @param {{title?: string, subtitle?: string}} [options]
 */
export function plotSvg(rows, { title = "OpenCode Desk vs OpenCode's web UI (lower is better)", subtitle = "" } = {}) {
  const labelWidth = 300;
  const barWidth = 430;
  const ratioWidth = 110;
  const rowHeight = 40;
  const top = subtitle ? 78 : 60;
  const width = labelWidth + barWidth + ratioWidth + 20;
  const height = top + rows.length * rowHeight + 40;

  // One log scale for every figure: bars compare within a row, the scale only has to fit them all.
  const values = rows.flatMap((r) => [r.ours, r.theirs]).filter(finite);
  const lo = Math.log10(Math.min(1, ...values));
  const hi = Math.log10(Math.max(10, ...values)) + 0.35; // room for the value's label
  const x = (v) => labelWidth + ((Math.log10(v) - lo) / (hi - lo)) * barWidth;

  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="10" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`);
  if (subtitle) out.push(`<text x="10" y="40" fill="#555">${escape(subtitle)}</text>`);
  const legendY = top - 16;
  out.push(`<rect x="10" y="${legendY - 9}" width="12" height="10" fill="${OURS}"/><text x="26" y="${legendY}">ours</text>`);
  out.push(`<rect x="70" y="${legendY - 9}" width="12" height="10" fill="${THEIRS}"/><text x="86" y="${legendY}">OpenCode web UI</text>`);
  out.push(`<text x="${labelWidth}" y="${legendY}" fill="#555">log scale</text>`);
  out.push(`<text x="${labelWidth + barWidth + 10}" y="${legendY}" fill="#555">theirs / ours</text>`);

  // Decades as faint gridlines, labelled 1, 10, 100, 1k ...
  for (let d = Math.ceil(lo); d <= Math.floor(hi); d++) {
    const gx = x(10 ** d).toFixed(1);
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + rows.length * rowHeight}" stroke="#e4e4e4"/>`);
    const label = d >= 3 ? `${10 ** (d - 3)}k` : `${10 ** d}`;
    out.push(`<text x="${gx}" y="${top + rows.length * rowHeight + 14}" fill="#888" text-anchor="middle" font-size="10">${label}</text>`);
  }

  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    if (i % 2) out.push(`<rect x="0" y="${y}" width="${width}" height="${rowHeight}" fill="#f7f7f7"/>`);
    out.push(`<text x="10" y="${y + 24}">${escape(row.figure)}</text>`);
    [["ours", OURS, 6], ["theirs", THEIRS, 21]].forEach(([key, color, dy]) => {
      const value = row[key];
      if (finite(value)) {
        const w = Math.max(1, x(value) - labelWidth);
        out.push(`<rect x="${labelWidth}" y="${y + dy}" width="${w.toFixed(1)}" height="13" fill="${color}"/>`);
        out.push(`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + dy + 11}" font-size="11">${escape(formatValue(value, row.unit))}</text>`);
      } else {
        out.push(`<text x="${labelWidth + 4}" y="${y + dy + 11}" font-size="11" fill="#999">n/a</text>`);
      }
    });
    const ratio = finite(row.ours) && finite(row.theirs) ? row.theirs / row.ours : Number.NaN;
    const text = Number.isFinite(ratio) ? `× ${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}` : "n/a";
    const color = !Number.isFinite(ratio) ? "#999" : ratio >= 1 ? "#1d7a3a" : "#b3261e";
    out.push(`<text x="${labelWidth + barWidth + 10}" y="${y + 24}" fill="${color}" font-weight="bold">${text}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

/** Writes the chart to `file` (its directory made if needed); returns the path. */
export async function writePlot(file, rows, options) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, plotSvg(rows, options));
  return file;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [input, output = "bench/results/plot.svg"] = process.argv.slice(2);
  if (!input) {
    console.error("usage: node bench/plot.mjs rows.json [out.svg]");
    process.exitCode = 2;
  } else {
    const rows = JSON.parse(await readFile(input, "utf8"));
    console.log(await writePlot(output, rows));
  }
}
