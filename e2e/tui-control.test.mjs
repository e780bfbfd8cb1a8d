// TUI control both ways (issue 15), against the real app and real terminal OpenCodes run in tmux
// (e2e/tmux.mjs), whose screens are read back as text. One world, in order:
// (1) the app drives a TUI (`opencode --port N project`) from its Terminals place: text put in
//     its prompt, then cleared; a prompt sent (the fake model's reply on its screen); a toast; a
//     command (New session); and a session of the app shown in it from the session's menu
//     ("Open in terminal");
// (2) the app obeys programs that call /tui/* on its own server: text appended to the composer,
//     then submitted (the reply in the transcript); a toast; a command it does not do, said so;
//     a session selected; a new session;
// (3) bad input: a TUI behind a password (a wrong one refused, the right one unlocks it), and a
//     TUI that quit between being listed and being sent to (a clear message, the text kept);
// (4) "Open OpenCode in a terminal" (the app's $TERMINAL is a script that opens a tmux session):
//     a TUI attached to the app's server appears, and then it, not the app, gets the text a
//     program puts in "the TUI's" prompt.
// Each step prints when it ended (world.note).
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Tmux } from "./tmux.mjs";
import { appTest, freePort } from "./world.mjs";
import { by, Element, Key, waitUntil, xpathString } from "./webdriver.mjs";
import { composerText, names, selectedTitle, sendPrompt, sessionItem, sessionTitles, waitForReply, waitLive } from "./ui.mjs";

/** The key W3C uses for an element reference in JSON (what execute returns for an element). */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

const TERMINALS = `[role="dialog"][aria-label="OpenCode in terminals"]`;
/** The card of one TUI in the Terminals place, by its label ("project (port 4555)"). */
const card = (label) => `${TERMINALS} section[aria-label=${JSON.stringify(label)}]`;
const cardAlert = (label) => by.css(`${card(label)} [role="alert"]`);
const toasts = by.css(`[role="status"][aria-label="Notifications from programs"]`);

/**
 * The element matching `selector` inside the first match of css `scope` (the document when
 * null) whose accessible name is `name`: its aria-label, aria-labelledby, <label> (the label's
 * own words, without the fields inside it), or else its text. Undefined when there is none.
 */
async function findNamed(session, scope, selector, name) {
  const found = await session.execute(`
    const [scope, selector, name] = arguments;
    const norm = (s) => (s || "").replace(/\\s+/g, " ").trim();
    const labelText = (label) => {
      const copy = label.cloneNode(true);
      copy.querySelectorAll("select, textarea, input").forEach((field) => field.remove());
      return norm(copy.textContent);
    };
    const nameOf = (el) => {
      if (el.hasAttribute("aria-label")) return norm(el.getAttribute("aria-label"));
      const ids = el.getAttribute("aria-labelledby");
      if (ids) return norm(ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
      if (el.labels && el.labels.length) return norm(Array.from(el.labels, labelText).join(" "));
      return norm(el.textContent);
    };
    const root = scope ? document.querySelector(scope) : document;
    if (!root) return null;
    return Array.from(root.querySelectorAll(selector)).find((el) => nameOf(el) === name) ?? null;
  `, [scope, selector, name]);
  return found ? new Element(session, found[ELEMENT], `the ${selector} named "${name}"`) : undefined;
}

function waitNamed(session, scope, selector, name, { timeout = 10_000 } = {}) {
  return waitUntil(() => findNamed(session, scope, selector, name), {
    timeout,
    message: `the ${selector} named "${name}" in ${scope ?? "the window"}`,
  });
}

/** Clicks the button named `name` in the card of `label`, once it is enabled. */
async function press(session, label, name) {
  const button = await waitNamed(session, card(label), "button", name);
  await waitUntil(() => button.enabled(), { message: `the button "${name}" of ${label} to be enabled` });
  await button.click();
}

