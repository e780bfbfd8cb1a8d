// Rename a session in place from its actions menu, then delete one after the confirm: the list
// shows it, and the server the app started agrees.
import assert from "node:assert/strict";
import { appTest } from "./world.mjs";
import { Key, waitUntil } from "./webdriver.mjs";
import { names, sendPrompt, sessionItem, sessionTitles, waitForReply, waitLive } from "./ui.mjs";

/** Opens the actions menu of the session titled `title` and picks `item`. */
async function sessionAction(session, title, item) {
  const row = await session.waitFor(sessionItem(title), { displayed: false });
  const actions = await row.find({ using: "xpath", value: `ancestor::li[1]//button[@aria-label="Session actions"]`, says: "its Session actions button" });
  await actions.click();
  await (await session.waitFor(names.menuItem(item))).click();
}

const titles = async (session) => (await sessionTitles(session)).map((row) => row.title);

appTest("a session is renamed from its actions menu, and another deleted after the confirm", async (world) => {
  world.model.title = "Keep me";
  world.model.script({ text: "First session's reply." });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  await sendPrompt(session, "Start the first session.");
  await waitForReply(session, "First session's reply.");
  await waitUntil(async () => (await titles(session)).includes("Keep me"), { timeout: 20_000, message: "the first session's title" });

  world.model.title = "Delete me";
  world.model.script({ text: "Second session's reply." });
  await (await session.waitFor(names.newSession)).click();
  await waitUntil(async () => (await titles(session)).length === 2, { message: "a second session in the list" });
  await sendPrompt(session, "Start the second session.");
  await waitForReply(session, "Second session's reply.");
  await waitUntil(async () => (await titles(session)).includes("Delete me"), { timeout: 20_000, message: "the second session's title" });

  // Rename: the title becomes a text field in the row; Enter saves.
  await sessionAction(session, "Keep me", "Rename");
  const field = await session.waitFor(names.sessionTitleField);
  assert.equal(await field.property("value"), "Keep me");
  // Select all and type over it (WebDriver's Element Clear would blur the field, which cancels;
  // WebKitWebDriver needs the chord and the text in separate calls).
  await field.type(`${Key.Control}a${Key.Null}`);
  await field.type("Renamed by the e2e test");
  await field.type(Key.Enter);
  await waitUntil(async () => (await titles(session)).includes("Renamed by the e2e test"), {
    message: async () => `the new title in the list (it shows ${JSON.stringify(await titles(session))})`,
  });
  const renamed = await waitUntil(async () => {
    const all = await app.serverRequest("GET", "/session");
    return all.find((s) => s.title === "Renamed by the e2e test");
  }, { message: "the server to have the new title" });

  // Delete: asks first, then the row goes and the server no longer has it.
  await sessionAction(session, "Delete me", "Delete…");
  const dialog = await session.waitFor(names.confirmDialog);
  assert.match(await dialog.text(), /Delete “Delete me”\?/);
  await (await dialog.find(names.buttonIn("Delete"))).click();
  await session.waitForGone(names.confirmDialog);
  await waitUntil(async () => {
    const shown = await titles(session);
    return shown.length === 1 && shown[0] === "Renamed by the e2e test";
  }, { message: async () => `only the renamed session left in the list (it shows ${JSON.stringify(await titles(session))})` });
  const left = await app.serverRequest("GET", "/session");
  assert.deepEqual(left.map((s) => s.id), [renamed.id], "the server deleted the session too");
});
