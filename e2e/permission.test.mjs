// A tool call that needs permission: the card appears, "Allow once" runs the command and its
// output appears in the tool card; a second call is rejected and never runs.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { appTest } from "./world.mjs";
import { by, waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, waitForReply, waitLive } from "./ui.mjs";

async function waitCardStatus(session, status, count) {
  return waitUntil(async () => {
    const cards = await session.findAll(names.toolCards("bash"));
    if (cards.length !== count) return undefined;
    const card = cards[count - 1];
    return (await card.attribute("data-status")) === status ? card : undefined;
  }, { timeout: 20_000, message: async () => `bash tool card #${count} to be ${status} (statuses: ${JSON.stringify(await Promise.all((await session.findAll(names.toolCards("bash"))).map((c) => c.attribute("data-status"))))})` });
}

appTest("a tool call asks permission: allowed once it runs and shows its output, a second one rejected never runs", async (world) => {
  const allowed = join(world.project, "allowed.txt");
  const rejected = join(world.project, "rejected.txt");
  world.model.script(
    { tool: "bash", input: { command: "printf allowed-once | tee allowed.txt", description: "Write allowed.txt" } },
    { text: "The command ran." },
    { tool: "bash", input: { command: "touch rejected.txt", description: "Write rejected.txt" } },
  );
  const { session } = await world.startApp();
  await waitLive(session);

  await sendPrompt(session, "Write allowed.txt");
  const card = await session.waitFor(names.permission("bash"), { timeout: 30_000 });
  assert.match(await card.text(), /printf allowed-once/, "the card says which command asks");
  assert.equal(existsSync(allowed), false, "nothing runs before the answer");

  await (await card.find(names.allowOnce)).click();
  await session.waitForGone(names.permission("bash"));
  const done = await waitCardStatus(session, "completed", 1);
  // The card is collapsed: open it as a user does, then read the output.
  await (await done.find(by.css("button[aria-expanded]"))).click();
  const output = await waitUntil(async () => (await done.findAll(names.toolOutput))[0], { message: "the tool card's output once opened" });
  assert.match(await output.text(), /allowed-once/);
  assert.equal(readFileSync(allowed, "utf8"), "allowed-once");
  await waitForReply(session, "The command ran.");

  await sendPrompt(session, "Now write rejected.txt");
  const second = await session.waitFor(names.permission("bash"), { timeout: 30_000 });
  assert.match(await second.text(), /touch rejected\.txt/);
  await (await second.find(names.reject)).click();
  await session.waitForGone(names.permission("bash"));
  await waitCardStatus(session, "error", 2);
  await session.waitForGone(names.stop, { timeout: 15_000 });
  assert.equal(existsSync(rejected), false, "a rejected command never runs");
});
