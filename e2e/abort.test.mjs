// Stop aborts a reply while it streams: the model's stream is cut, the text stops growing, and
// the session is idle again (no Stop button).
import assert from "node:assert/strict";
import { appTest, sleep } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { lastReplyText, names, sendPrompt, waitLive } from "./ui.mjs";

const WORDS = Array.from({ length: 200 }, (_, i) => `word${i + 1}`).join(" ");

appTest("Stop aborts a slow reply", async (world) => {
  // 200 words, 250 ms apart: 50 s if nobody stops it.
  world.model.script({ text: WORDS, delay: 250 });
  const { session } = await world.startApp();
  await waitLive(session);

  await sendPrompt(session, "Count slowly to two hundred.");
  await waitUntil(async () => (await lastReplyText(session)).includes("word3"), {
    timeout: 30_000,
    message: "the slow reply to start streaming",
  });
  await (await session.waitFor(names.stop)).click();

  await session.waitForGone(names.stop, { timeout: 10_000 });
  await waitUntil(() => world.model.chatRequests[0]?.closedEarly, {
    timeout: 10_000,
    message: "the model's stream to be cut by the abort",
  });
  const stopped = await lastReplyText(session);
  await sleep(1500);
  const later = await lastReplyText(session);
  assert.equal(later, stopped, "the reply stops growing once stopped");
  assert.ok(!later.includes("word200"), "the reply did not run to its end");
  // Still usable: the composer is there for the next prompt.
  await session.waitFor(names.message);
});
