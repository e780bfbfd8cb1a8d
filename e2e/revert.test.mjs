// Revert to before a message: the message and its reply leave the transcript and the file the
// agent wrote is gone from disk; Undo revert brings both back. The Changes panel lists the file
// under the prompt that wrote it, and while that prompt is reverted, as undone by the revert.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, waitForReply, waitLive } from "./ui.mjs";

appTest("revert undoes a message and the file it wrote; undo revert brings both back", async (world) => {
  const notes = join(world.project, "notes.txt");
  world.model.script(
    { text: "A first answer that stays." },
    { tool: "write", input: { filePath: notes, content: "written by the agent\n" } },
    { text: "Wrote notes.txt." },
  );
  const { session } = await world.startApp();
  await waitLive(session);

  await sendPrompt(session, "Say something first.");
  await waitForReply(session, "A first answer that stays.");
  await session.waitForGone(names.stop, { timeout: 15_000 });
  await sendPrompt(session, "Write notes.txt.");
  await waitForReply(session, "Wrote notes.txt.", { timeout: 30_000 });
  await session.waitForGone(names.stop, { timeout: 15_000 });
  assert.equal(readFileSync(notes, "utf8"), "written by the agent\n");
  const count = async (how) => (await session.findAll(how)).length;
  assert.equal(await count(names.userMessage), 2);
  await (await session.find(names.changesToggle)).click();
  await session.waitFor(names.turnChanges("Write notes.txt."), { timeout: 15_000 });
  await session.waitFor(names.changedFile("notes.txt"));

  // Revert to before the second prompt: its buttons show when the message is hovered.
  const second = (await session.findAll(names.userMessage))[1];
  await session.hover(second);
  await (await second.find(names.revertButton)).click();
  const banner = await session.waitFor(names.revertBanner, { timeout: 15_000 });
  assert.match(await banner.text(), /reverted/i);
  await waitUntil(async () => (await count(names.userMessage)) === 1, {
    message: async () => `the reverted prompt to leave the transcript (${await count(names.userMessage)} prompts shown)`,
  });
  await waitUntil(() => !existsSync(notes), { timeout: 15_000, message: "notes.txt to be removed from disk by the revert" });
  await session.waitForGone(names.turnChanges("Write notes.txt."));
  await session.waitFor(names.undoneChanges);
  await session.waitFor(names.changedFile("notes.txt"));

  await (await banner.find(names.buttonIn("Undo revert"))).click();
  await session.waitForGone(names.revertBanner, { timeout: 15_000 });
  await waitUntil(async () => (await count(names.userMessage)) === 2, { message: "both prompts back after undo" });
  await waitUntil(() => existsSync(notes), { timeout: 15_000, message: "notes.txt back on disk after undo" });
  assert.equal(readFileSync(notes, "utf8"), "written by the agent\n");
  await waitForReply(session, "Wrote notes.txt.");
  await session.waitFor(names.turnChanges("Write notes.txt."));
  await session.waitForGone(names.undoneChanges);
});
