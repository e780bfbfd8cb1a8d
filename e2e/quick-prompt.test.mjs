// The quick prompt: its global shortcut (Ctrl+Shift+Space) opens it over everything, Enter sends,
// it closes, and the new session streams in the main window, which comes to the front. Its window
// is only made on first use (it would hold memory for nothing), then kept hidden.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, sessionItem, sessionItems, waitForReply, waitLive } from "./ui.mjs";

const run = promisify(execFile);
const REPLY = "Answered from the quick prompt, streamed into the main window.";

/** Which of the app's windows (WebDriver handles) shows the quick prompt, and which the app. */
async function windows(session) {
  let found = {};
  // A window just made may not have loaded its page yet.
  await waitUntil(async () => {
    found = {};
    for (const handle of await session.windowHandles()) {
      await session.switchToWindow(handle);
      const quick = await session.execute(`return document.querySelector('[aria-label="Prompt"]') !== null`);
      found[quick ? "quick" : "main"] = handle;
    }
    return found.quick && found.main;
  }, { timeout: 10_000, message: () => `a main and a quick prompt window: ${JSON.stringify(found)}` });
  return found;
}

const visibility = (session) => session.execute("return [document.visibilityState, document.hasFocus()]");

appTest("the quick prompt opens on its shortcut, sends, and the new session streams in the main window", async (world) => {
  world.model.title = "Quick question";
  world.model.script({ text: REPLY, delay: 60 });
  const { session } = await world.startApp();
  await waitLive(session);
  assert.equal((await session.windowHandles()).length, 1, "no quick prompt window before it is asked for");

  await run("xdotool", ["key", "ctrl+shift+space"]);
  await waitUntil(async () => (await session.windowHandles()).length === 2, {
    timeout: 10_000,
    message: "the quick prompt window to open after Ctrl+Shift+Space",
  });
  const { quick, main } = await windows(session);
  await session.switchToWindow(quick);
  await waitUntil(async () => (await visibility(session))[0] === "visible", {
    timeout: 10_000,
    message: "the quick prompt window to show",
  });

  const box = await session.waitFor(names.quickPrompt);
  await box.type("What is in this project?");
  await box.type("\uE007"); // Enter
  await waitUntil(async () => (await visibility(session))[0] === "hidden", {
    timeout: 15_000,
    message: "the quick prompt to close once sent",
  });

  await session.switchToWindow(main);
  await waitUntil(async () => {
    const [state, focused] = await visibility(session);
    return state === "visible" && focused;
  }, { timeout: 10_000, message: "the main window to come to the front" });
  await waitUntil(async () => (await session.findAll(sessionItems)).length === 1, {
    timeout: 15_000,
    message: "the new session in the main window's session list",
  });
  const item = await session.waitFor(sessionItem("Quick question"), { timeout: 20_000, displayed: false });
  // The main window opens the new session by itself when it is told to; else open it, as a user would.
  if ((await item.attribute("aria-current")) !== "true") await item.click();
  await waitForReply(session, REPLY);
  await session.waitForText(names.userMessage, "What is in this project?");
});
