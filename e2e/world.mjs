// A throwaway world per test: HOME and XDG dirs in a temp dir, a small git project, the scripted
// fake model (fake-model.mjs) as OpenCode's provider, and the built app started through
// tauri-driver with that environment. On failure, what a person needs to see why goes to
// e2e/artifacts/: a screenshot of the window and of the whole screen, the app's log, the
// server's log, and the requests the model saw. Past 500 lines, still one job: the world a test
// runs in (its processes, servers, fault proxy and app), and nothing about what a test checks.
import { execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CHAT_MODEL, FakeModel } from "./fake-model.mjs";
import { Session, waitUntil } from "./webdriver.mjs";

const run = promisify(execFile);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const APP_BINARY = process.env.E2E_APP ?? join(ROOT, "target/debug/opencode-desk");
export const OPENCODE_BIN_DIR = join(ROOT, "node_modules/opencode-linux-x64/bin");
/** testkit's fault-injecting proxy (scripts/e2e.sh builds it: cargo build -p testkit --bin fault-proxy). */
export const FAULT_PROXY = process.env.E2E_FAULT_PROXY ?? join(ROOT, "target/debug/fault-proxy");
/** A tauri-driver already running to use (e.g. one started by hand); by default each test starts its own. */
export const DRIVER_URL = process.env.TAURI_DRIVER_URL;
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? join(ROOT, "e2e/artifacts");
/** The app's identifier (tauri.conf.json): its config directory's name. */
const IDENTIFIER = "io.github.opencode-desk";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The OpenCode config every server in a world gets: the fake model as the only provider (so the
 * composer's model picker offers it and nothing that needs the internet), bash asks permission.
 */
function openCodeConfig(model) {
  return {
    provider: {
      fake: {
        npm: "@ai-sdk/openai-compatible",
        name: "E2E provider",
        options: { baseURL: model.baseUrl, apiKey: "x" },
        models: { [CHAT_MODEL]: { name: "E2E model", tool_call: true } },
      },
    },
    enabled_providers: ["fake"],
    model: `fake/${CHAT_MODEL}`,
    small_model: `fake/${CHAT_MODEL}`,
    autoupdate: false,
    share: "disabled",
    permission: { bash: "ask" },
  };
}

/**
 * Everything a world spawned outside the app (tauri-driver groups, outside servers), so that a
 * test process that ends early (a timeout, --test-force-exit, a signal) still takes them down
 * with it. A test process killed outright cannot: scripts/e2e.sh then ends what carries its
 * run's marker.
 */
const spawned = new Map();
/** Worlds not yet disposed: their temp dirs go too. */
const roots = new Set();
/** What else must end with this process (e.g. a tmux server: e2e/tmux.mjs), run synchronously. */
const atExit = new Set();
/** Runs `end` (synchronous) if this process exits before `forget()`, the function returned, is called. */
export function endAtExit(end) {
  atExit.add(end);
  return () => atExit.delete(end);
}
process.on("exit", () => {
  for (const end of atExit) {
    try {
      end();
    } catch {
      // Ending what is left is best effort here.
    }
  }
  for (const [pid, group] of spawned) {
    try {
      process.kill(group ? -pid : pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  if (!process.env.E2E_KEEP) for (const root of roots) rmSync(root, { recursive: true, force: true });
});
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.once(signal, () => process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15)));
}
const track = (child, group = false) => {
  spawned.set(child.pid, group);
  child.once("exit", () => spawned.delete(child.pid));
};

/** Single-quotes a string for sh. */
const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

export class World {
  /** Processes started outside the app (e.g. an `opencode serve` to attach to). */
  #outside = [];
  /** Fault proxies this world started (startFaultProxy). */
  #proxies = [];
  /** Apps of this world that were quit or killed before the current one started. */
  #retired = [];
  /** Variables the launcher gives the app on top of the world's (setAppEnv). */
  #appEnv = {};
  /** What dispose ends besides the world's own (onDispose), last added first. */
  #disposers = [];
  /** What saveArtifacts saves besides the world's own (onArtifacts). */
  #savers = [];
  /** This test's tauri-driver (and the WebKitWebDriver it runs), in a process group of their own. */
  #driver;
  #started = Date.now();
  /** @type {App | undefined} */
  app;

  constructor(name, root, model) {
    this.name = name;
    this.root = root;
    this.home = join(root, "home");
    this.project = join(root, "project");
    this.model = model;
    this.launcher = join(root, "launch.sh");
    this.appLog = join(root, "app.log");
    this.pidFile = join(root, "app.pid");
    this.driverLog = join(root, "tauri-driver.log");
  }

  /** Prints a timestamped note in the test's output (how long each step of a slow test took). */
  note(text) {
    console.log(`  [${this.name} +${((Date.now() - this.#started) / 1000).toFixed(1)} s] ${text}`);
  }

  static async create(name) {
    const root = await mkdtemp(join(tmpdir(), "opencode-desk-e2e-"));
    roots.add(root);
    const model = await FakeModel.start();
    const world = new World(name, root, model);
    await world.#makeProject();
    await world.#writeLauncher();
    return world;
  }

  /** The app's config directory (settings.json lives there). */
  get configDir() {
    return join(this.home, ".config", IDENTIFIER);
  }

  /**
   * The environment of everything started in this world: the caller's, minus any OPENCODE_* and
   * GIT_* that would leak in, plus the isolated dirs, OpenCode on PATH, and the fake model.
   */
  get env() {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith("OPENCODE_") && !key.startsWith("GIT_")) env[key] = value;
    }
    const home = this.home;
    return Object.assign(env, {
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local/share"),
      XDG_CACHE_HOME: join(home, ".cache"),
      XDG_STATE_HOME: join(home, ".local/state"),
      XDG_CONFIG_DIRS: join(this.root, "etc-xdg"),
      TMPDIR: join(this.root, "tmp"),
      PATH: `${OPENCODE_BIN_DIR}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      // As scripts/screenshots.sh does: the whole config in one variable, so every server this
      // world starts (the app's or one started outside it) uses the fake model.
      OPENCODE_CONFIG_CONTENT: JSON.stringify(openCodeConfig(this.model)),
      // Read instead of /etc/opencode, so a machine-wide config cannot leak in.
      OPENCODE_TEST_MANAGED_CONFIG_DIR: join(this.root, "etc-opencode"),
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
      OPENCODE_DISABLE_DEFAULT_PLUGINS: "1",
      OPENCODE_DISABLE_CLAUDE_CODE: "1",
      GIT_CONFIG_NOSYSTEM: "1",
      NO_PROXY: "127.0.0.1,localhost",
      no_proxy: "127.0.0.1,localhost",
      RUST_LOG: process.env.E2E_RUST_LOG ?? "warn,opencode_desk_lib=debug,opencode_supervisor=debug",
    });
  }

  async #makeProject() {
    for (const dir of [this.home, join(this.root, "tmp"), join(this.root, "etc-xdg"), join(this.root, "etc-opencode")]) {
      await mkdir(dir, { recursive: true });
    }
    await this.makeProject(this.project);
  }

  /** A small git project (a README, src/main.rs, one commit) in `dir`; returns `dir`. */
  async makeProject(dir) {
    await mkdir(join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "README.md"), "# E2E project\n\nA small project for the end-to-end tests.\n");
    await writeFile(join(dir, "src/main.rs"), 'fn main() {\n    println!("hello from the e2e project");\n}\n');
    const git = (...args) => run("git", args, { cwd: dir, env: this.env });
    await git("init", "--quiet", "--initial-branch=main");
    await git("add", "--all");
    await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.invalid", "-c", "commit.gpgsign=false", "commit", "--quiet", "--message", "Initial commit");
    return dir;
  }

  /**
   * tauri-driver starts the app with its own environment; this script gives it the world's
   * (every variable set explicitly), records its pid, keeps its log, and execs the real binary.
   */
  async #writeLauncher() {
    const env = this.env;
    const lines = ["#!/bin/sh", "# Written by e2e/world.mjs: starts the app in this test's world."];
    for (const key of Object.keys(process.env)) {
      if (key.startsWith("OPENCODE_") || key.startsWith("GIT_")) lines.push(`unset ${key}`);
    }
    for (const key of WORLD_KEYS) lines.push(`export ${key}=${shq(env[key])}`);
    for (const [key, value] of Object.entries(this.#appEnv)) lines.push(`export ${key}=${shq(value)}`);
    lines.push(`echo $$ > ${shq(this.pidFile)}`);
    lines.push(`exec ${shq(APP_BINARY)} "$@" >>${shq(this.appLog)} 2>&1`);
    await writeFile(this.launcher, `${lines.join("\n")}\n`, { mode: 0o755 });
  }

  /**
   * Gives the app these environment variables too (e.g. TERMINAL), from its next start on.
   */
  async setAppEnv(vars) {
    Object.assign(this.#appEnv, vars);
    await this.#writeLauncher();
  }

  /** Runs `end` (async) when the world is disposed, before its app and servers are ended. */
  onDispose(end) {
    this.#disposers.unshift(end);
  }

  /**
   * Runs `save(base, attempt)` when the world saves artifacts: `base` is the path prefix of this
   * test's files in ARTIFACTS, `attempt(file, action)` saves one file and lists it.
   */
  onArtifacts(save) {
    this.#savers.push(save);
  }

  /** Writes the app's settings.json before it starts (a fresh world has none). */
  async writeSettings(settings) {
    await mkdir(this.configDir, { recursive: true });
    await writeFile(join(this.configDir, "settings.json"), JSON.stringify(settings, null, 2));
  }

  /**
   * Starts a tauri-driver for this test alone, on free ports: a driver that hangs or keeps a
   * session (WebKitWebDriver allows one) then fails this test only, not every test after it.
   */
  async #startDriver() {
    if (DRIVER_URL) return DRIVER_URL;
    for (const tool of ["tauri-driver", "WebKitWebDriver"]) {
      if (!(await run("sh", ["-c", `command -v ${tool}`]).then(() => true, () => false))) {
        throw new Error(`${tool} is missing: run bash scripts/setup.sh (and the suite with bash scripts/e2e.sh)`);
      }
    }
    const [port, nativePort] = [await freePort(), await freePort()];
    const log = await open(this.driverLog, "a");
    const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
      detached: true,
      stdio: ["ignore", log.fd, log.fd],
    });
    await log.close();
    track(child, true);
    this.#driver = child;
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`tauri-driver exited: ${await readFile(this.driverLog, "utf8")}`);
      return fetch(`${url}/status`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
    }, { timeout: 10_000, message: `tauri-driver to listen on ${url}` });
    return url;
  }

  async #stopDriver() {
    const child = this.#driver;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // The whole group: tauri-driver does not always take WebKitWebDriver down with it.
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // Already gone.
      }
    };
    signal("SIGTERM");
    const gone = await waitUntil(() => child.exitCode !== null || child.signalCode !== null, { timeout: 5000 }).catch(() => false);
    if (!gone) signal("SIGKILL");
    await sleep(100);
    signal("SIGKILL");
  }

  /**
   * Starts the app on this world's project (or `args`) and waits for its window. Called again
   * once the app has exited (quit or killed), it starts a new one in the same HOME: the old one's
   * WebDriver session and driver end first, and none of its servers may be left.
   */
  async startApp({ args = [this.project] } = {}) {
    if (!existsSync(APP_BINARY)) {
      throw new Error(`${APP_BINARY} is missing: build it with bash scripts/tauri.sh build --debug --no-bundle (scripts/e2e.sh does)`);
    }
    if (this.app) {
      const old = this.app;
      if (old.running) throw new Error(`the app (pid ${old.pid}) still runs: quit it before starting another`);
      this.app = undefined;
      this.#retired.push(old);
      await old.close();
      await this.#stopDriver();
      this.#driver = undefined;
    }
    await rm(this.pidFile, { force: true });
    const driver = await this.#startDriver();
    const session = await Session.start(driver, { application: this.launcher, args });
    const pid = Number(await waitUntil(async () => (await readFile(this.pidFile, "utf8")).trim(), {
      timeout: 5000,
      message: `the launcher to write ${this.pidFile}`,
    }));
    // The app's parent is WebKitWebDriver: if this process dies first, take the app down too
    // (its servers follow it, by their parent-death signal).
    spawned.set(pid, false);
    this.app = new App(this, session, pid);
    return this.app;
  }

  /**
   * Starts `opencode serve` outside the app, in this world, on a free loopback port. With a
   * `password` it is secured (OPENCODE_SERVER_PASSWORD). Resolves once it is listening.
   */
  async startOutsideServer({ password } = {}) {
    const port = await freePort();
    const env = this.env;
    if (password) env.OPENCODE_SERVER_PASSWORD = password;
    // Its own HOME and data: what it serves (sessions) is its own, not shared through the disk
    // with a server the app starts, as with a server of another user or machine.
    const home = join(this.root, `outside-home-${this.#outside.length}`);
    await mkdir(home, { recursive: true });
    Object.assign(env, {
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_DATA_HOME: join(home, ".local/share"),
      XDG_CACHE_HOME: join(home, ".cache"),
      XDG_STATE_HOME: join(home, ".local/state"),
    });
    const log = [];
    const child = spawn(join(OPENCODE_BIN_DIR, "opencode"), ["serve", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: this.project,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    track(child);
    const server = { child, port, url: `http://127.0.0.1:${port}`, password, log };
    this.#outside.push(server);
    child.stdout.on("data", (d) => log.push(String(d)));
    child.stderr.on("data", (d) => log.push(String(d)));
    await waitUntil(() => log.join("").includes("listening on") || child.exitCode !== null, {
      timeout: 30_000,
      message: () => `opencode serve on port ${port} to listen (output: ${log.join("").slice(-500)})`,
    });
    if (child.exitCode !== null) throw new Error(`opencode serve exited with ${child.exitCode}: ${log.join("")}`);
    const listening = /listening on (http:\/\/\S+)/.exec(log.join(""));
    if (listening?.[1] && !listening[1].endsWith(`:${port}`)) {
      throw new Error(`opencode serve was asked for port ${port} but says: ${listening[0]}`);
    }
    return server;
  }

  /**
   * Starts testkit's fault proxy (FAULT_PROXY) in front of `upstream` (a server's URL), on a
   * free loopback port below the kernel's ephemeral range: the app's discovery probes the ports
   * it knows in ascending order and uses the first that answers, so listed in the settings'
   * extra_ports the proxy wins over the real server's own (ephemeral) port, which discovery
   * also finds in /proc. Resolves once it listens; see FaultProxy for its controls.
   */
  async startFaultProxy(upstream) {
    if (!existsSync(FAULT_PROXY)) {
      throw new Error(`${FAULT_PROXY} is missing: build it with cargo build -p testkit --bin fault-proxy (scripts/e2e.sh does)`);
    }
    const port = await freePort({ below: 32_768 });
    const log = [];
    // Its standard input stays open: the proxy exits when it closes, so it cannot outlive us.
    const child = spawn(FAULT_PROXY, ["--upstream", upstream, "--port", String(port)], { stdio: ["pipe", "pipe", "pipe"] });
    track(child);
    child.stdout.on("data", (d) => log.push(String(d)));
    child.stderr.on("data", (d) => log.push(String(d)));
    const proxy = new FaultProxy(child, port, log);
    this.#proxies.push(proxy);
    await waitUntil(() => log.join("").includes("fault-proxy listening on") || child.exitCode !== null, {
      timeout: 10_000,
      message: () => `the fault proxy to listen on port ${port} (output: ${log.join("").slice(-500)})`,
    });
    if (child.exitCode !== null) throw new Error(`the fault proxy exited with ${child.exitCode}: ${log.join("")}`);
    return proxy;
  }

  /** A request to a server started outside the app, for this world's project (or `directory`). */
  async outsideRequest(server, method, path, body, { directory = this.project } = {}) {
    const headers = { "x-opencode-directory": encodeURIComponent(directory) };
    if (server.password) headers.authorization = `Basic ${Buffer.from(`opencode:${server.password}`).toString("base64")}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} on ${server.url}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** Saves what explains a failure to e2e/artifacts/<test name>.* */
  async saveArtifacts() {
    const base = join(ARTIFACTS, this.name);
    await mkdir(ARTIFACTS, { recursive: true });
    const saved = [];
    const attempt = async (file, action) => {
      try {
        await action();
        saved.push(file.split("/").pop());
      } catch {
        // The app may be gone already; save what can be saved.
      }
    };
    await attempt(`${base}.png`, () => this.app.session.screenshot(`${base}.png`));
    if (process.env.DISPLAY) {
      await attempt(`${base}-screen.png`, () => run("import", ["-window", "root", `${base}-screen.png`], { timeout: 10_000 }));
    }
    await attempt(`${base}.app.log`, () => copyFile(this.appLog, `${base}.app.log`));
    await attempt(`${base}.tauri-driver.log`, () => copyFile(this.driverLog, `${base}.tauri-driver.log`));
    const logs = await findFiles(this.home, (name) => name.endsWith(".log"));
    for (const [i, file] of logs.entries()) {
      const copy = `${base}.${i}.${file.split("/").pop()}`;
      await attempt(copy, () => copyFile(file, copy));
    }
    await attempt(`${base}.model.json`, () =>
      writeFile(`${base}.model.json`, JSON.stringify({ requests: this.model.requests, remaining: this.model.remaining }, null, 2)),
    );
    for (const [i, server] of this.#outside.entries()) {
      await attempt(`${base}.outside-${i}.log`, () => writeFile(`${base}.outside-${i}.log`, server.log.join("")));
    }
    for (const [i, proxy] of this.#proxies.entries()) {
      await attempt(`${base}.fault-proxy-${i}.log`, () => writeFile(`${base}.fault-proxy-${i}.log`, proxy.log.join("")));
    }
    for (const save of this.#savers) await save(base, attempt).catch(() => {});
    return saved;
  }

  /** Ends the app (if still running) and everything else this world started, then deletes it. */
  async dispose() {
    const problems = [];
    for (const end of this.#disposers) {
      try {
        await end();
      } catch (error) {
        problems.push(error);
      }
    }
    for (const old of this.#retired) {
      if (old.leftovers().length) problems.push(new Error(`an earlier app (pid ${old.pid}) left servers running: ${old.leftovers().join(", ")}`));
      for (const pid of old.leftovers()) process.kill(pid, "SIGKILL");
    }
    if (this.app) {
      try {
        await this.app.close();
      } catch (error) {
        problems.push(error);
      }
    }
    // A panic in a background task leaves the app running and the test passing: never silently.
    const log = await readFile(this.appLog, "utf8").catch(() => "");
    const panic = log.split("\n").find((line) => line.includes("panicked"));
    if (panic) problems.push(new Error(`the app panicked: ${panic.trim()}`));
    await this.#stopDriver();
    for (const proxy of this.#proxies) await proxy.stop();
    for (const server of this.#outside) {
      if (server.child.exitCode === null) {
        server.child.kill("SIGTERM");
        await waitUntil(() => server.child.exitCode !== null || server.child.signalCode !== null, { timeout: 5000 }).catch(() => {
          server.child.kill("SIGKILL");
        });
      }
    }
    await this.model.stop();
    if (problems.length) {
      // A test that passed but did not clean up (e.g. a server left running) explains itself too.
      const saved = await this.saveArtifacts().catch(() => []);
      problems[0].message += `\n  artifacts in ${ARTIFACTS}: ${saved.join(", ") || "none could be saved"}`;
    }
    if (!process.env.E2E_KEEP) await rm(this.root, { recursive: true, force: true }).catch(() => {});
    roots.delete(this.root);
    if (problems.length) throw problems[0];
  }
}

/** Variables the launcher sets (everything the world decides; the rest is inherited). */
const WORLD_KEYS = [
  "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_DIRS",
  "TMPDIR", "PATH", "OPENCODE_CONFIG_CONTENT", "OPENCODE_TEST_MANAGED_CONFIG_DIR",
  "OPENCODE_DISABLE_AUTOUPDATE", "OPENCODE_DISABLE_MODELS_FETCH", "OPENCODE_DISABLE_LSP_DOWNLOAD",
  "OPENCODE_DISABLE_DEFAULT_PLUGINS", "OPENCODE_DISABLE_CLAUDE_CODE", "GIT_CONFIG_NOSYSTEM",
  "NO_PROXY", "no_proxy", "RUST_LOG",
];

/**
 * A running fault-proxy (crates/testkit/src/fault_proxy.rs): it relays every request to one
 * server and breaks its event streams on command, over HTTP on its own port (/__fault/...).
 * Every command answers with the counters: { requests, eventRequests, eventStreamsOpen, refused }.
 */
export class FaultProxy {
  constructor(child, port, log) {
    this.child = child;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.log = log;
  }

  /** Sends `/__fault/<command>?<query>`; resolves to the counters. */
  async control(command, query = {}) {
    const search = new URLSearchParams(query).toString();
    const response = await fetch(`${this.url}/__fault/${command}${search ? `?${search}` : ""}`, {
      method: command === "stats" ? "GET" : "POST",
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`fault proxy ${command}: HTTP ${response.status} ${text}`);
    return JSON.parse(text);
  }

  stats() {
    return this.control("stats");
  }

  /** Cuts the open event streams and resets new requests (`scope` events or all) for `ms`. */
  outage(ms, scope = "events") {
    return this.control("outage", { ms: String(ms), scope });
  }

  /** Forwards nothing more on event streams (heartbeats included) until clear(). */
  stall() {
    return this.control("stall");
  }

  /** Each new event stream: 200, the server's server.connected, then the end; until clear(). */
  acceptThenClose() {
    return this.control("accept-then-close", { connected: "1" });
  }

  /** Cuts every open event stream now. */
  cut() {
    return this.control("cut");
  }

  /** No faults from now on (the counters stay). */
  clear() {
    return this.control("clear");
  }

  async stop() {
    const child = this.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    await waitUntil(() => child.exitCode !== null || child.signalCode !== null, { timeout: 5000 }).catch(() => {
      child.kill("SIGKILL");
    });
  }
}

/** The running app: its WebDriver session, its pid, and the OpenCode servers it started. */
export class App {
  /** Every server pid the app was seen running: none may outlive it. */
  seen = new Set();

  constructor(world, session, pid) {
    this.world = world;
    this.session = session;
    this.pid = pid;
  }

  get running() {
    return isAlive(this.pid);
  }

  /** Pids of the `opencode` processes the app started (its children named opencode). */
  async servers() {
    // The app starts each server under a guard, the small program built beside it (its process
    // name cut to 15 characters), so a server is its grandchild; an attached one would not be
    // below it at all. Only that name: a server under the app re-run as its guard (the fallback
    // where the program is missing) is not found, so the tests see that the program is used.
    const guards = await childrenNamed(this.pid, "opencode-desk-g");
    const pids = (await Promise.all([this.pid, ...guards].map((p) => childrenNamed(p, "opencode")))).flat();
    for (const pid of pids) this.seen.add(pid);
    return pids;
  }

  /**
   * Calls the API of the server the app started, to check what the app did through it. The
   * password is the one the app gave its server (read from the server's environment, as root
   * or the same user may); the port is the one its process listens on.
   */
  async serverRequest(method, path, body) {
    const pid = await this.ownServer();
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    const key = "OPENCODE_SERVER_PASSWORD=";
    const password = environ.find((v) => v.startsWith(key))?.slice(key.length);
    const [port] = listeningPorts(pid);
    if (!port) throw new Error(`the app's server ${pid} listens on no TCP port`);
    return this.world.outsideRequest({ url: `http://127.0.0.1:${port}`, password }, method, path, body);
  }

  /** The servers it was seen running that still run (e.g. after it quit). */
  leftovers() {
    return [...this.seen].filter(isAlive);
  }

  /** Waits until no server the app was seen running is left, and fails naming any that is. */
  async waitNoLeftovers({ timeout = 15_000 } = {}) {
    await waitUntil(() => this.leftovers().length === 0, {
      timeout,
      message: () => `the app's OpenCode servers to stop (still running: ${this.leftovers().join(", ")})`,
    });
  }

  /** Waits until the app runs exactly one server of its own, and returns its pid. */
  async ownServer({ timeout = 30_000, not } = {}) {
    return waitUntil(async () => {
      const pids = await this.servers();
      return pids.length === 1 && pids[0] !== not ? pids[0] : undefined;
    }, { timeout, message: async () => `the app to run one OpenCode server of its own${not ? ` other than ${not}` : ""} (it has: ${JSON.stringify(await this.servers())})` });
  }

  /** Waits for the app's process to end by itself. */
  waitForExit({ timeout = 20_000 } = {}) {
    return waitUntil(() => !this.running, { timeout, message: `the app (pid ${this.pid}) to exit` });
  }

  /**
   * Quits the way a user does: the tray icon's menu (a tray host, trayer, runs in scripts/e2e.sh),
   * its last item "Quit (stops the servers it started)".
   */
  async quitFromTray() {
    for (let attempt = 0; attempt < 3 && this.running; attempt += 1) {
      await this.trayMenu(["Up", "Return"]);
      await waitUntil(() => !this.running, { timeout: 10_000 }).catch(() => {});
    }
    await this.waitForExit({ timeout: 1000 });
  }

  /** Opens the tray icon's menu (right click) and presses `keys` in it, as xdotool key names. */
  async trayMenu(keys) {
    const geometry = await waitUntil(async () => {
      const { stdout } = await run("xdotool", ["search", "--name", "^panel$", "getwindowgeometry", "--shell"]).catch(() => ({ stdout: "" }));
      return /WIDTH=\d+/.test(stdout) ? stdout : undefined;
    }, { timeout: 5000, message: "the tray host (trayer's window named panel): scripts/e2e.sh starts it" });
    const value = (key) => Number(new RegExp(`${key}=(\\d+)`).exec(geometry)[1]);
    // The app's icon is the only one in the tray, at its right end.
    const x = value("X") + value("WIDTH") - 16;
    const y = value("Y") + Math.floor(value("HEIGHT") / 2);
    await run("xdotool", ["mousemove", String(x), String(y), "click", "3"]);
    await sleep(1000);
    for (const key of keys) {
      await run("xdotool", ["key", key]);
      await sleep(200);
    }
  }

  /** Ends the WebDriver session (the driver closes the app) and makes sure the app is gone. */
  async close() {
    if (this.running) await this.servers().catch(() => {});
    await this.session.end().catch(() => {});
    if (!(await waitUntil(() => !this.running, { timeout: 10_000 }).catch(() => false))) {
      process.kill(this.pid, "SIGKILL");
      await this.waitForExit({ timeout: 5000 });
      spawned.delete(this.pid);
      throw new Error(`the app (pid ${this.pid}) did not exit when its WebDriver session ended; killed it`);
    }
    spawned.delete(this.pid);
    try {
      await this.waitNoLeftovers();
    } catch (error) {
      for (const pid of this.leftovers()) process.kill(pid, "SIGKILL");
      throw error;
    }
  }
}

/**
 * Declares a test that runs in a fresh world. On failure it saves artifacts (see
 * World.saveArtifacts) before the world is disposed; a test slower than `timeout` fails with
 * artifacts too.
 */
export function appTest(name, body, { timeout = 120_000 } = {}) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  test(name, { timeout: timeout + 60_000 }, async () => {
    const started = Date.now();
    const world = await World.create(slug);
    let failure;
    let timer;
    try {
      const timedOut = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the test took more than ${timeout} ms`)), timeout);
      });
      await Promise.race([body(world), timedOut]);
    } catch (error) {
      failure = error;
      const saved = await world.saveArtifacts();
      error.message += `\n  failed ${((Date.now() - started) / 1000).toFixed(1)} s in; artifacts in ${ARTIFACTS}: ${saved.join(", ") || "none could be saved"}`;
    } finally {
      clearTimeout(timer);
    }
    try {
      // Also a check of its own: the app exits with its session and leaves no server behind.
      await world.dispose();
    } catch (error) {
      if (failure) failure.message += `\n  and while cleaning up: ${error.message}`;
      else failure = error;
    }
    if (failure) throw failure;
  });
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers kill(0): it has exited.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Pids of the processes whose parent is `parent` and whose name is `name` (as pgrep -x reads it). */
export async function childrenNamed(parent, name) {
  try {
    const { stdout } = await run("pgrep", ["-x", name, "-P", String(parent)]);
    return stdout.split(/\s+/).filter(Boolean).map(Number);
  } catch (error) {
    if (error.code === 1) return [];
    throw error;
  }
}

/** The TCP ports process `pid` listens on (its socket inodes matched in /proc/net/tcp). */
export function listeningPorts(pid) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const socket = /^socket:\[(\d+)\]$/.exec(target);
      if (socket) inodes.add(socket[1]);
    } catch {
      // The fd closed meanwhile.
    }
  }
  const ports = [];
  for (const table of [`/proc/${pid}/net/tcp`, `/proc/${pid}/net/tcp6`]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT, st 0A is LISTEN, the inode is the tenth field.
      if (fields[3] === "0A" && inodes.has(fields[9])) ports.push(parseInt(fields[1].split(":")[1], 16));
    }
  }
  return ports;
}

/** Pids of all processes in process group `pgid`. */
export async function processGroup(pgid) {
  try {
    const { stdout } = await run("pgrep", ["-g", String(pgid)]);
    return stdout.split(/\s+/).filter(Boolean).map(Number);
  } catch (error) {
    if (error.code === 1) return [];
    throw error;
  }
}

/** The command line of process `pid` as its words ([] once it is gone). */
export function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return [];
  }
}

/** Pids of the live processes whose command line (its words) satisfies `wanted`. */
export function processesWhere(wanted) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const words = commandLine(pid);
    if (words.length && wanted(words) && isAlive(pid)) found.push(pid);
  }
  return found;
}

/** Process `pid` and every live descendant of it (by their parent pids in /proc). */
export function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const tree = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift();
    if (isAlive(next)) tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** The working directory of a process. */
export function cwdOf(pid) {
  return readlink(`/proc/${pid}/cwd`);
}

/** A free loopback port: any (the kernel's pick), or one in [20000, `below`). */
export async function freePort({ below } = {}) {
  for (let tries = 0; ; tries += 1) {
    const wanted = below ? 20_000 + Math.floor(Math.random() * (below - 20_000)) : 0;
    const server = createServer();
    const ok = await new Promise((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(wanted, "127.0.0.1", () => resolve(true));
    });
    if (!ok) {
      if (tries > 50) throw new Error(`no free port below ${below}`);
      continue;
    }
    const { port } = server.address();
    await new Promise((r) => server.close(r));
    return port;
  }
}

async function findFiles(dir, wanted, depth = 6) {
  const found = [];
  if (depth < 0) return found;
  let entries = [];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findFiles(path, wanted, depth - 1)));
    else if (entry.isFile() && wanted(entry.name) && (await stat(path)).size > 0) found.push(path);
  }
  return found;
}
