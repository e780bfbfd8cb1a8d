// The reference side of the benchmark (issue 18): OpenCode's own web UI, which the real server
// serves at `/`, in Debian's Chromium headless, driven through chromedriver with e2e/webdriver.mjs,
// on the same server, sessions and fake model as the app, measured with the same page-side probes
// as bench/app.mjs. A figure that cannot be measured comes back as { na: "why" }, never a guess.
//
//   import { measureWebUI } from "./web.mjs";
//   const figures = await measureWebUI({ url, password, project, sessions, model });
//
// Alone (needs `apt-get install -y chromium chromium-driver` and node_modules from scripts/setup.sh):
//   node bench/web.mjs [--sizes 3000,30000] [--runs 5] [--tokens 2500] [--rate 500] [--keys 40]
//     builds its own world (e2e/world.mjs: isolated HOME, fake model), imports generated sessions
//     and starts `opencode serve` with a password, then measures and prints the figures as JSON;
//   node bench/web.mjs --url http://127.0.0.1:PORT --password PW --project DIR --sessions FILE
//     --short '{"title": "...", "id": "ses_..."}'
//     measures a running server (FILE: JSON [{title, id, lastId, count}], smallest first; --short
//     a session to switch to between opens); the streamed reply figures are n/a then, as no fake
//     model of this process answers that server.
//   Add --screenshots DIR for a PNG of each step, --no-scroll to skip the 2-minute scroll.
//
// Input is the page's own (element.click(), execCommand) and prompts go through the server: see
// INPUT_NOTE for why. A run of the default sizes takes about 5 minutes.
//
// Past 500 lines, still one job: one browser run against the web UI, its probes beside it (they
// are strings run in the page and read best next to the steps that arm and read them).
import { execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Session, waitUntil } from "../e2e/webdriver.mjs";
import { processTree, usage } from "./proc.mjs";
import { watchKeys, watchTokens } from "./probes.mjs";

const CHROMIUM = "/usr/bin/chromium";
const CHROMEDRIVER = "/usr/bin/chromedriver";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = (kib) => (kib * 1024) / 1e6;

export const stats = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { count: sorted.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
};

