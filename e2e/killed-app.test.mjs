// The app killed outright (SIGKILL: no quit, no cleanup of its own) while the agent runs a long
// command: within 2 s nothing it started is left, neither its OpenCode server nor the command
// the server's bash tool runs (the supervisor's guard ends the whole tree).
import assert from "node:assert/strict";
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
  world.note(`the app's process tree: ${describe(tree)}`);
  assert.ok(tree.includes(server), "the app's server is below it");
  // Everything below the app but WebKit's own helper processes (not this test's business).
  const watched = [...new Set([...tree.filter((pid) => pid !== app.pid && !/\/webkit2gtk-[^/]*\/WebKit/.test(commandLine(pid)[0] ?? "")), sleeper])];
  assert.ok(watched.includes(server) && watched.length >= 2, `the server and the sleep are watched: ${describe(watched)}`);
  const left = () => watched.filter(isAlive);

  const killed = Date.now();
  process.kill(app.pid, "SIGKILL");
  try {
    await waitUntil(() => left().length === 0, {
      timeout: 2000,
      interval: 50,
      message: () => `nothing of the app's tree to be left within 2 s of its SIGKILL (still running: ${describe(left())})`,
    });
    world.note(`everything the app started was gone ${Date.now() - killed} ms after its SIGKILL`);
    assert.deepEqual(processesWhere(isOurSleep), [], "the agent's sleep is gone");
  } finally {
    // What a failure leaves must not outlive the test.
    for (const pid of left()) process.kill(pid, "SIGKILL");
    for (const pid of processesWhere(isOurSleep)) process.kill(pid, "SIGKILL");
  }
});
