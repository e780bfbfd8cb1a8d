// The terminal panel under load, for bench/app.mjs (issue 19): the panel's memory with 10,000
// lines of scrollback, and what a flood (`yes | head -c 50000000`, 50 MB through the PTY's
// websocket, Rust, the IPC channel and xterm.js) does to keys typed in the composer meanwhile:
// keydown → the frame after the input shows, as for the streaming reply.
import { by, Key, waitUntil } from "../e2e/webdriver.mjs";

const PANEL = `section[aria-label="Terminal"]`;
const VISIBLE = `${PANEL} [role="tabpanel"]:not([hidden])`;

/** The visible terminal's screen as xterm.js draws it (DOM renderer: one div a row). */
const screen = (session) =>
  session.execute(`return document.querySelector(${JSON.stringify(`${VISIBLE} .xterm-rows`)})?.innerText ?? "";`);

async function typeLine(session, line) {
  const input = await session.waitFor(by.css(`${VISIBLE} textarea`), { displayed: false });
  await input.type(line);
  await input.type(Key.Enter);
}

async function waitScreen(session, pattern, { timeout = 30_000, interval = 100 } = {}) {
  return waitUntil(async () => pattern.test(await screen(session)), {
    timeout,
    interval,
    message: async () => `the terminal to show ${pattern}; it shows ${JSON.stringify((await screen(session)).slice(-300))}`,
  });
}

/**
 * Opens the panel (a terminal starts in it), fills 10,000 lines, then floods 50 MB while `keys`
 * are typed in the composer. `memory(when)` measures the whole app; `typeKeys(n, gap)` types in
 * the composer; `watchKeys` is the key probe's page source.
 */
export async function measureTerminal({ session, memory, typeKeys, watchKeys, keys, log }) {
  const before = await memory("before the terminal panel opened");
  await (await session.waitFor(by.button("Terminal"))).click();
  await session.waitFor(by.css(`${VISIBLE} .xterm-rows`), { timeout: 20_000, displayed: false });
  await typeLine(session, "seq 1 10000; echo lines-done");
  await waitScreen(session, /^lines-done\s*$/m);
  const filled = await memory("with a terminal holding 10,000 lines of scrollback");

  await session.execute(watchKeys);
  const started = Date.now();
  await typeLine(session, "yes | head -c 50000000; echo flood-done");
  // Keys go to the composer while the terminal drains the flood.
  await typeKeys(keys, 70);
  await waitScreen(session, /^flood-done\s*$/m, { timeout: 180_000, interval: 250 });
  const drained = Date.now() - started;
  const all = (await session.execute("return window.__benchKeys;")).keys;
  const during = all.filter((k) => k.at <= started + drained);
  log(`terminal: 50 MB drained in ${(drained / 1000).toFixed(1)} s; ${during.length} of ${all.length} keys during it`);
  const after = await memory("after 50 MB through the terminal");
  return { before, filled, after, drainedMs: drained, keys: during.map((k) => k.ms), typed: all.length };
}