// ---- The browser: chromedriver in a process group of its own, Chromium under it with a profile
// directory of this run's own, which is also the marker that finds whatever of it is left.

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Pids whose command line holds `marker` (this run's profile directory). */
function processesWith(marker) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

class Browser {
  /** @type {Session} */
  session;

  constructor(driver, base, profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Starts chromedriver and, through it, Chromium on `profile` (kept between starts). */
  static async start(profile, { width = 1400, height = 900 } = {}) {
    const port = await freePort();
    const log = [];
    const driver = spawn(CHROMEDRIVER, [`--port=${port}`], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    driver.stdout.on("data", (d) => log.push(String(d)));
    driver.stderr.on("data", (d) => log.push(String(d)));
    const browser = new Browser(driver, `http://127.0.0.1:${port}`, profile);
    // A caller that exits without stop() (an uncaught error, a signal turned into exit) still
    // takes the browser down: the same kills, synchronously.
    browser.atExit = () => browser.kill();
    process.once("exit", browser.atExit);
    try {
      await waitUntil(async () => (await fetch(`${browser.base}/status`)).ok, {
        timeout: 10_000,
        interval: 50,
        message: () => `chromedriver to answer (output: ${log.join("").slice(-300)})`,
      });
      const args = [
        "--headless=new",
        "--no-sandbox", // root in a container has no user namespace for the sandbox
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-features=Translate,OptimizationHints,MediaRouter",
        "--password-store=basic",
      ];
      const response = await fetch(`${browser.base}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ capabilities: { alwaysMatch: { "goog:chromeOptions": { binary: CHROMIUM, args } } } }),
        signal: AbortSignal.timeout(60_000),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(`chromedriver could not start Chromium: ${JSON.stringify(body.value).slice(0, 500)}`);
      browser.session = new Session(browser.base, body.value.sessionId);
      browser.version = body.value.capabilities?.browserVersion;
    } catch (error) {
      await browser.stop();
      throw error;
    }
    return browser;
  }

  /** A DevTools protocol command on the current page (chromedriver's own route for it). */
  cdp(cmd, params = {}) {
    return this.session.command("POST", "/goog/cdp/execute", { cmd, params });
  }

  /** Chromium's process and its helpers (renderers, GPU, utility), chromedriver left out. */
  tree() {
    const roots = processTree(this.driver.pid).filter((p) => p.pid !== this.driver.pid && /chrom/i.test(p.name));
    const top = roots.find((p) => readFileSync(`/proc/${p.pid}/cmdline`, "utf8").includes(this.profile));
    return top ? processTree(top.pid) : [];
  }

  /**
   * Kills chromedriver's process group and anything of this run's Chromium outside it (helpers
   * it may start in sessions of their own); returns how many of the latter were left.
   */
  kill() {
    try {
      process.kill(-this.driver.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    const left = processesWith(this.profile);
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
    return left.length;
  }

  /** Ends Chromium (politely, then for sure) and chromedriver. */
  async stop() {
    if (this.session) await this.session.end().catch(() => undefined);
    this.session = undefined;
    for (let i = 0; i < 20 && this.kill() > 0; i++) await sleep(100);
    process.removeListener("exit", this.atExit);
  }
}

// ---- In the page. The web UI (OpenCode 1.18.33's, "new layout"): the home screen lists a
// project's sessions as button[data-component="home-session-row"]; a session's timeline is the
// .scroll-view__viewport holding [data-timeline-row]s; each rendered part carries
// data-timeline-part-id (steps' start/finish parts are not rendered); the prompt is the
// contenteditable [data-component="prompt-input"].

const TIMELINE = `(() => {
  for (const v of document.querySelectorAll(".scroll-view__viewport")) if (v.querySelector("[data-timeline-row]")) return v;
  return null;
})()`;

/**
 * Runs in every new document before the page's own scripts: notes the frame after a session row
 * titled `title` is on screen (ms since navigation start), as a user sees a usable list.
 */
const READY_PROBE = (title) => `
  (() => {
    const state = { ready: -1, epoch: -1 };
    window.__benchReady = state;
    const poll = () => {
      const rows = document.querySelectorAll('button[data-component="home-session-row"]');
      for (const row of rows) {
        if (row.textContent.includes(${JSON.stringify(title)}) && row.getBoundingClientRect().height > 0) {
          setTimeout(() => { state.ready = performance.now(); state.epoch = Date.now(); }, 0);
          return;
        }
      }
      if (performance.now() < 120000) requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  })();
`;

/**
 * Arms the page for one open, as app.mjs's ARM_OPEN: the next click's time (capturing, before
 * the UI's own listener), then each frame looks for a part of the last message on screen; the
 * frame that has it is painted right after, which a timeout queued from that frame sees.
 */
const ARM_OPEN = `
  const [partIds] = arguments;
  const state = { clickAt: -1, shownAt: -1 };
  window.__benchOpen = state;
  document.addEventListener("click", () => { state.clickAt = performance.now(); }, { capture: true, once: true });
  const selector = partIds.map((id) => '[data-timeline-part-id="' + id + '"]').join(",");
  const onScreen = () => {
    const view = ${TIMELINE};
    const last = view && view.querySelector(selector);
    if (!last) return false;
    const a = view.getBoundingClientRect();
    const b = last.getBoundingClientRect();
    return b.height > 0 && b.top < a.bottom && b.bottom > a.top;
  };
  const until = performance.now() + 120000;
  const poll = () => {
    if (state.clickAt >= 0 && onScreen()) {
      setTimeout(() => { state.shownAt = performance.now(); }, 0);
    } else if (performance.now() < until) {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);
`;

/**
 * Scrolls the timeline from the bottom to its first message, 'step' px a frame, as app.mjs's
 * SCROLL_UP; the web UI loads older turns as the top nears. Done when the first message
 * (firstIds: its part ids) is rendered and the view is at the top for a few frames, or when the
 * view stays at the top with nothing more coming for 5 s (then reachedFirst says so).
 */
const SCROLL_UP = `
  const [step, limit, firstIds] = arguments;
  window.__benchScroll = undefined;
  (async () => {
    const view = ${TIMELINE};
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const first = firstIds.map((id) => '[data-timeline-part-id="' + id + '"],[data-message-id="' + id + '"]').join(",");
    view.dispatchEvent(new WheelEvent("wheel", { deltaY: -1, bubbles: true }));
    const started = performance.now();
    const frames = [];
    let last = await frame();
    let still = 0;
    let stuckSince = -1;
    let height = view.scrollHeight;
    while (performance.now() - started < limit) {
      view.dispatchEvent(new WheelEvent("wheel", { deltaY: -step, bubbles: true }));
      view.scrollTop = Math.max(0, view.scrollTop - step);
      const now = await frame();
      frames.push(now - last);
      last = now;
      const reachedFirst = firstIds.length > 0 && !!view.querySelector(first);
      if (view.scrollTop <= 0 && reachedFirst) {
        if (++still >= 5) break;
      } else still = 0;
      if (view.scrollTop <= 0 && view.scrollHeight === height) {
        if (stuckSince < 0) stuckSince = now;
        else if (now - stuckSince > 5000) break;
      } else stuckSince = -1;
      height = view.scrollHeight;
    }
    return {
      ms: performance.now() - started,
      frames,
      reachedFirst: firstIds.length > 0 && !!view.querySelector(first),
      height: view.scrollHeight,
      rendered: view.querySelectorAll("[data-timeline-part-id]").length,
    };
  })().then((r) => { window.__benchScroll = r; }, (e) => { window.__benchScroll = { error: String(e) }; });
`;

/** As app.mjs's, over the timeline's parts not there when armed (bench/probes.mjs). */
const WATCH_TOKENS = watchTokens(TIMELINE, `(view) => {
  const parts = () => view.querySelectorAll("[data-timeline-part-id]");
  const before = new Set([...parts()].map((e) => e.dataset.timelinePartId));
  return () => [...parts()].filter((p) => !before.has(p.dataset.timelinePartId)).map((p) => p.textContent).join(" ");
}`);

/** As app.mjs's, on the web UI's prompt (bench/probes.mjs). */
const WATCH_KEYS = watchKeys('[data-component="prompt-input"]');

// ---- Steps.

/** Numbered tokens, a paragraph every 50, as app.mjs's tokenChunks. */
function tokenChunks(count) {
  return Array.from({ length: count }, (_, i) => `tok${i}${i % 50 === 49 ? "\n\n" : " "}`);
}

/** The server, called as the web UI does (the headers carry the password and the project). */
function client(url, headers) {
  return async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** The part ids of a session's last message (what the timeline renders of it), or of its first. */
async function partIds(request, id, { first = false } = {}) {
  const messages = await request("GET", `/session/${encodeURIComponent(id)}/message${first ? "" : "?limit=1"}`);
  const message = first ? messages[0] : messages.at(-1);
  return [message.info.id, ...message.parts.map((p) => p.id)];
}

/** Home, through the tab bar's Home button, and waits for the session rows. */
async function goHome(browser, title) {
  await browser.session.execute(`document.querySelector('button[aria-label="Home"]')?.click();`);
  await waitUntil(() => browser.session.execute(`return [...document.querySelectorAll('button[data-component="home-session-row"]')].some((r) => r.textContent.includes(arguments[0]));`, [title]), {
    timeout: 30_000,
    interval: 50,
    message: `the home screen to list "${title}"`,
  });
}

/**
 * Clicks the home row of `title` and returns click → its last message painted. The click is the
 * page's own (element.click()): input from WebDriver or the DevTools protocol stops reaching
 * this web UI once a project's session has rendered (see INPUT_NOTE), and the UI's click handler
 * is the same either way.
 */
async function openSession(browser, entry) {
  await goHome(browser, entry.title);
  await browser.session.execute(ARM_OPEN, [entry.partIds]);
  const clicked = await browser.session.execute(`
    const row = [...document.querySelectorAll('button[data-component="home-session-row"]')].find((r) => r.textContent.includes(arguments[0]));
    if (!row) return false;
    setTimeout(() => row.click(), 0);
    return true;`, [entry.title]);
  if (!clicked) throw new Error(`no home row for "${entry.title}"`);
  const state = await waitUntil(async () => {
    const s = await browser.session.execute("return window.__benchOpen;");
    return s.shownAt >= 0 ? s : undefined;
  }, { timeout: 120_000, interval: 50, message: `the last message of "${entry.title}" to be painted` });
  return state.shownAt - state.clickAt;
}

/** Adds the project through the home screen's "Add project" dialog, as a user does the first time. */
async function addProject(browser, project) {
  const { session } = browser;
  await waitUntil(() => session.execute(`const b = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Add project"); b?.click(); return !!b;`), {
    timeout: 30_000,
    interval: 100,
    message: "the home screen's Add project button",
  });
  const input = await session.waitFor({ using: "css selector", value: '[role="dialog"] input[type="text"]', says: "the Open project dialog's search field" });
  await input.type(project);
  const item = await session.waitFor({ using: "css selector", value: `[role="dialog"] button[data-key=${JSON.stringify(project)}]`, says: `the folder ${project} in the dialog` }, { timeout: 15_000 });
  await item.click();
}

async function memory(browser, when) {
  // A moment for the collector after the work just done, as app.mjs gives the app.
  await sleep(3000);
  const rows = browser.tree().map((p) => ({ ...p, ...usage(p.pid) }));
  const total = rows.reduce((t, r) => ({ rss: t.rss + r.rss, pss: t.pss + r.pss }), { rss: 0, pss: 0 });
  return { when, pss: MB(total.pss), rss: MB(total.rss), processes: rows.length, byProcess: rows.map((r) => ({ pid: r.pid, name: r.name, pss: MB(r.pss) })) };
}

/**
 * Why input is synthetic here: with Debian's Chromium 156 (headless, and headful under Xvfb
 * alike), mouse and key events sent through WebDriver actions or the DevTools protocol
 * (Input.dispatch*) stop reaching this web UI's page about 0.8 s after it first renders a
 * project's session (even a listener on window, capturing, added before the page's scripts, sees
 * none; with the message requests blocked, or with no project in its storage, they arrive).
 */
export const INPUT_NOTE = "WebDriver/CDP input stops reaching the web UI once it renders a session (Chromium 156, headless and under Xvfb)";

/**
 * Types `count` characters into the prompt from page script, `gap` ms apart: a keydown event,
 * then document.execCommand("insertText"), which edits the contenteditable and fires the
 * beforeinput and input events the UI handles. The browser's own input pipeline is not in it.
 */
const TYPE_KEYS = `
  const [count, gap] = arguments;
  const box = document.querySelector('[data-component="prompt-input"]');
  box.focus();
  window.__benchTyped = 0;
  let i = 0;
  const next = () => {
    if (i++ >= count) return;
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "a", code: "KeyA", bubbles: true, cancelable: true }));
    document.execCommand("insertText", false, "a");
    box.dispatchEvent(new KeyboardEvent("keyup", { key: "a", code: "KeyA", bubbles: true }));
    window.__benchTyped = i;
    setTimeout(next, gap);
  };
  next();
`;

/**
 * Waits for the page to show every token: this web UI reveals a streamed reply at a pace of its
 * own, well after the model sent it, so the wait ends only when the last token shows or none
 * new has shown for 10 s (those left are "never seen").
 */
async function untilAllShown(browser, tokens) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const max = await browser.session.execute("return window.__benchTokens.max;");
    if (max >= tokens - 1) return;
    if (max > last) {
      last = max;
      since = Date.now();
    } else if (Date.now() - since > 10_000) return;
    await sleep(200);
  }
}

/** Waits until the server has the session idle (GET /session/status lists only the busy ones). */
async function untilIdle(request, id) {
  await waitUntil(async () => {
    const status = await request("GET", "/session/status");
    return !status[id] || status[id].type === "idle";
  }, { timeout: 60_000, interval: 200, message: `session ${id} to be idle on the server` });
}

/**
 * Sends a prompt as another client of the server would (prompt_async): the web UI follows the
 * reply through its event stream, which is what token → paint measures.
 */
async function sendPrompt(request, id, text) {
  // The server's configured model (the fake one), as the UI's model picker sends: the long
  // sessions were recorded with another provider's, which a prompt would otherwise inherit.
  const { model } = await request("GET", "/config");
  const at = model.indexOf("/");
  const body = { parts: [{ type: "text", text }], model: { providerID: model.slice(0, at), modelID: model.slice(at + 1) } };
  await request("POST", `/session/${encodeURIComponent(id)}/prompt_async`, body);
}

async function typeKeys(browser, count, gap) {
  await browser.session.execute(TYPE_KEYS, [count, gap]);
  await waitUntil(async () => (await browser.session.execute("return window.__benchTyped;")) >= count, { timeout: count * gap + 10_000, interval: 100, message: "the keys to be typed" });
}

async function clearPrompt(browser) {
  await browser.session.execute(`
    const box = document.querySelector('[data-component="prompt-input"]');
    box.focus();
    document.execCommand("selectAll");
    document.execCommand("delete");`);
}

/**
 * Measures OpenCode's web UI.
 * @param {object} o
 * @param {string} o.url the server, e.g. http://127.0.0.1:4096
 * @param {string} [o.password] its OPENCODE_SERVER_PASSWORD (user "opencode")
 * @param {Record<string, string>} [o.headers] or the headers app.mjs's serverAddress() gives (its authorization is used)
 * @param {string} o.project the project's directory (the sessions' directory)
 * @param {Array<{title: string, id: string, lastId: string, count: number}>} o.sessions long sessions, smallest first
 * @param {{title: string, id: string}} [o.short] a session to switch to between opens; made if absent
 * @param {import("../e2e/fake-model.mjs").FakeModel} [o.model] the server's fake model (streaming figures need it)
 * @param {number} [o.runs] opens of each session after the first
 * @param {number} [o.tokens] @param {number} [o.rate] @param {number} [o.keys]
 * @param {(text: string) => void} [o.log]
 * @param {string} [o.screenshots] a directory for a screenshot of each step (for a person to check what was measured)
 * @param {boolean} [o.scroll] false skips the scroll through the first session (about 3 minutes)
 */
export async function measureWebUI({ url, password, headers: given = {}, project, sessions, short, model, runs = 5, tokens = 2500, rate = 500, keys = 40, log = () => {}, screenshots, scroll: scrolling = true }) {
  const authorization = password ? `Basic ${Buffer.from(`opencode:${password}`).toString("base64")}` : given.authorization;
  const headers = { "x-opencode-directory": encodeURIComponent(project), ...(authorization ? { authorization } : {}) };
  const request = client(url, headers);
  const out = { browser: undefined, sizes: sessions.map((s) => s.count), load: { start: loadavg(), end: undefined, cores: cpus().length }, memory: [], na: {} };
  const na = (figure, why) => {
    out.na[figure] = why;
    log(`n/a: ${figure}: ${why}`);
  };
  const root = await mkdtemp(join(tmpdir(), "opencode-desk-web-"));
  const profile = join(root, "profile");
  let browser;
  const shot = async (name) => {
    if (screenshots && browser) await browser.session.screenshot(join(screenshots, `web-${name}.png`)).catch(() => undefined);
  };
  // The browser is given the password on every request it makes (fetch, EventSource, assets):
  // the web UI itself has no place for it and relies on the browser's Basic auth.
  const start = async () => {
    const b = await Browser.start(profile);
    await b.cdp("Network.enable");
    if (headers.authorization) await b.cdp("Network.setExtraHTTPHeaders", { headers: { authorization: headers.authorization } });
    return b;
  };
  try {
    // The caller's entries stay as they were: what the probes need goes on copies.
    sessions = await Promise.all(sessions.map(async (entry) => ({ ...entry, partIds: await partIds(request, entry.id) })));
    if (!short) {
      if (!model) throw new Error("measureWebUI needs `short` (a session to switch to) or `model` to make one");
      model.script({ text: "A short reply, to have somewhere else to be." });
      const made = await request("POST", "/session", { title: "Bench: a short session (web)" });
      await request("POST", `/session/${made.id}/message`, { parts: [{ type: "text", text: "Hello" }] });
      short = { title: made.title ?? "Bench: a short session (web)", id: made.id };
    }
    short = { ...short, partIds: await partIds(request, short.id) };
    const main = sessions[0];

    // 0. Once, as a user's first visit: the project added to the home screen (the web UI keeps
    // its projects in the browser's storage). Then the browser is closed, so the load measured
    // next is a new browser's, with only the HTTP cache emptied.
    browser = await start();
    out.browser = `Chromium ${browser.version}`;
    await browser.session.command("POST", "/url", { url: `${url}/` });
    await addProject(browser, project);
    await goHome(browser, main.title);
    await browser.stop();
    browser = undefined;

    // 1. Cold load: a new Chromium, empty cache, `/` → the frame after the long session's row shows.
    const launchedAt = Date.now();
    browser = await start();
    await browser.cdp("Network.clearBrowserCache");
    await browser.cdp("Page.addScriptToEvaluateOnNewDocument", { source: READY_PROBE(main.title) });
    await browser.session.command("POST", "/url", { url: `${url}/` });
    const ready = await waitUntil(async () => {
      const s = await browser.session.execute("return window.__benchReady;");
      return s && s.ready >= 0 ? s : undefined;
    }, { timeout: 120_000, interval: 50, message: "the web UI's home screen to list the long session" });
    out.coldLoad = { ms: ready.ready, withBrowserStartMs: ready.epoch - launchedAt };
    log(`cold load: ${Math.round(ready.ready)} ms from navigation, ${ready.epoch - launchedAt} ms with the browser's start`);
    await shot("home");
    out.memory.push(await memory(browser, "at rest (home screen, nothing open)"));

    // 2. Opens: the first of each session right after the load, then `runs` more, each from the
    // short session (opened first, and between runs), as app.mjs does.
    out.opens = {};
    for (const entry of sessions) {
      const first = await openSession(browser, entry);
      await sleep(500);
      const later = [];
      for (let i = 0; i < runs; i++) {
        await openSession(browser, short);
        await sleep(500);
        later.push(await openSession(browser, entry));
        await sleep(500);
      }
      out.opens[entry.count] = { first, later, median: stats(later).median };
      log(`open ${entry.title}: first ${Math.round(first)} ms, then ${later.map(Math.round).join(", ")} ms`);
      await shot(`open-${entry.count}`);
    }

    // 3. The first (smallest) session open, fresh from the short one: memory, then the streamed
    // replies (before the scroll: once scrolled through, this web UI keeps every turn it loaded
    // and a reply then shows many seconds late, which would measure the scroll, not the stream).
    await openSession(browser, short);
    await sleep(500);
    await openSession(browser, main);
    await sleep(2000);
    out.memory.push(await memory(browser, `with ${main.title} open`));
    // Token → paint and key → paint, on replies the fake model streams into the open session.
    if (!model) {
      na("token → paint", "no fake model in this process to stream a reply");
      na("key → paint while streaming", "no fake model in this process to stream a reply");
    } else {
      await browser.session.execute(WATCH_TOKENS);
      const step = { chunks: tokenChunks(tokens), rate, sent: [] };
      model.script(step);
      await sendPrompt(request, main.id, "Stream numbered tokens");
      await waitUntil(() => step.sent.length === step.chunks.length, { timeout: 60_000 + (tokens / rate) * 2000, message: () => `the model to send all ${tokens} tokens (sent ${step.sent.length})` });
      await untilAllShown(browser, tokens);
      const painted = await browser.session.execute("window.__benchTokens.observer.disconnect(); return window.__benchTokens.paint;");
      const latencies = step.sent.map((sent, i) => (painted[i] === undefined ? Number.NaN : painted[i] - sent));
      out.tokens = { ...stats(latencies), missed: latencies.filter((l) => !Number.isFinite(l)).length, rate: (step.sent.length - 1) / ((step.sent.at(-1) - step.sent[0]) / 1000) };
      log(`token → paint: p50 ${Math.round(out.tokens.median)} ms, p99 ${Math.round(out.tokens.p99)} ms (${out.tokens.missed} never seen)`);
      await shot("streamed");
      await untilIdle(request, main.id);
      await sleep(1000);

      await browser.session.execute(WATCH_TOKENS);
      const step2 = { chunks: tokenChunks(tokens), rate, sent: [] };
      model.script(step2);
      await sendPrompt(request, main.id, "Stream again while I type");
      await waitUntil(async () => (await browser.session.execute("return window.__benchTokens.max;")) >= 0, { timeout: 60_000, interval: 20, message: "the second reply's first token" });
      await browser.session.execute(WATCH_KEYS);
      await typeKeys(browser, keys, 70);
      await waitUntil(() => step2.sent.length === step2.chunks.length, { timeout: 60_000 + (tokens / rate) * 2000, message: "the second reply to be sent" });
      await untilAllShown(browser, tokens);
      await untilIdle(request, main.id);
      const typed = (await browser.session.execute("window.__benchTokens.observer.disconnect(); return window.__benchKeys;")).keys;
      const during = typed.filter((k) => k.at >= step2.sent[0] && k.at <= step2.sent.at(-1));
      out.keys = { ...stats(during.map((k) => k.ms)), typed: typed.length, synthetic: true, note: `keydown + execCommand("insertText") from page script: ${INPUT_NOTE}` };
      log(`key → paint while streaming (synthetic keys): p95 ${out.keys.p95.toFixed(1)} ms (${out.keys.count} of ${typed.length} keys during the stream)`);
      await clearPrompt(browser);
      out.memory.push(await memory(browser, `after two streamed replies in ${main.title}`));
    }
    // 4. Scrolling it bottom → top, then memory again.
    if (scrolling) {
      const firstIds = await partIds(request, main.id, { first: true });
      await browser.session.execute(SCROLL_UP, [1000, 300_000, firstIds]);
      const scroll = await waitUntil(() => browser.session.execute("return window.__benchScroll;"), { timeout: 330_000, interval: 1000, message: "the scroll to the top" });
      if (scroll.error) throw new Error(`scrolling up: ${scroll.error}`);
      const fr = stats(scroll.frames);
      out.scroll = { ms: scroll.ms, frames: scroll.frames.length, median: fr.median, p95: fr.p95, worst: fr.max, reachedFirst: scroll.reachedFirst, height: scroll.height, rendered: scroll.rendered };
      log(`scroll: ${Math.round(scroll.ms)} ms, frame p95 ${fr.p95.toFixed(1)} ms, worst ${Math.round(fr.max)} ms, first message ${scroll.reachedFirst ? "reached" : "NOT reached"}`);
      await shot("scrolled");
      out.memory.push(await memory(browser, `after scrolling ${main.title} to the top`));
    } else na("scroll", "skipped (scroll: false)");

    out.load.end = loadavg();
    for (const m of out.memory) log(`memory ${m.when}: PSS ${m.pss.toFixed(0)} MB, RSS ${m.rss.toFixed(0)} MB (${m.processes} processes)`);
    return out;
  } catch (error) {
    await shot("failed");
    throw error;
  } finally {
    if (browser) await browser.stop();
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The figures as rows for the table and bench/plot.mjs ({figure, theirs, unit}, plus `key`, a
 * stable name to join our side's row on); a figure not measured has theirs NaN and `na`, why;
 * one measured differently from ours has `note`.
 */
export function webRows(out) {
  const rows = [];
  // `why` is the reason for a figure missing (na), or the caveat of one measured (note).
  const row = (key, figure, value, unit, why) => {
    const measured = Number.isFinite(value);
    rows.push({ key, figure, theirs: measured ? value : Number.NaN, unit, ...(why || !measured ? { [measured ? "note" : "na"]: why ?? "not measured" } : {}) });
  };
  row("coldLoad", "cold load → usable session list", out.coldLoad?.ms, "ms");
  for (const count of out.sizes) {
    const o = out.opens?.[count];
    const n = count.toLocaleString("en");
    row(`open.${count}.first`, `open ${n}, first`, o?.first, "ms");
    row(`open.${count}.later`, `open ${n}, later (median)`, o?.median, "ms");
  }
  row("tokens.p50", "token → paint p50", out.tokens?.median, "ms", out.na["token → paint"]);
  row("tokens.p99", "token → paint p99", out.tokens?.p99, "ms", out.na["token → paint"]);
  row("keys.p95", "key → paint p95 while streaming", out.keys?.p95, "ms", out.na["key → paint while streaming"] ?? out.keys?.note);
  row("scroll.p95", "scroll frame p95", out.scroll?.p95, "ms", out.na.scroll);
  row("scroll.worst", "scroll frame worst", out.scroll?.worst, "ms", out.na.scroll);
  const memory = (start) => out.memory.find((m) => m.when.startsWith(start))?.pss;
  row("memory.rest", "memory at rest (PSS)", memory("at rest"), "MB");
  row("memory.open", "memory, long session open (PSS)", memory("with "), "MB");
  row("memory.scrolled", "memory after scrolling it (PSS)", memory("after scrolling"), "MB", out.na.scroll);
  return rows;
}

// ---- Alone: its own world (or a running server), the figures printed as JSON.

/** As app.mjs's idTimeFor: ids just before now, after the last wrap of OpenCode's id clock. */
function idTimeFor(count) {
  const period = 2 ** 36;
  const now = Date.now();
  const start = Math.max(Math.floor(now / period) * period, now - 60_000 - count * 7);
  if (start + count * 7 > now - 1000) throw new Error("OpenCode's id clock wrapped a moment ago: run again in a few minutes");
  return start;
}

async function standalone() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const common = {
    runs: Number(option("runs", "5")),
    tokens: Number(option("tokens", "2500")),
    rate: Number(option("rate", "500")),
    keys: Number(option("keys", "40")),
    screenshots: option("screenshots"),
    scroll: !args.includes("--no-scroll"),
    log: (text) => console.error(`bench-web: ${text}`),
  };
  if (option("url")) {
    const figures = await measureWebUI({
      ...common,
      url: option("url"),
      password: option("password"),
      project: option("project"),
      sessions: JSON.parse(readFileSync(option("sessions"), "utf8")),
      short: option("short") ? JSON.parse(option("short")) : undefined,
    });
    console.log(JSON.stringify(figures, null, 2));
    return;
  }
  const { OPENCODE_BIN_DIR, World } = await import("../e2e/world.mjs");
  const { exportedSession } = await import("./session.mjs");
  const run = promisify(execFile);
  const world = await World.create("bench-web");
  let server;
  try {
    const sessions = [];
    for (const count of option("sizes", "3000,30000").split(",").map(Number).filter(Boolean)) {
      const title = `Bench: ${count.toLocaleString("en")} messages`;
      const file = join(world.root, `session-${count}.json`);
      const data = exportedSession({ count, seed: count, directory: world.project, title, idTime: idTimeFor(count) });
      await writeFile(file, JSON.stringify(data));
      await run(join(OPENCODE_BIN_DIR, "opencode"), ["import", file], { cwd: world.project, env: world.env, maxBuffer: 1 << 26 });
      sessions.push({ count, title, id: data.info.id, lastId: data.messages.at(-1).info.id });
      common.log(`imported ${title}`);
    }
    // On the world's own data (where the sessions were imported), with a password as the app's has.
    const port = await freePort();
    const child = spawn(join(OPENCODE_BIN_DIR, "opencode"), ["serve", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: world.project,
      env: { ...world.env, OPENCODE_SERVER_PASSWORD: "bench-web" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    process.once("exit", () => child.kill("SIGKILL"));
    let said = "";
    child.stdout.on("data", (d) => (said += d));
    await waitUntil(() => said.includes("listening on"), { timeout: 30_000, message: "opencode serve to listen" });
    const figures = await measureWebUI({ ...common, url: `http://127.0.0.1:${port}`, password: "bench-web", project: world.project, sessions, model: world.model });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    server?.kill("SIGTERM");
    await world.dispose().catch((error) => console.error(`bench-web: while cleaning up: ${error.message}`));
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  standalone().catch((error) => {
    console.error(`bench-web: FAILED: ${error.stack ?? error}`);
    process.exitCode = 1;
  });
}
