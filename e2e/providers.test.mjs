// Signing in to a model provider from the app (issue 16), on the real server with its bundled
// catalogue (offline): a key typed in the Providers dialog brings the provider's models into the
// model picker with no restart, Disconnect takes them away, and an empty key is refused with
// nothing stored. The key is not checked by the provider (offline): only the server's storing it
// and the model list are.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { appTest } from "./world.mjs";
import { names, waitLive } from "./ui.mjs";
import { by, waitUntil } from "./webdriver.mjs";

/** The providers the composer's model picker offers (its option groups), read in one script. */
const pickerProviders = (session) =>
  session.execute(`return Array.from(document.querySelectorAll('select[aria-label="Model"] optgroup'), (g) => g.label);`);

/** What the server stored in its auth file (absent: nothing). */
const storedAuth = (world) =>
  readFile(join(world.home, ".local/share/opencode/auth.json"), "utf8").then(JSON.parse, () => ({}));

appTest("a provider's API key typed in the Providers dialog brings its models to the picker, and Disconnect takes them away", async (world) => {
  // The world's servers see only the fake provider; Anthropic is let in too, so that the
  // catalogue offers it and a key can bring its models.
  const config = JSON.parse(world.env.OPENCODE_CONFIG_CONTENT);
  await world.setAppEnv({
    OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...config, enabled_providers: ["fake", "anthropic"] }),
  });
  const { session } = await world.startApp();
  await waitLive(session);
  await waitUntil(async () => (await pickerProviders(session)).length > 0, { message: "the model picker's models" });
  assert.deepEqual(await pickerProviders(session), ["E2E provider"]);

  await (await session.waitFor(by.button("Providers"))).click();
  const dialog = await session.waitFor(names.dialog("Providers"));
  await (await dialog.find(by.label("Search providers"))).type("Anthropic");
  const card = await session.waitFor(by.css(`section[aria-label="Anthropic"]`), { timeout: 30_000 });
  world.note("the catalogue is listed");

  // An empty key: refused next to the field, nothing stored.
  await (await card.find(names.buttonIn("Connect"))).click();
  const alert = await session.waitFor(by.css(`section[aria-label="Anthropic"] [role="alert"]`));
  assert.match(await alert.text(), /API key/);
  assert.deepEqual(await storedAuth(world), {});

  await (await session.waitFor(names.field("API key for Anthropic"))).type("sk-ant-e2e-0001");
  await (await card.find(names.buttonIn("Connect"))).click();
  await session.waitForText(by.css(`section[aria-label="Anthropic"] [role="status"]`), "Connected.", { timeout: 30_000 });
  assert.equal((await storedAuth(world)).anthropic?.key, "sk-ant-e2e-0001", "the server stored the key");
  await waitUntil(async () => (await pickerProviders(session)).includes("Anthropic"), {
    timeout: 20_000,
    message: "Anthropic's models in the model picker",
  });
  const claude = await session.execute(
    `return Array.from(document.querySelectorAll('select[aria-label="Model"] optgroup[label="Anthropic"] option'), (o) => o.textContent);`,
  );
  assert.ok(claude.some((name) => name.includes("Claude")), `an Anthropic model is offered: ${claude.join(", ")}`);
  world.note("connected: Anthropic's models are in the picker");

  await (await card.find(names.buttonIn("Disconnect"))).click();
  await session.waitForText(by.css(`section[aria-label="Anthropic"] [role="status"]`), "Disconnected.", { timeout: 30_000 });
  await waitUntil(async () => !(await pickerProviders(session)).includes("Anthropic"), {
    timeout: 20_000,
    message: "Anthropic's models to leave the model picker",
  });
  assert.equal((await storedAuth(world)).anthropic, undefined, "the server forgot the key");
}, { timeout: 180_000 });
