// The app killed outright (SIGKILL: no quit, no cleanup of its own) while the agent runs a long
// command: within 2 s nothing it started is left, neither its OpenCode server nor the command
// the server's bash tool runs (the supervisor's guard ends the whole tree).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appTest, commandLine, isAlive, processesWhere, processTree } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, waitLive } from "./ui.mjs";

appTest("the app killed outright leaves nothing behind: its server and the command the agent runs end with it", async (world) => {
  // A sleep no other process on the machine runs: found by its command line.
  const seconds = `600.4242${Math.floor(Math.random() * 1e6)}`;
  const isOurSleep = (words) => /(^|\/)sleep$/.test(words[0]) && words[1] === seconds;
  world.model.script({ tool: "bash", input: { command: `sleep ${seconds}`, description: "Wait a long while" } });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const server = await app.ownServer();

  await sendPrompt(session, "Wait a long while.");
  const card = await session.waitFor(names.permission("bash"), { timeout: 30_000 });
  await (await card.find(names.allowOnce)).click();
  const [sleeper] = await waitUntil(() => {
    const found = processesWhere(isOurSleep);
    return found.length ? found : undefined;
  }, { timeout: 20_000, message: `the agent's sleep ${seconds} to run` });

  const tree = processTree(app.pid);
  const describe = (pids) => pids.map((pid) => `${pid} ${commandLine(pid).join(" ").slice(0, 80)}`).join("; ");
  /** A process's parent now (after a re-parenting: a subreaper, or init), group and session. */
  const statOf = (pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [, ppid, pgrp, sid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
      return { ppid, pgrp, sid };
    } catch {
      return {};
    }
  };
  const parentOf = (pid) => statOf(pid).ppid;
  world.note(`the app's process tree: ${tree.map((pid) => `${describe([pid])} (${JSON.stringify(statOf(pid))})`).join("; ")}`);
  assert.ok(tree.includes(server), "the app's server is below it");
  // Everything below the app but WebKit's own helper processes (not this test's business).
  const watched = [...new Set([...tree.filter((pid) => pid !== app.pid && !/\/webkit2gtk-[^/]*\/WebKit/.test(commandLine(pid)[0] ?? "")), sleeper])];
  const called = new Map(watched.map((pid) => [pid, commandLine(pid)[0]?.split("/").pop()]));
  /** When each watched process was first seen gone, in ms after the kill: the order they went in. */
  const gone = new Map();
  assert.ok(watched.includes(server) && watched.length >= 2, `the server and the sleep are watched: ${describe(watched)}`);
  const left = () => {
    const alive = watched.filter(isAlive);
    for (const pid of watched) if (!alive.includes(pid) && !gone.has(pid)) gone.set(pid, Date.now() - killed);
    return alive;
  };
  const order = () => [...gone].map(([pid, ms]) => `${called.get(pid)} ${pid} at ${ms} ms`).join(", ");

  const killed = Date.now();
  process.kill(app.pid, "SIGKILL");
  try {
    await waitUntil(() => left().length === 0, {
      timeout: 2000,
      interval: 20,
      message: () => `nothing of the app's tree to be left within 2 s of its SIGKILL (still running: ${left().map((pid) => `${describe([pid])} (parent now ${parentOf(pid)})`).join("; ")})`,
    }).catch(async (error) => {
      // Slow, or never? Say which before the finally below ends them.
      const late = await waitUntil(() => left().length === 0, { timeout: 5000, interval: 100 }).then(() => Date.now() - killed, () => undefined);
      error.message += late === undefined ? "; still there 7 s after the kill" : `; all gone ${late} ms after the kill`;
      error.message += ` (gone: ${order() || "none"})`;
      throw error;
    });
    world.note(`everything the app started was gone ${Date.now() - killed} ms after its SIGKILL (${order()})`);
    assert.deepEqual(processesWhere(isOurSleep), [], "the agent's sleep is gone");
  } finally {
    // What a failure leaves must not outlive the test.
    for (const pid of left()) process.kill(pid, "SIGKILL");
    for (const pid of processesWhere(isOurSleep)) process.kill(pid, "SIGKILL");
  }
});
