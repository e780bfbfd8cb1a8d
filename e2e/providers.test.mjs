// Signing in to a model provider from the app (issue 16), on the real server with its bundled
// catalogue (offline): a key typed in the Providers dialog brings the provider's models into the
// model picker with no restart, Disconnect takes them away, and an empty key is refused with
// nothing stored. The key is not checked by the provider (offline): only the server's storing it
// and the model list are.
//
// Then OpenAI's browser sign-in, with OpenCode's bundled sign-in plugins on: the app hands the
// page's address to the system's opener (an xdg-open of this test, first on the app's PATH, that
// keeps what it was given), the card waits; the page's redirect carrying a code the provider does
// not take (what the browser does once the user allowed access) ends in a refusal on the card,
// and nothing is stored.
//
// Then the dialog's other tabs on the same server: an MCP server of the test code (a stdio one in
// Python) added in the MCP servers tab connects and is saved in the global config, a command that
// does not exist is refused at its field with nothing saved; and a setting changed in the
// OpenCode config tab for this project lands in the project's opencode.json (the world's own
// settings come through OPENCODE_CONFIG_CONTENT, with sharing disabled: the app sets it to manual).
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { appTest, ROOT } from "./world.mjs";
import { names, waitLive } from "./ui.mjs";
import { by, waitUntil } from "./webdriver.mjs";

/** The sections of the composer's model picker (its providers, as nothing was favourited or used
 * yet) and the models listed: the picker is opened, read and closed again (Escape) in one script,
 * because the Settings dialog lies over it while the test runs. */
const pickerProviders = (session) =>
  session.execute(`
    const trigger = document.querySelector('[role="combobox"][aria-label="Model"]');
    if (!trigger || trigger.disabled) return { sections: [], models: [] };
    if (trigger.getAttribute("aria-expanded") !== "true") trigger.click();
    const list = document.querySelector('[role="listbox"][aria-label="Models"]');
    const sections = Array.from(list.querySelectorAll(".model-picker-section"), (s) => s.textContent);
    const models = Array.from(list.querySelectorAll('[role="option"] .model-picker-option-name'), (o) => o.textContent);
    document.querySelector('[role="combobox"][aria-label="Search models"]')
      .dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    return { sections, models };
  `);

/** What the server stored in its auth file (absent: nothing). */
const storedAuth = (world) =>
  readFile(join(world.home, ".local/share/opencode/auth.json"), "utf8").then(JSON.parse, () => ({}));

