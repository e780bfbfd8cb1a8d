// Real terminal OpenCodes (TUIs) for the end-to-end tests: each runs in a tmux session of a
// tmux server private to the world (its socket in the world's dir), with the world's environment
// (so it uses the fake model and shares the session store with the app's server). A test reads a
// TUI's screen as text (tmux capture-pane) and waits for what it expects on it. Disposing the
// world ends the tmux server and every TUI in it (a failed test first saves their screens);
// this process exiting early ends the server too.
import { execFile, execFileSync } from "node:child_process";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { waitUntil } from "./webdriver.mjs";
import { endAtExit, isAlive, OPENCODE_BIN_DIR } from "./world.mjs";

const run = promisify(execFile);

export const OPENCODE = join(OPENCODE_BIN_DIR, "opencode");

/** Single-quotes a string for sh. */
const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;

export class Tmux {
  /** Pane pids of the sessions started here, by session name. */
  #panes = new Map();
  #forget = () => {};

  constructor(world) {
    this.world = world;
    this.socket = join(world.root, "tmux.sock");
  }

  /** A tmux for `world`: ended (with everything in it) when the world is disposed. */
  static async start(world) {
    await run("tmux", ["-V"]).catch(() => {
      throw new Error("tmux is missing: run bash scripts/setup.sh");
    });
    const tmux = new Tmux(world);
    world.onArtifacts(async (base, attempt) => {
      for (const name of await tmux.sessions()) {
        const file = `${base}.tmux-${name}.txt`;
        await attempt(file, async () => writeFile(file, await tmux.screen(name)));
      }
    });
    world.onDispose(() => tmux.stop());
    tmux.#forget = endAtExit(() => {
      execFileSync("tmux", ["-S", tmux.socket, "kill-server"], { stdio: "ignore", timeout: 5000 });
    });
    return tmux;
  }

  /** The world's environment, outside any tmux the tests themselves may run in. */
  get env() {
    const env = this.world.env;
    delete env.TMUX;
    delete env.TMUX_PANE;
    return env;
  }

  /** Runs `tmux <args>` on the private socket (no user config); resolves to its output. */
  async tmux(...args) {
    const { stdout } = await run("tmux", ["-S", this.socket, "-f", "/dev/null", ...args], { env: this.env, timeout: 10_000 });
    return stdout;
  }

  /** The names of the sessions running now. */
  async sessions() {
    try {
      return (await this.tmux("list-sessions", "-F", "#{session_name}")).split("\n").filter(Boolean);
    } catch {
      return []; // No server: no sessions.
    }
  }

  async has(name) {
    return (await this.sessions()).includes(name);
  }

  /**
   * Starts session `name` (160×45) running `argv` directly (no shell), in `cwd`, with `env` on
   * top of the world's; resolves to the pid of the program it runs.
   */
  async newSession(name, argv, { env = {}, cwd = this.world.project } = {}) {
    const vars = Object.entries(env).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
    await this.tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "45", "-c", cwd, ...vars, "--", ...argv);
    return this.panePid(name);
  }

  /** The pid of what session `name` runs (its one pane's program). */
  async panePid(name) {
    const pid = Number((await this.tmux("list-panes", "-t", `=${name}:`, "-F", "#{pane_pid}")).trim().split("\n")[0]);
    if (!pid) throw new Error(`tmux session ${name} has no pane`);
    this.#panes.set(name, pid);
    return pid;
  }

  /**
   * Starts a real terminal OpenCode, `opencode --port <port> <project>`, in session `name`, and
   * waits until it has drawn its first screen and its server answers. Returns { name, pid, port, url }.
   */
  async startTui(name, { port, env = {}, project = this.world.project, timeout = 45_000 } = {}) {
    const pid = await this.newSession(name, [OPENCODE, "--port", String(port), project], { env, cwd: project });
    this.world.note(`started a terminal OpenCode in tmux session ${name} (pid ${pid}, port ${port})`);
    const url = `http://127.0.0.1:${port}`;
    await Promise.all([
      this.waitForScreen(name, "Ask anything", { timeout }),
      // Any answer (a 401 too, when it has a password) says its server listens.
      waitUntil(() => fetch(`${url}/global/health`, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false), {
        timeout,
        message: `the terminal OpenCode of tmux session ${name} to listen on ${url}`,
      }),
    ]);
    this.world.note(`the terminal OpenCode in ${name} is drawn and listens`);
    return { name, pid, port, url };
  }

  /** What session `name` shows now, as text (one line per row). */
  screen(name) {
    return this.tmux("capture-pane", "-p", "-t", `=${name}:`);
  }

  /**
   * Waits until session `name`'s screen satisfies `test` (a string it contains, a RegExp, or a
   * function of the text); resolves to the screen. Fails with the last screen seen.
   */
  async waitForScreen(name, test, { timeout = 20_000, interval = 150, what } = {}) {
    const matches = typeof test === "string" ? (t) => t.includes(test) : test instanceof RegExp ? (t) => test.test(t) : test;
    let seen = "(nothing read yet)";
    return waitUntil(async () => {
      seen = await this.screen(name);
      return matches(seen) ? seen : undefined;
    }, {
      timeout,
      interval,
      message: () => `${what ?? `tmux session ${name} to show ${test}`}; its screen:\n${seen.replace(/\s+$/gm, "").replace(/\n{3,}/g, "\n\n")}`,
    });
  }

  /** Ends session `name` (its program gets a hangup) and waits until that program is gone. */
  async killSession(name) {
    const pid = this.#panes.get(name) ?? (await this.panePid(name));
    await this.tmux("kill-session", "-t", `=${name}`);
    await this.#waitGone([pid], `the program of tmux session ${name} (pid ${pid}) to end`);
  }

  /**
   * Writes an executable that the app can use as $TERMINAL: it drops the leading `-e` (how the app
   * hands a command to an unknown emulator) and runs the rest in a new session `name` of this
   * tmux, with the password and user name the app passes by environment. Returns its path.
   */
  async writeTerminalScript(name) {
    const path = join(this.world.root, "terminal.sh");
    const args = join(this.world.root, `${name}.args`);
    this.world.onArtifacts(async (base, attempt) => {
      const file = `${base}.tmux-${name}.args`;
      await attempt(file, () => copyFile(args, file));
    });
    const lines = [
      "#!/bin/sh",
      "# Written by e2e/tmux.mjs: the terminal emulator the app starts (its $TERMINAL).",
      `[ "$1" = "-e" ] && shift`,
      `printf '%s\\n' "$@" > ${shq(args)}`,
      `exec tmux -S ${shq(this.socket)} -f /dev/null new-session -d -s ${shq(name)} -x 160 -y 45 -c "$(pwd)" \\`,
      `  -e "OPENCODE_SERVER_PASSWORD=$OPENCODE_SERVER_PASSWORD" -e "OPENCODE_SERVER_USERNAME=$OPENCODE_SERVER_USERNAME" -- "$@"`,
    ];
    await writeFile(path, `${lines.join("\n")}\n`, { mode: 0o755 });
    return path;
  }

  /** Ends the tmux server and waits until every program it ran is gone (killing what is not). */
  async stop() {
    for (const name of await this.sessions()) await this.panePid(name).catch(() => {});
    const pids = [...this.#panes.values()];
    await this.tmux("kill-server").catch(() => {});
    this.#forget();
    try {
      await this.#waitGone(pids, "the terminal OpenCodes to end with their tmux server");
    } finally {
      for (const pid of pids.filter(isAlive)) process.kill(pid, "SIGKILL");
    }
  }

  async #waitGone(pids, message) {
    await waitUntil(() => pids.every((pid) => !isAlive(pid)), {
      timeout: 10_000,
      interval: 50,
      message: () => `${message} (still running: ${pids.filter(isAlive).join(", ")})`,
    });
  }
}
