// Attach mode: an `opencode serve` started outside the app is found and used (the app starts no
// server of its own) and keeps running after the app quits. A secured one (OPENCODE_SERVER_PASSWORD)
// is left alone until the user connects to it with its password; on quit the app stops only the
// server it started.
import assert from "node:assert/strict";
import { appTest, isAlive } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, sessionItem, sessionItems, waitForReply, waitLive } from "./ui.mjs";

appTest("a server started outside the app is found, used, and outlives the app's quit", async (world) => {
  const outside = await world.startOutsideServer();
  const made = await world.outsideRequest(outside, "POST", "/session", { title: "Made outside the app" });
  world.model.script({ text: "Served by the server from outside." });

  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  // Its session list is the outside server's.
  await session.waitFor(sessionItem("Made outside the app"), { displayed: false, timeout: 15_000 });
  assert.deepEqual(await app.servers(), [], "the app started no server of its own");

  await (await session.waitFor(names.newSession)).click();
  await waitUntil(async () => (await session.findAll(sessionItems)).length === 2, { message: "a second session in the list" });
  await sendPrompt(session, "Who serves this?");
  await waitForReply(session, "Served by the server from outside.");
  const sessions = await world.outsideRequest(outside, "GET", "/session");
  assert.equal(sessions.length, 2, `the session made in the app lives on the outside server: ${JSON.stringify(sessions.map((s) => s.title))}`);
  assert.ok(sessions.some((s) => s.id === made.id));

  await app.quitFromTray();
  assert.ok(isAlive(outside.child.pid), "the outside server still runs after the app quit");
  const health = await world.outsideRequest(outside, "GET", "/global/health");
  assert.equal(health.healthy, true);
});

appTest("a secured server is left alone until the user connects to it with its password, and outlives the app", async (world) => {
  const outside = await world.startOutsideServer({ password: "e2e-outside-secret" });
  await world.outsideRequest(outside, "POST", "/session", { title: "Made on the secured server" });
  world.model.script({ text: "Served by the secured server." });

  // Without its password the app cannot use it: it starts a server of its own.
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const own = await app.ownServer();
  assert.notEqual(own, outside.child.pid);
  await session.waitFor(names.noSessions);

  // Servers and projects → Add remote server…: its address and password, Connect.
  await (await session.waitFor(names.project, { displayed: false })).click();
  const dialog = await session.waitFor(names.dialog("Servers and projects"));
  await (await dialog.find(names.buttonIn("Add remote server…"))).click();
  await (await session.waitFor(names.field("Address"))).type(outside.url);
  await (await session.waitFor(names.field("Password"))).type(outside.password);
  await (await dialog.find(names.buttonIn("Connect"))).click();
  await session.waitForGone(names.dialog("Servers and projects"), { timeout: 15_000 });

  await session.waitFor(sessionItem("Made on the secured server"), { displayed: false, timeout: 15_000 });
  await waitLive(session);
  await sendPrompt(session, "Who serves this?");
  await waitForReply(session, "Served by the secured server.");
  const sessions = await world.outsideRequest(outside, "GET", "/session");
  assert.equal(sessions.length, 2, `the new session lives on the secured server: ${JSON.stringify(sessions.map((s) => s.title))}`);

  await app.quitFromTray();
  await app.waitNoLeftovers();
  assert.ok(isAlive(outside.child.pid), "the secured outside server still runs");
  const health = await world.outsideRequest(outside, "GET", "/global/health");
  assert.equal(health.healthy, true);
});
