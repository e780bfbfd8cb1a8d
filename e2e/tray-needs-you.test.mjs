// The tray lists the sessions that wait for the user under "Needs you"; choosing one brings the
// main window to that session, whatever it showed before. It does so after the app's server was
// killed and replaced on a new port too: the tray follows the server, not an address.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { appTest, listeningPorts } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, waitLive } from "./ui.mjs";

appTest("the tray's Needs you menu opens the session that waits for a permission, after a server restart", async (world) => {
  world.model.script({ tool: "bash", input: { command: "touch waited.txt", description: "Write waited.txt" } });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const first = await app.ownServer();
  const [firstPort] = listeningPorts(first);
  process.kill(first, "SIGKILL");
  // Its port taken at once, so the restarted server listens elsewhere: the tray must follow the
  // server, not the address it first had.
  const blocker = createServer();
  await waitUntil(() => new Promise((resolve) => {
    // Until the dead server's socket is gone (a few ms); the app restarts it after a backoff.
    blocker.once("error", () => resolve(undefined)).listen(firstPort, "127.0.0.1", () => resolve(true));
  }), { timeout: 2_000, interval: 5, message: `port ${firstPort} to be free` });
  try {
    const second = await app.ownServer({ not: first, timeout: 45_000 });
    const [secondPort] = await waitUntil(() => {
      const ports = listeningPorts(second);
      return ports.length ? ports : undefined;
    }, { timeout: 30_000, message: "the restarted server to listen" });
    world.note(`server ${first} on port ${firstPort} replaced by ${second} on port ${secondPort}`);
    assert.notEqual(secondPort, firstPort, "the restarted server is on a new port");
    await waitLive(session);

    await sendPrompt(session, "Write waited.txt");
    await session.waitFor(names.permission("bash"), { timeout: 30_000 });
    // Elsewhere: a new, empty session.
    await (await session.waitFor(names.newSession)).click();
    await session.waitForGone(names.permission("bash"));

    // The status line is disabled, so the first item the keyboard reaches is "Needs you"; Right
    // opens it on its first (only) session.
    await app.trayMenu(["Down", "Right", "Return"]);
    const card = await session.waitFor(names.permission("bash"), { timeout: 15_000 });
    await (await card.find(names.reject)).click();
    await session.waitForGone(names.permission("bash"));
  } finally {
    blocker.close();
  }
});
