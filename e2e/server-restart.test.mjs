// The app's server dies: the status bar says so at once, the app starts a new server, and the
// open session is whole again after the resync (and takes new prompts). What the user had typed
// and not sent stays in the box through the server's death, and through quitting and starting
// the app again.
import assert from "node:assert/strict";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { clearComposer, composerText, lastReplyText, names, openSession, sendPrompt, waitForReply, waitLive } from "./ui.mjs";

/** Types `text` in the composer without sending it. */
async function typeDraft(session, text) {
  const box = await session.waitFor(names.message);
  await box.click();
  await box.type(text);
  await waitUntil(async () => (await box.property("value")) === text, { message: `the composer to hold ${JSON.stringify(text)}` });
}

appTest("a killed server is shown, restarted, and the open session is whole again, the unsent draft kept through it and an app restart", async (world) => {
  world.model.script({ text: "First answer, from the first server." });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const first = await app.ownServer();

  await sendPrompt(session, "Answer once.");
  await waitForReply(session, "First answer, from the first server.");
  await session.waitForGone(names.stop, { timeout: 15_000 });
  const draft = "A thought not sent yet, kept while the server restarts.";
  await typeDraft(session, draft);

  // Only the app's own server, by pid: never every opencode on the machine.
  world.note(`killing the app's server ${first}`);
  const killed = Date.now();
  process.kill(first, "SIGKILL");
  const shown = await waitUntil(async () => {
    const text = await (await session.find(names.status)).text();
    return text !== "Live" ? text : undefined;
  }, { timeout: 10_000, interval: 50, message: "the status bar to leave Live after the server died" });
  assert.match(shown, /^(Reconnecting…|Connecting…|Offline|Catching up…)$/, "the status bar says the link is down");

  world.note(`the status bar says ${shown}`);
  const second = await app.ownServer({ not: first, timeout: 45_000 });
  world.note(`the app started server ${second}`);
  // The event stream follows the new server at once, then the view resyncs.
  await session.waitForText(names.status, /^(Live|Resynced)$/, { timeout: 60_000 });
  const whole = Date.now() - killed;
  world.note(`whole again ${(whole / 1000).toFixed(1)} s after the kill`);

  // The open session survived: the question and the answer are still on screen...
  await session.waitForText(names.userMessage, "Answer once.");
  assert.match(await lastReplyText(session), /First answer, from the first server\./);
  // ...and so did the draft.
  assert.equal(await composerText(session), draft, "the unsent draft is still in the box");
  assert.ok(whole < 10_000, `whole again within 10 s of the kill (it took ${(whole / 1000).toFixed(1)} s)`);
  // The new server carries on with the session.
  await clearComposer(session);
  world.model.script({ text: "Second answer, from the restarted server." });
  await sendPrompt(session, "Answer again.");
  await waitForReply(session, "Second answer, from the restarted server.");
  const users = await session.findAll(names.userMessage);
  assert.equal(users.length, 2, "both prompts are in the transcript, once each");
  await session.waitForGone(names.stop, { timeout: 15_000 });

  // Quit with a draft in the box and start the app again in the same HOME: it is back.
  const kept = "Another unsent thought, kept across an app restart.";
  await typeDraft(session, kept);
  // Written down 300 ms after typing pauses (and when the window hides).
  await waitUntil(async () => String(await session.execute(`return localStorage.getItem("opencode-desk.unsent");`)).includes(kept), {
    message: "the draft to be written to localStorage",
  });
  await app.quitFromTray();
  world.note("quit; starting the app again");
  const again = await world.startApp();
  await waitLive(again.session);
  await openSession(again.session, world.model.title);
  await again.session.waitForText(names.userMessage, "Answer once.");
  await waitUntil(async () => (await composerText(again.session)) === kept, {
    message: async () => `the draft back in the box after the app restart (it holds ${JSON.stringify(await composerText(again.session))})`,
  });
  world.note("the draft is back after the app restart");
});
