// The Files panel: open a file from the project tree, and another from a text search; the viewer
// shows each file's real contents.
import assert from "node:assert/strict";
import { appTest } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import { names, waitLive } from "./ui.mjs";

appTest("a file opens from the project tree and another from a text search", async (world) => {
  const { session } = await world.startApp();
  await waitLive(session);
  await (await session.waitFor(names.filesToggle)).click();
  await session.waitFor(names.fileTree, { timeout: 15_000 });

  // The tree: open the src folder, then main.rs in it.
  await (await session.waitFor(names.treeItem("src"), { timeout: 15_000 })).click();
  await (await session.waitFor(names.treeItem("main.rs"), { timeout: 15_000 })).click();
  const main = await session.waitForText(names.fileContents("src/main.rs"), "hello from the e2e project", { timeout: 15_000 });
  assert.match(main, /fn main\(\)/);

  // Search: text that only README.md has, then its result.
  const box = await session.waitFor(names.searchText);
  await box.click();
  await box.type("small project for the end-to-end");
  const hit = await session.waitFor(names.searchResult("README.md"), { timeout: 15_000 });
  await hit.click();
  await session.waitForText(names.fileContents("README.md"), "A small project for the end-to-end tests.", { timeout: 15_000 });
  await waitUntil(async () => (await session.findAll(names.fileContents("src/main.rs"))).length === 0, {
    message: "the viewer to show README.md instead of src/main.rs",
  });
});