/** Empties a text field as a user does (select all, delete), then types `text` in it. */
async function fill(field, text) {
  if ((await field.property("value")) !== "") await field.type(`${Key.Control}a${Key.Null}${Key.Backspace}`);
  await field.type(text);
  await waitUntil(async () => (await field.property("value")) === text, { message: `the field to hold ${JSON.stringify(text)}` });
}

/** Types `text` in the card's "Text for the terminal". */
async function typeForTerminal(session, label, text) {
  await fill(await waitNamed(session, card(label), "textarea", "Text for the terminal"), text);
}

/** Chooses the option showing `text` in a <select>, as a click on it does. */
async function choose(session, select, text) {
  const option = await waitUntil(async () => (await select.findAll(by.xpath(`.//option[normalize-space(.)=${xpathString(text)}]`)))[0], {
    timeout: 15_000,
    message: `the option "${text}" to be offered`,
  });
  await option.click();
  await waitUntil(async () => (await session.execute(`return arguments[0].selectedOptions[0]?.textContent.trim() ?? ""`, [select])) === text, {
    message: `the option "${text}" to be chosen`,
  });
}

async function openTerminals(session) {
  if ((await session.findAll(by.css(TERMINALS))).length === 0) await (await session.waitFor(by.button("OpenCode in terminals"))).click();
  await session.waitFor(by.css(TERMINALS));
}

async function closeTerminals(session) {
  const close = await waitNamed(session, TERMINALS, "button", "Close");
  try {
    await close.click();
  } catch {
    // WebKitWebDriver may call the dialog's × not interactable once its content has scrolled:
    // click it in the page.
    await session.execute("arguments[0].click();", [close]);
  }
  await session.waitForGone(by.css(TERMINALS));
}

/**
 * Opens the Terminals place and looks again until the card of `label` shows the field `name`
 * (a ready TUI's text box by default); resolves to that field.
 */
async function waitForCard(session, label, { selector = "textarea", name = "Text for the terminal", timeout = 30_000 } = {}) {
  await openTerminals(session);
  let listed = [];
  return waitUntil(async () => {
    const field = await findNamed(session, card(label), selector, name);
    if (field) return field;
    listed = await session.execute(`
      return Array.from(document.querySelectorAll(arguments[0] + " section[aria-label]"), (s) => s.innerText.replace(/\\s+/g, " ").slice(0, 160));
    `, [TERMINALS]);
    const again = await findNamed(session, TERMINALS, "button", "Look again");
    if (again && (await again.attribute("aria-busy")) !== "true") await again.click();
    return undefined;
  }, {
    timeout,
    interval: 1000,
    message: () => `the Terminals place to list ${label} with its ${name} (it lists ${JSON.stringify(listed)})`,
  });
}

/** Opens the actions menu of the session titled `title` and picks `item`. */
async function sessionAction(session, title, item) {
  const row = await session.waitFor(sessionItem(title), { displayed: false });
  const actions = await row.find(by.xpath(`ancestor::li[1]//button[@aria-label="Session actions"]`));
  await actions.click();
  await (await session.waitFor(names.menuItem(item))).click();
}

const userMessages = (session) =>
  session.execute(`return Array.from(document.querySelectorAll('[aria-label="Transcript"] article[aria-label="You"]'), (a) => a.innerText);`);

const APP_PROMPT = "Question asked in the desk app.";
const APP_REPLY = "Answer shown in the desk app.";
const PUT_TEXT = "Text put in the terminal by the app";
const SENT_TEXT = "Prompt the app sent to the terminal";
const TUI_REPLY = "Reply that the terminal shows.";
const TOAST_TEXT = "Toast from Desk"; // short: the TUI's toast box is narrow and wraps longer text
const PROGRAM_TEXT = "Words a program typed into the app";
const PROGRAM_REPLY = "Answer to the program's prompt.";
const PASSWORD = "secret";
const KEPT_TEXT = "Text kept after the terminal quit";
const FOR_ATTACHED = "For the attached terminal alone";

