// The tray lists each request that waits for the user under "Needs you", as a submenu of its own
// (Allow once, Always allow, Reject, then Open session). "Open session" brings the main window to
// that session, whatever it showed before, and does so after the app's server was killed and
// replaced on a new port too: the tray follows the server, not an address. "Allow once" answers
// the request from the tray alone: the tool runs. The window's own Needs you list, Rust's inbox
// across servers, lists the request under its project and opens it too.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { appTest, listeningPorts } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, waitLive } from "./ui.mjs";

const run = promisify(execFile);

appTest("the tray's Needs you menu opens the session that waits for a permission, after a server restart, and answers one", async (world) => {
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

    // The window's Needs you list (Rust's inbox) has it too, under its project, and opens it.
    await (await session.waitFor(names.needsYouBadge)).click();
    await session.waitFor(names.needsYouGroup(basename(world.project)));
    await (await session.waitFor(names.needsYouOpen("permission"))).click();
    await session.waitFor(names.permission("bash"), { timeout: 15_000 });
    await (await session.waitFor(names.newSession)).click();
    await session.waitForGone(names.permission("bash"));

    // The status line is disabled, so the first item the keyboard reaches is "Needs you"; Right
    // opens it on its first (only) request, Right again opens that request's submenu on "Allow
    // once"; three Downs pass Always allow and Reject (and the separator) to "Open session".
    await app.trayMenu(["Down", "Right", "Right", "Down", "Down", "Down", "Return"]);
    const card = await session.waitFor(names.permission("bash"), { timeout: 15_000 });
    await (await card.find(names.reject)).click();
    await session.waitForGone(names.permission("bash"));
    // The rejected call ends the reply: nothing else asks the model before the next prompt.
    await session.waitForGone(names.stop, { timeout: 15_000 });
  } finally {
    blocker.close();
  }

  // Answered from the tray alone: a second bash call, allowed once from its request's submenu,
  // runs; its card leaves when the server says the request was answered.
  world.model.script(
    { tool: "bash", input: { command: "touch allowed-from-tray.txt", description: "Write allowed-from-tray.txt" } },
    { text: "Written from the tray." },
  );
  const logBefore = (await readFile(world.appLog, "utf8")).length;
  await sendPrompt(session, "Write allowed-from-tray.txt");
  await session.waitFor(names.permission("bash"), { timeout: 30_000 });
  // The tray says each change of its list in the log (debug): wait for this request to be in it.
  await waitUntil(async () => (await readFile(world.appLog, "utf8")).slice(logBefore).includes("tray: Needs you lists 1 request"), {
    timeout: 10_000,
    message: "the tray to list the request",
  });
  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (shots) {
    // The request's submenu open, for the docs (scripts/e2e.sh runs under Xvfb with a tray host).
    await app.trayMenu(["Down", "Right", "Right"]);
    await run("import", ["-window", "root", join(shots, "tray-answer.png")], { timeout: 10_000 });
    await run("xdotool", ["key", "Return"]);
  } else {
    await app.trayMenu(["Down", "Right", "Right", "Return"]);
  }
  const written = join(world.project, "allowed-from-tray.txt");
  await waitUntil(() => existsSync(written), { timeout: 15_000, message: `${written} to be written by the bash call allowed from the tray` });
  await session.waitForGone(names.permission("bash"));
});