appTest("a provider's API key typed in the Providers dialog brings its models to the picker, and Disconnect takes them away", async (world) => {
  // The world's servers see only the fake provider; Anthropic is let in too, so that the
  // catalogue offers it and a key can bring its models.
  const config = JSON.parse(world.env.OPENCODE_CONFIG_CONTENT);
  const bin = join(world.root, "browser");
  const opened = join(world.root, "opened-addresses");
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`, { mode: 0o755 });
  await world.setAppEnv({
    OPENCODE_CONFIG_CONTENT: JSON.stringify({ ...config, enabled_providers: ["fake", "anthropic", "openai"] }),
    OPENCODE_DISABLE_DEFAULT_PLUGINS: "0",
    PATH: `${bin}:${world.env.PATH}`,
  });
  const { session } = await world.startApp();
  await waitLive(session);
  await waitUntil(async () => (await pickerProviders(session)).sections.length > 0, { message: "the model picker's models" });
  assert.deepEqual((await pickerProviders(session)).sections, ["E2E provider"]);

  await (await session.waitFor(by.button("Settings"))).click();
  const dialog = await session.waitFor(names.dialog("Settings"));
  await (await dialog.find(by.xpath(`.//*[@role="tab"][normalize-space(.)="Providers"]`))).click();
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
  await waitUntil(async () => (await pickerProviders(session)).sections.includes("Anthropic"), {
    timeout: 20_000,
    message: "Anthropic's models in the model picker",
  });
  const { models: claude } = await pickerProviders(session);
  assert.ok(claude.some((name) => name.includes("Claude")), `an Anthropic model is offered: ${claude.join(", ")}`);
  world.note("connected: Anthropic's models are in the picker");

  await (await card.find(names.buttonIn("Disconnect"))).click();
  await session.waitForText(by.css(`section[aria-label="Anthropic"] [role="status"]`), "Disconnected.", { timeout: 30_000 });
  await waitUntil(async () => !(await pickerProviders(session)).sections.includes("Anthropic"), {
    timeout: 20_000,
    message: "Anthropic's models to leave the model picker",
  });
  assert.equal((await storedAuth(world)).anthropic, undefined, "the server forgot the key");

  const search = await dialog.find(by.label("Search providers"));
  await search.clear();
  await search.type("OpenAI");
  const openai = await session.waitFor(by.css(`section[aria-label="OpenAI"]`));
  await (await openai.find(names.buttonIn("Sign in: ChatGPT Pro/Plus (browser)"))).click();
  await session.waitForText(by.css(`section[aria-label="OpenAI"]`), /Waiting for the browser/, { timeout: 20_000 });
  const shown = await (await openai.find(by.label("Sign-in address"))).property("value");
  let handed = "";
  await waitUntil(async () => (handed = (await readFile(opened, "utf8").catch(() => "")).trim()) !== "", {
    message: "the address handed to the system's opener",
  });
  assert.equal(handed, shown, "the opener got the address the card shows");
  const page = new URL(handed);
  assert.equal(page.protocol, "https:");
  world.note("browser sign-in: the opener got the provider's page");

  // The browser, after the user allowed access: the provider sends it back to OpenCode's listener.
  const back = new URL(page.searchParams.get("redirect_uri"));
  back.searchParams.set("code", "not-a-real-code");
  back.searchParams.set("state", page.searchParams.get("state"));
  await fetch(back);
  await session.waitForText(by.css(`section[aria-label="OpenAI"] [role="alert"]`), /did not finish the sign-in/, {
    timeout: 30_000,
  });
  assert.equal((await storedAuth(world)).openai, undefined, "nothing stored for a refused sign-in");
  await openai.find(names.buttonIn("Sign in: ChatGPT Pro/Plus (browser)")); // offered again

  await (await dialog.find(by.xpath(`.//*[@role="tab"][normalize-space(.)="MCP servers"]`))).click();
  const form = await session.waitFor(by.css(`form[aria-label="Add MCP server"]`));
  const globalConfig = () =>
    readFile(join(world.home, ".config/opencode/opencode.jsonc"), "utf8").catch(() => "");
  const before = await globalConfig();
  await (await session.waitFor(names.field("Name"))).type("nothere");
  await (await session.waitFor(names.field("Command"))).type("/no/such/mcp-server");
  await (await form.find(names.buttonIn("Add"))).click();
  await session.waitForText(by.css(`form[aria-label="Add MCP server"] [role="alert"]`), /was not found/, {
    timeout: 30_000,
  });
  assert.equal(await globalConfig(), before, "a refused server is not saved");
  const name = await session.waitFor(names.field("Name"));
  await name.clear();
  await name.type("echo");
  const command = await session.waitFor(names.field("Command"));
  await command.clear();
  await command.type("python3");
  await (await session.waitFor(names.field("Arguments"))).type(join(ROOT, "crates/testkit/mcp/echo_mcp.py"));
  await (await form.find(names.buttonIn("Add"))).click();
  await session.waitForText(by.css(`section[aria-label="echo"]`), "Connected", { timeout: 30_000 });
  await waitUntil(async () => (await globalConfig()).includes("echo_mcp.py"), {
    timeout: 20_000,
    message: "the MCP server saved in the global config",
  });
  world.note("MCP: a stdio server connects and is saved");

  await (await dialog.find(by.xpath(`.//*[@role="tab"][normalize-space(.)="OpenCode config"]`))).click();
  await session.waitFor(by.xpath(`//label[normalize-space(.)="Share sessions"]`), { timeout: 20_000 });
  await session.execute(`
    const label = Array.from(document.querySelectorAll(".config-row label")).find((l) => l.textContent === "Share sessions");
    const select = document.getElementById(label.htmlFor);
    select.value = "manual";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    label.parentElement.querySelector('select[aria-label="Save Share sessions in"]').value = "project";
    label.parentElement.querySelector('select[aria-label="Save Share sessions in"]').dispatchEvent(new Event("change", { bubbles: true }));
  `);
  const shareRow = by.xpath(`//div[@class="config-row"][label[normalize-space(.)="Share sessions"]]`);
  await (await (await session.waitFor(shareRow)).find(names.buttonIn("Save"))).click();
  await waitUntil(
    async () => JSON.parse(await readFile(join(world.project, "opencode.json"), "utf8").catch(() => "{}")).share === "manual",
    { timeout: 20_000, message: "share: manual in the project's opencode.json" },
  );
  // The row says where the value now comes from.
  await session.waitFor(
    by.xpath(`//div[@class="config-row"][label[normalize-space(.)="Share sessions"]]/span[contains(@class, "config-origin-project")]`),
    { timeout: 20_000 },
  );
  world.note("OpenCode config: share set to manual for this project, in its opencode.json");
}, { timeout: 180_000 });
