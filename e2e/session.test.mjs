// A new session, a prompt, and the reply streaming in word by word until it finishes; the
// session then takes the title the (scripted) model gave it.
import assert from "node:assert/strict";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { lastReplyText, names, selectedTitle, sendPrompt, sessionItems, waitForReply, waitLive } from "./ui.mjs";

const REPLY = "Hello from the scripted model. This reply arrives one word at a time, slowly enough to watch, and ends here.";

appTest("a new session streams a reply to the end and takes its title", async (world) => {
  world.model.title = "Greeting the scripted model";
  world.model.script({ text: REPLY, delay: 120 });
  const { session } = await world.startApp();
  await waitLive(session);

  await (await session.waitFor(names.newSession)).click();
  await waitUntil(async () => (await session.findAll(sessionItems)).length === 1, {
    message: "the new session in the session list",
  });
  await waitUntil(() => selectedTitle(session), { message: "the new session to be the open one" });
  await session.waitFor(names.transcript);

  await sendPrompt(session, "Say hello, slowly.");
  await session.waitForText(names.userMessage, "Say hello, slowly.");

  // Streaming: part of the reply is on screen before the rest has arrived.
  const partial = await waitUntil(async () => {
    const text = await lastReplyText(session);
    return text.length > 0 && !text.includes("ends here.") ? text : undefined;
  }, { timeout: 20_000, message: "part of the reply before its end" });
  assert.ok(REPLY.startsWith(partial.trim()), `the partial reply ${JSON.stringify(partial)} is the start of the scripted one`);

  const whole = await waitForReply(session, "ends here.");
  assert.ok(whole.includes(REPLY), `the whole reply is shown: ${JSON.stringify(whole)}`);

  // Finished: the session is no longer busy, so the Stop button goes away.
  await session.waitForGone(names.stop, { timeout: 10_000 });
  await waitUntil(async () => (await selectedTitle(session)) === "Greeting the scripted model", {
    timeout: 20_000,
    message: async () => `the session title to update (it is ${JSON.stringify(await selectedTitle(session))})`,
  });
  assert.equal(world.model.chatRequests.length, 1, "one chat request for one prompt");
  assert.equal(world.model.remaining, 0);
});
