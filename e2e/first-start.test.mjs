// First start in a fresh HOME with no settings: the app finds OpenCode on its own, starts a
// server of its own in the project, and shows the empty session list; and a launch that names no
// folder opens the default project from the settings.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { appTest, cwdOf } from "./world.mjs";
import { names, waitLive } from "./ui.mjs";

appTest("first start with no settings finds OpenCode, starts a server for the project and shows an empty session list", async (world) => {
  assert.equal(existsSync(join(world.configDir, "settings.json")), false, "a fresh world has no settings");
  const app = await world.startApp();
  const { session } = app;

  await waitLive(session);
  const server = await app.ownServer();
  assert.equal(await cwdOf(server), world.project, "the app's server runs in the project it was given");

  // The header names the project (DOM text: the ellipsized button counts as hidden to WebKitWebDriver).
  const project = await session.waitFor(names.project, { displayed: false });
  assert.equal((await project.property("textContent")).trim(), world.project);
  await session.waitFor(names.noSessions);
  await session.waitFor(names.newSession);
  await session.waitFor(names.message);
  // The version the server reports, so this is the real server and not a stand-in.
  assert.match(await (await session.waitFor(names.serverVersion)).text(), /^OpenCode \d+\.\d+\.\d+$/);
});

appTest("a default project in the settings is the project opened at a launch that names none", async (world) => {
  // Without it this launch opens nothing (no folder given, none used before): the project shown
  // can only come from the settings.
  await world.writeSettings({ default_project: world.project });
  const app = await world.startApp({ args: [] });
  const { session } = app;

  await waitLive(session);
  const project = await session.waitFor(names.project, { displayed: false });
  assert.equal((await project.property("textContent")).trim(), world.project);
  assert.equal(await cwdOf(await app.ownServer()), world.project, "the app's server runs in it");
});
