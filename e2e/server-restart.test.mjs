// The app's server dies: the status bar says so at once, the app starts a new server, and the
// open session is whole again after the resync (and takes new prompts).
import assert from "node:assert/strict";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { lastReplyText, names, sendPrompt, waitForReply, waitLive } from "./ui.mjs";

appTest("a killed server is shown, restarted, and the open session is whole again", async (world) => {
  world.model.script({ text: "First answer, from the first server." });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const first = await app.ownServer();

  await sendPrompt(session, "Answer once.");
  await waitForReply(session, "First answer, from the first server.");
  await session.waitForGone(names.stop, { timeout: 15_000 });

  // Only the app's own server, by pid: never every opencode on the machine.
  world.note(`killing the app's server ${first}`);
  process.kill(first, "SIGKILL");
  const shown = await waitUntil(async () => {
    const text = await (await session.find(names.status)).text();
    return text !== "Live" ? text : undefined;
  }, { timeout: 10_000, interval: 50, message: "the status bar to leave Live after the server died" });
  assert.match(shown, /^(Reconnecting…|Connecting…|Offline|Catching up…)$/, "the status bar says the link is down");

  world.note(`the status bar says ${shown}`);
  const second = await app.ownServer({ not: first, timeout: 45_000 });
  world.note(`the app started server ${second}`);
  // The event stream reconnects with a backoff (up to 10 s between tries), then resyncs.
  await session.waitForText(names.status, /^(Live|Resynced)$/, { timeout: 60_000 });
  world.note("the status bar says the view is current again");

  // The open session survived: the question and the answer are still on screen...
  await session.waitForText(names.userMessage, "Answer once.");
  assert.match(await lastReplyText(session), /First answer, from the first server\./);
  // ...and the new server carries on with it.
  world.model.script({ text: "Second answer, from the restarted server." });
  await sendPrompt(session, "Answer again.");
  await waitForReply(session, "Second answer, from the restarted server.");
  const users = await session.findAll(names.userMessage);
  assert.equal(users.length, 2, "both prompts are in the transcript, once each");
});