appTest("TUI control both ways: the app drives a real terminal OpenCode, obeys /tui calls on its server, and says what went wrong", async (world) => {
  const tmux = await Tmux.start(world);
  const attach = "desk-attach";
  await world.setAppEnv({ TERMINAL: await tmux.writeTerminalScript(attach) });
  world.model.title = "Asked in the desk app";
  world.model.script({ text: APP_REPLY });
  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  // Before any TUI runs: a TUI's port is a server the app could attach to when it starts.
  await app.ownServer();
  const [portA, portB] = [await freePort(), await freePort()];
  const labelA = `project (port ${portA})`;
  const labelB = `project (port ${portB})`;

  // The first TUI starts while the app answers its first prompt.
  const startingA = tmux.startTui("tui-a", { port: portA });
  startingA.catch(() => {}); // Awaited below; this only keeps an early failure from going unhandled.
  await sendPrompt(session, APP_PROMPT);
  await waitForReply(session, APP_REPLY);
  await waitUntil(async () => (await sessionTitles(session)).some((row) => row.title === "Asked in the desk app"), {
    timeout: 20_000,
    message: "the app's session to take its title",
  });
  await startingA;

  // (1) The app drives the TUI. Fails if the card never lists it ready, or the TUI's screen never
  // shows what each action should have done to it.
  await waitForCard(session, labelA);
  world.note(`the Terminals place lists ${labelA}, ready`);
  await typeForTerminal(session, labelA, PUT_TEXT);
  await press(session, labelA, "Put in its prompt");
  await tmux.waitForScreen("tui-a", PUT_TEXT, { what: "the text put in the terminal's prompt" });
  await press(session, labelA, "Clear its prompt");
  await tmux.waitForScreen("tui-a", (screen) => !screen.includes(PUT_TEXT), { what: "the terminal's prompt to be cleared" });
  world.note("put in its prompt, then cleared: both seen on its screen");

  world.model.title = "Asked through the terminal";
  world.model.script({ text: TUI_REPLY });
  await typeForTerminal(session, labelA, SENT_TEXT);
  await press(session, labelA, "Send");
  await tmux.waitForScreen("tui-a", (screen) => screen.includes(SENT_TEXT) && screen.includes(TUI_REPLY), {
    timeout: 30_000,
    what: "the prompt sent and the fake model's reply in the terminal",
  });
  world.note("sent: the fake model's reply is on the terminal's screen");

  await typeForTerminal(session, labelA, TOAST_TEXT);
  await press(session, labelA, "Show as a toast");
  await tmux.waitForScreen("tui-a", (screen) => screen.includes(TOAST_TEXT) && screen.includes("OpenCode Desk"), {
    timeout: 10_000,
    interval: 100,
    what: "the toast (title OpenCode Desk) on the terminal's screen",
  });
  world.note("the toast shows on the terminal's screen");
  // What a user sees, kept for the note and the README (e2e/artifacts/, like live-data's).
  await shot(session, tmux, "tui-a", "tui-control-drive");

  // New session takes the TUI from the session it shows to its start screen.
  assert.ok(!(await tmux.screen("tui-a")).includes("Ask anything"), "the terminal shows a session, not its start screen, before New session");
  await choose(session, await waitNamed(session, card(labelA), "select", "Command"), "New session");
  await press(session, labelA, "Run");
  await tmux.waitForScreen("tui-a", (screen) => screen.includes("Ask anything") && !screen.includes(TUI_REPLY), {
    what: "the terminal's start screen after the command New session",
  });
  world.note("the command New session ran in the terminal");

  // A session of the app, from its menu: the TUI shows it (its prompt and reply on its screen).
  await closeTerminals(session);
  // With one ready TUI (other TUIs on this machine are outside the tests' network) the app
  // goes straight to it; its dialog shows only when that failed, and then says why.
  const chooser = names.dialog("Open in which terminal?");
  await sessionAction(session, "Asked in the desk app", "Open in terminal");
  let screen = "";
  await waitUntil(async () => {
    screen = await tmux.screen("tui-a");
    return screen.includes(APP_PROMPT) && screen.includes(APP_REPLY);
  }, {
    timeout: 20_000,
    message: async () => {
      const [dialog] = await session.findAll(chooser);
      const says = dialog ? `; the app's dialog says ${JSON.stringify(await dialog.text())}` : "";
      return `the app's session (its prompt and reply) in the terminal after Open in terminal${says}; its screen:\n${screen}`;
    },
  });
  await session.waitForGone(chooser);
  world.note("Open in terminal: the terminal shows the app's session");

  // (2) The app obeys programs that call /tui/* on its server. The password TUI of (3) starts
  // meanwhile. Each fails if the app's screen never changes as the call asks.
  const startingB = tmux.startTui("tui-b", { port: portB, env: { OPENCODE_SERVER_PASSWORD: PASSWORD } });
  startingB.catch(() => {});
  assert.equal(await selectedTitle(session), "Asked in the desk app");
  assert.equal(await composerText(session), "", "the composer is empty before a program writes in it");
  assert.equal(await app.serverRequest("POST", "/tui/append-prompt", { text: PROGRAM_TEXT }), true);
  await waitUntil(async () => (await composerText(session)) === PROGRAM_TEXT, {
    message: async () => `the appended text in the composer (it holds ${JSON.stringify(await composerText(session))})`,
  });
  world.note("/tui/append-prompt: the text is in the composer");

  // A program's clear costs the user nothing: the toast's Undo brings the text back. Fails if the
  // composer is not emptied, or Undo does not restore it.
  await app.serverRequest("POST", "/tui/clear-prompt");
  await waitUntil(async () => (await composerText(session)) === "", { message: "the composer cleared by /tui/clear-prompt" });
  const undo = await waitNamed(session, `[role="status"][aria-label="Notifications from programs"]`, "button", "Undo");
  await undo.click();
  await waitUntil(async () => (await composerText(session)) === PROGRAM_TEXT, {
    message: async () => `Undo to restore the cleared text (the composer holds ${JSON.stringify(await composerText(session))})`,
  });
  world.note("/tui/clear-prompt: cleared, and Undo restored it");

  world.model.script({ text: PROGRAM_REPLY });
  await app.serverRequest("POST", "/tui/submit-prompt");
  await waitForReply(session, PROGRAM_REPLY);
  // Sent once, by submit-prompt: appended text alone is a draft.
  assert.equal((await userMessages(session)).filter((text) => text.includes(PROGRAM_TEXT)).length, 1, "the program's text was sent once, as the user's prompt");
  await waitUntil(async () => (await composerText(session)) === "", { message: "the composer to empty once its text was sent" });
  world.note("/tui/submit-prompt: sent, and the reply is in the transcript");

  await app.serverRequest("POST", "/tui/show-toast", { title: "From a script", message: "The build passed", variant: "success" });
  const toast = await session.waitForText(toasts, "The build passed");
  assert.match(toast, /From a script/, "the toast shows its title");
  // A command the app does not do is said so, not dropped in silence.
  await app.serverRequest("POST", "/tui/publish", { type: "tui.command.execute", properties: { command: "desk.unknown" } });
  await session.waitForText(toasts, "desk.unknown");
  world.note("/tui/show-toast: shown; an unknown command: said so");
  await session.screenshot(join(import.meta.dirname, "artifacts", "tui-control-obey-toasts.png"));

  const picked = await app.serverRequest("POST", "/session", { title: "Picked by a program" });
  await session.waitFor(sessionItem("Picked by a program"), { displayed: false, timeout: 15_000 });
  assert.equal(await selectedTitle(session), "Asked in the desk app", "making a session does not open it");
  await app.serverRequest("POST", "/tui/select-session", { sessionID: picked.id });
  await waitUntil(async () => (await selectedTitle(session)) === "Picked by a program", {
    message: async () => `the selected session to open (the open one is ${JSON.stringify(await selectedTitle(session))})`,
  });
  world.note("/tui/select-session: that session is open");

  const before = new Set((await app.serverRequest("GET", "/session")).map((s) => s.id));
  await app.serverRequest("POST", "/tui/execute-command", { command: "session_new" });
  const made = await waitUntil(async () => (await app.serverRequest("GET", "/session")).find((s) => !before.has(s.id)), {
    message: "a new session on the app's server after /tui/execute-command session_new",
  });
  await waitUntil(async () => (await selectedTitle(session)) === made.title, {
    message: async () => `the new session ${JSON.stringify(made.title)} to be the open one (it is ${JSON.stringify(await selectedTitle(session))})`,
  });
  world.note("/tui/execute-command session_new: a new session is open");

  // (3) Bad input. A TUI behind a password: a wrong one is refused with a message, the right one
  // makes it ready (and really driven).
  await startingB;
  const password = await waitForCard(session, labelB, { selector: "input", name: `Password for ${labelB}` });
  await fill(password, "not-its-password");
  await press(session, labelB, "Unlock");
  await session.waitForText(cardAlert(labelB), /password/i);
  assert.equal(await findNamed(session, card(labelB), "textarea", "Text for the terminal"), undefined, "still locked after a wrong password");
  await fill(await waitNamed(session, card(labelB), "input", `Password for ${labelB}`), PASSWORD);
  await press(session, labelB, "Unlock");
  await waitNamed(session, card(labelB), "textarea", "Text for the terminal");
  await typeForTerminal(session, labelB, "Unlocked and driven");
  await press(session, labelB, "Put in its prompt");
  await tmux.waitForScreen("tui-b", "Unlocked and driven", { what: "the unlocked terminal to get the text" });
  world.note("password: a wrong one refused, the right one unlocks the terminal");

  // A TUI that quits between being listed and being sent to: a clear message, the text kept.
  await waitForCard(session, labelA);
  await typeForTerminal(session, labelA, KEPT_TEXT);
  await tmux.killSession("tui-a");
  await press(session, labelA, "Send");
  await session.waitForText(cardAlert(labelA), /no longer running/);
  const kept = await waitNamed(session, card(labelA), "textarea", "Text for the terminal");
  assert.equal(await kept.property("value"), KEPT_TEXT, "the typed text is kept after the failure");
  world.note("a terminal that quit: 'no longer running', the text kept");

  // (4) Open OpenCode in a terminal: the script the app runs as $TERMINAL opens tmux session
  // `attach` running `opencode attach <the app's server>`.
  await (await waitNamed(session, TERMINALS, "button", "Open OpenCode in a terminal")).click();
  await waitUntil(() => tmux.has(attach), {
    timeout: 15_000,
    message: async () => `tmux session ${attach} to be opened by the app (the Terminals place says ${JSON.stringify(await (await session.find(by.css(TERMINALS))).text())})`,
  });
  await tmux.waitForScreen(attach, "Ask anything", { timeout: 45_000, what: "the attached terminal OpenCode to draw" });
  await waitForCard(session, "project (attached to the app's server)");
  world.note("Open OpenCode in a terminal: a TUI attached to the app's server is up and listed");
  await closeTerminals(session);

  // Now the attached TUI owns the prompt: a program's text goes there, not to the app. A toast
  // sent after it shows in both, and the app handles its server's events in order, so once the
  // toast is on the app's screen the text would have been in its composer.
  await app.serverRequest("POST", "/tui/append-prompt", { text: FOR_ATTACHED });
  await tmux.waitForScreen(attach, FOR_ATTACHED, { what: "the program's text in the attached terminal's prompt" });
  await app.serverRequest("POST", "/tui/show-toast", { message: "After the attached text", variant: "info" });
  await session.waitForText(toasts, "After the attached text");
  assert.ok(!(await composerText(session)).includes(FOR_ATTACHED), "the app left the prompt text to the attached terminal");
  world.note("with a TUI attached, a program's prompt text goes to it and not to the app");
}, { timeout: 170_000 });

/** The app's window and the terminal's screen (as text) at this point, in e2e/artifacts/. */
async function shot(session, tmux, name, file) {
  const artifacts = join(import.meta.dirname, "artifacts");
  await session.screenshot(join(artifacts, `${file}.png`));
  await writeFile(join(artifacts, `${file}.terminal.txt`), await tmux.screen(name));
}
