// The tray lists the sessions that wait for the user under "Needs you"; choosing one brings the
// main window to that session, whatever it showed before.
import { appTest } from "./world.mjs";
import { names, sendPrompt, waitLive } from "./ui.mjs";

appTest("the tray's Needs you menu opens the session that waits for a permission", async (world) => {
  world.model.script({ tool: "bash", input: { command: "touch waited.txt", description: "Write waited.txt" } });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);

  await sendPrompt(session, "Write waited.txt");
  await session.waitFor(names.permission("bash"), { timeout: 30_000 });
  // Elsewhere: a new, empty session.
  await (await session.waitFor(names.newSession)).click();
  await session.waitForGone(names.permission("bash"));

  // The status line is disabled, so the first item the keyboard reaches is "Needs you"; Right
  // opens it on its first (only) session.
  await app.trayMenu(["Down", "Right", "Return"]);
  const card = await session.waitFor(names.permission("bash"), { timeout: 15_000 });
  await (await card.find(names.reject)).click();
  await session.waitForGone(names.permission("bash"));
});
