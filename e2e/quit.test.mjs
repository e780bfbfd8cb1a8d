// Quit from the tray while a reply is still streaming: the app exits and no OpenCode process it
// started is left, nor anything in their process groups.
import assert from "node:assert/strict";
import { appTest, processGroup } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { lastReplyText, names, sendPrompt, waitLive } from "./ui.mjs";

appTest("quit from the tray leaves no OpenCode process the app started", async (world) => {
  world.model.script({ text: Array.from({ length: 100 }, (_, i) => `tick${i}`).join(" "), delay: 200 });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  const server = await app.ownServer();

  await sendPrompt(session, "Keep talking.");
  await waitUntil(async () => (await lastReplyText(session)).includes("tick2"), {
    timeout: 30_000,
    message: "the reply to be streaming when the app quits",
  });
  await session.waitFor(names.stop);

  await app.quitFromTray();
  await app.waitNoLeftovers({ timeout: 15_000 });
  assert.deepEqual(await processGroup(server), [], `nothing is left in the server's process group ${server}`);
});
