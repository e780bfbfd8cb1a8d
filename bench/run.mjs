// Drives the benchmark page (bench/dist) in a real WebKitGTK browser, the engine of the app's
// webview, through WebKitWebDriver, and prints the figures. Run by scripts/bench-ui.sh inside
// Xvfb; alone: `node bench/run.mjs [--data dump.json] [--runs N]` with a DISPLAY.
//
// Each phase runs in a browser of its own (a fresh web process: a page loaded again in the same
// one still counted the last page's memory), calls window.bench.run(phase) and reads the web
// process's memory from /proc, since WebKit has no performance.memory.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { loadavg } from "node:os";
import { extname, join, normalize } from "node:path";
import { processTree, usage } from "./proc.mjs";

const here = import.meta.dirname;
const dist = join(here, "dist");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const dataFile = option("data");
const runs = Number(option("runs", "5"));
const browser = option("browser", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser");

// The page and, if given, a real session's dump, on loopback only.
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const file = path === "/session.json" && dataFile ? dataFile : join(dist, normalize(path === "/" ? "/index.html" : path));
  if (!file.startsWith(dist) && file !== dataFile) return void res.writeHead(403).end();
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const pagePort = server.address().port;

// WebKitWebDriver on a free loopback port.
const probe = createServer();
await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
const driverPort = probe.address().port;
await new Promise((resolve) => probe.close(resolve));
const driver = spawn("WebKitWebDriver", [`--port=${driverPort}`, "--host=127.0.0.1"], { stdio: "ignore" });
const base = `http://127.0.0.1:${driverPort}`;

async function call(method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

/** RSS in MiB of MiniBrowser's WebKit processes: the largest web process's, and all of them. */
function memory() {
  // The driver itself is not the browser.
  const named = processTree(driver.pid).slice(1).map((p) => ({ ...p, rss: usage(p.pid).rss / 1024 }));
  const web = named.filter((p) => p.name.startsWith("WebKitWebProces"));
  return {
    webProcess: Math.max(0, ...web.map((p) => p.rss)),
    allProcesses: named.reduce((sum, p) => sum + p.rss, 0),
  };
}

let session;
try {
  for (let attempt = 0; ; attempt++) {
    try {
      await call("GET", "/status");
      break;
    } catch (e) {
      if (attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let engine = "";
  /** A browser of its own: memory left by an earlier phase's page must not count in the next. */
  async function newBrowser() {
    if (session) await call("DELETE", `/session/${session}`).catch(() => undefined);
    const created = await call("POST", "/session", {
      capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary: browser, args: ["--automation"] } } },
    });
    session = created.sessionId;
    engine = `${created.capabilities.browserName} ${created.capabilities.browserVersion}`;
    await call("POST", `/session/${session}/timeouts`, { script: 600_000, pageLoad: 60_000 });
    await call("POST", `/session/${session}/window/rect`, { width: 1280, height: 800, x: 0, y: 0 }).catch(() => undefined);
  }

  const query = dataFile ? "?data=/session.json" : "";
  /** Runs a phase; `fresh: false` reuses the browser (the page reloads, the engine stays warm). */
  async function phase(name, options = {}, { fresh = true, warmUp = true } = {}) {
    if (fresh || !session) await newBrowser();
    // warmup=0: the page opens the session without the launch's warm-up (ui/src/screens/transcript/warmup.tsx).
    const search = [query.slice(1), warmUp ? "" : "warmup=0"].filter(Boolean).join("&");
    await call("POST", `/session/${session}/url`, { url: `http://127.0.0.1:${pagePort}/index.html${search ? `?${search}` : ""}` });
    // Started by a synchronous script and polled: WebKitWebDriver's execute/async does not
    // return here when the script's callback runs after many frames.
    await call("POST", `/session/${session}/execute/sync`, {
      script: "window.benchResult = undefined; window.bench.run(arguments[0], arguments[1]).then((r) => { window.benchResult = r; }, (e) => { window.benchResult = { error: String(e && e.stack || e) }; });",
      args: [name, options],
    });
    let result;
    for (let waited = 0; result === undefined || result === null; waited += 1) {
      if (waited > 600) throw new Error(`${name}: no result after 10 minutes`);
      await new Promise((r) => setTimeout(r, 1000));
      result = await call("POST", `/session/${session}/execute/sync`, { script: "return window.benchResult;", args: [] });
    }
    if (result?.error) throw new Error(`${name}: ${result.error}`);
    return { ...result, memory: memory() };
  }
  const scrollOptions = {
    step: Number(option("step", "400")),
    distance: Number(option("distance", "Infinity")),
    rate: Number(option("rate", "200")),
  };
  const only = option("only");
  if (only) {
    // One phase, its raw result: for looking into a figure.
    console.log(JSON.stringify(await phase(only, scrollOptions), null, 1));
    process.exitCode = 0;
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  if (only) throw Object.assign(new Error("done"), { quiet: true });
  const loadBefore = loadavg()[0];
  const empty = await phase("empty");
  const tails = [];
  const fulls = [];
  // The first of each in a fresh engine (cold: as the first session opened in a run of the app),
  // the others after it in the same engine (warm).
  for (let i = 0; i < runs; i++) tails.push(await phase("open-tail", {}, { fresh: i === 0 }));
  // The first open in fresh engines that did not warm up: what the warm-up saves.
  const unwarmed = [];
  for (let i = 0; i < Math.max(1, Math.floor(runs / 2)); i++) unwarmed.push(await phase("open-tail", {}, { warmUp: false }));
  const colds = [tails[0]];
  for (let i = 1; i < Math.max(1, Math.floor(runs / 2)); i++) colds.push(await phase("open-tail"));
  for (let i = 0; i < runs; i++) fulls.push(await phase("open-full", {}, { fresh: i === 0 }));
  const scroll = await phase("scroll", scrollOptions);
  const stream = await phase("stream", { rate: scrollOptions.rate, seconds: 10, keyEvery: 60 });
  // The same keys with nothing streaming: what this machine gives at rest.
  const quiet = await phase("stream", { rate: 0, seconds: 5, keyEvery: 60 });

  const f = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
  const first = fulls[0];
  const rows = [
    ["engine", engine, ""],
    ["compositing mode", process.env.WEBKIT_DISABLE_COMPOSITING_MODE === "1" ? "off (no GPU: as the app renders here)" : "WebKit's default", ""],
    ["session", `${first.total} messages, ${first.parts} parts (${dataFile ? dataFile : "generated"})`, ""],
    ["first open, tail of 50, after the warm-up", `${colds.map((r) => f(r.shownMs)).join(", ")} ms (fresh engines; without the warm-up: ${unwarmed.map((r) => f(r.shownMs)).join(", ")} ms)`, "≤ 150 ms"],
    ["the launch's warm-up", `${f(tails[0].warmUp?.busyMs)} ms of work in ${tails[0].warmUp?.steps} steps, longest ${f(tails[0].warmUp?.longestMs)} ms, over by ${f(tails[0].warmUp?.endedMs)} ms after launch`, ""],
    ["open, tail of 50: last screen painted", `${f(tails[0].shownMs)} ms cold, ${f(median(tails.slice(1).map((r) => r.shownMs)))} ms warm (median of ${runs - 1}; steady ${f(median(tails.slice(1).map((r) => r.steadyMs)))} ms)`, "< 300 ms"],
    ["open, all at once: last screen painted", `${f(fulls[0].shownMs)} ms cold, ${f(median(fulls.slice(1).map((r) => r.shownMs)))} ms warm (median of ${runs - 1}; store ${f(median(fulls.slice(1).map((r) => r.storeMs)))} ms, steady ${f(median(fulls.slice(1).map((r) => r.steadyMs)))} ms)`, "< 300 ms"],
    ["messages in the DOM after opening", `${first.rendered} (${first.domNodes} elements)`, ""],
    ["scroll top to bottom", `${f(scroll.fps, 1)} fps average, median frame ${f(scroll.median, 1)} ms, p95 ${f(scroll.p95, 1)} ms, worst ${f(scroll.max, 1)} ms; ${f(scroll.height / 1000)}k px in ${f(scroll.seconds, 1)} s, ${scrollOptions.step} px a frame`, "60 fps"],
    ["input under streaming", `median ${f(stream.input.median, 1)} ms, p95 ${f(stream.input.p95, 1)} ms, max ${f(stream.input.max, 1)} ms (${stream.input.count} keys, ${f(stream.deltasPerSecond)} deltas/s, reply ${stream.replyChars} chars, pinned: ${stream.pinned})`, "< 20 ms p95"],
    ["input, nothing streaming (baseline)", `median ${f(quiet.input.median, 1)} ms, p95 ${f(quiet.input.p95, 1)} ms`, ""],
    ["memory, web process RSS", `${f(tails[0].memory.webProcess)} MiB with the tail of 50 open, ${f(first.memory.webProcess)} MiB with all ${first.total} (empty page ${f(empty.memory.webProcess)} MiB); ${f(scroll.memory.webProcess)} MiB after scrolling all of it, ${f(stream.memory.webProcess)} MiB after a streamed reply (all WebKit processes: ${f(stream.memory.allProcesses)} MiB)`, "< 300 MB"],
    ["machine load (1 min average, 2 cores)", `${f(loadBefore, 1)} before, ${f(loadavg()[0], 1)} after`, ""],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log("");
  for (const [what, figure, target] of rows) console.log(`${what.padEnd(width)}  ${figure}${target ? `   [target ${target}]` : ""}`);
  if (process.env.BENCH_JSON) console.log(JSON.stringify({ tails, fulls, scroll, stream }, null, 1));
} catch (e) {
  if (!e.quiet) throw e;
} finally {
  if (session) await call("DELETE", `/session/${session}`).catch(() => undefined);
  driver.kill();
  server.close();
}
