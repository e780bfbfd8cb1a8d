// What the tests look for in the app, by the names a user (or a screen reader) knows them by:
// aria-labels, roles and button text from ui/src. Kept in one place: renaming one of these in
// the UI breaks the tests here, on purpose (README lists them).
import { by, Key, waitUntil, xpathString } from "./webdriver.mjs";

/** The session list's rows: the button that opens a session is the one without a label. */
const ROWS = `//nav[@aria-label="Sessions"]//ul[@aria-label="Session list"]/li`;

export const names = Object.freeze({
  /** StatusBar's connection: "Live", "Reconnecting…", "Offline", "Resynced", ... */
  status: by.css(`[role="status"][aria-label^="Connection: "]`),
  sessions: by.css(`nav[aria-label="Sessions"]`),
  newSession: by.button("New session"),
  /** The main area's empty state of a project without sessions. */
  noSessions: by.label("No sessions yet"),
  message: by.label("Message"), // the composer's textarea
  send: by.button("Send"),
  stop: by.button("Stop"),
  transcript: by.label("Transcript"),
  reply: by.css(`[aria-label="Transcript"] article[aria-label="OpenCode"]`),
  userMessage: by.css(`[aria-label="Transcript"] article[aria-label="You"]`),
  permission: (tool) => by.label(`Permission request: ${tool}`),
  allowOnce: by.button("Allow once"),
  /** The header's count of what waits for the user on every server; it shows the list. */
  needsYouBadge: by.css(`button[aria-label^="Needs you: "]`),
  /** A row's Open button in the Needs you list, by what it waits for ("permission"...). */
  needsYouOpen: (waits) => by.css(`section[aria-label="Needs you"] button[aria-label$=${JSON.stringify(`: ${waits}`)}]`),
  /** A group of the Needs you list, by its project's folder name. */
  needsYouGroup: (project) => by.xpath(`//section[@aria-label="Needs you"]//h3[.//*[normalize-space(.)=${xpathString(project)}]]`),
  reject: by.button("Reject"),
  quickPrompt: by.label("Prompt"), // the quick prompt window's textarea
  /** The header's project button (its text is the project's directory). */
  project: by.label("Servers and projects"),
  serverVersion: by.xpath(`//footer//*[starts-with(normalize-space(.), "OpenCode ") and not(*)]`),
  sessionActions: by.label("Session actions"),
  sessionTitleField: by.label("Session title"),
  /** A menu item by its label (its keyboard hint, e.g. F2, follows the label). */
  menuItem: (text) => by.xpath(`//*[@role="menuitem"][starts-with(normalize-space(.), ${xpathString(text)})]`),
  confirmDialog: by.css(`[role="alertdialog"]`),
  /** A modal dialog by its label. */
  dialog: (label) => by.css(`[role="dialog"][aria-label=${JSON.stringify(label)}]`),
  /** A form field by the text of its <label>. */
  field: (label) => by.xpath(`//input[@id=//label[normalize-space(.)=${xpathString(label)}]/@for]`),
  /** A button by its text, relative to an element (for Element.find). */
  buttonIn: (text) => by.xpath(`.//button[normalize-space(.)=${xpathString(text)}]`),
  /** Tool cards of one tool in the transcript; data-status says pending/running/completed/error. */
  toolCards: (tool) => by.css(`[aria-label="Transcript"] .tool-card[data-tool=${JSON.stringify(tool)}]`),
  toolOutput: by.css(`figure[aria-label="Output"]`),
  /** On a user message (shown on hover or focus). */
  revertButton: by.css(`button[aria-label="Revert to before this message"]`),
  revertBanner: by.label("Session reverted"),
  filesToggle: by.button("Files"),
  changesToggle: by.button("Changes"),
  /** The Changes panel's group of the files one prompt's turn changed. */
  turnChanges: (prompt) => by.label(`Changes after “${prompt}”`),
  /** The Changes panel's group of what a revert undid. */
  undoneChanges: by.label("Changes undone by the revert"),
  /** A row of the Changes panel, by the file's path (its label starts with it). */
  changedFile: (path) => by.css(`aside[aria-label="Changes"] button.changed-file[aria-label^=${JSON.stringify(`${path}, `)}]`),
  fileTree: by.label("Project files"),
  /** A row of the project tree, by the file or folder name it shows. */
  treeItem: (name) => by.xpath(`//*[@role="tree"][@aria-label="Project files"]//*[@role="treeitem"][.//*[normalize-space(text())=${xpathString(name)}]]`),
  fileContents: (path) => by.label(`Contents of ${path}`),
  /** Above the composer: the prompts waiting to go out, each with its state. */
  queuedPrompts: by.css(`section[aria-label="Queued prompts"]`),
  /** The Servers and projects dialog's list of the server's projects. */
  projects: by.css(`[role="listbox"][aria-label="Projects on this server"]`),
  /** An option of that list, by the project's directory (each option shows it). */
  projectOption: (directory) => by.xpath(`//*[@role="listbox"][@aria-label="Projects on this server"]/*[@role="option"][.//*[normalize-space(.)=${xpathString(directory)}]]`),
  searchText: by.label("Search text in files"),
  searchResult: (text) => by.xpath(`//*[@role="listbox"][@aria-label="Search results"]//*[@role="option"][contains(normalize-space(.), ${xpathString(text)})]`),
});

/** The open button of the session row whose title contains `title`. */
export const sessionItem = (title) =>
  by.xpath(`${ROWS}[.//button[not(@aria-label)][contains(normalize-space(.), ${xpathString(title)})]]//button[not(@aria-label)]`);

/** The open buttons of all rows of the session list. */
export const sessionItems = by.xpath(`${ROWS}//button[not(@aria-label)]`);

/** Waits until the status bar says the link is live. */
export function waitLive(session, { timeout = 45_000 } = {}) {
  return session.waitForText(names.status, /^Live$/, { timeout });
}

/** Types `text` in the composer and presses Enter, as a user sends a prompt. */
export async function sendPrompt(session, text) {
  const box = await session.waitFor(names.message);
  await box.click();
  await box.type(text);
  await box.type(Key.Enter);
  // The composer empties itself once the prompt is on its way.
  await waitUntil(async () => (await box.property("value")) === "", {
    timeout: 10_000,
    message: "the composer to empty after Enter (the prompt was not sent)",
  });
}

/**
 * The text parts (rendered markdown) of the newest reply in the open transcript ("" when none),
 * read in one script so a re-render between WebDriver calls cannot leave a stale element.
 */
export function lastReplyText(session) {
  return session.execute(`
    const replies = document.querySelectorAll('[aria-label="Transcript"] article[aria-label="OpenCode"]');
    const last = replies[replies.length - 1];
    if (!last) return "";
    return Array.from(last.querySelectorAll(".markdown"), (part) => part.innerText).join("\\\\n");
  `);
}

/** Waits until the newest reply contains `text`; returns the reply's whole text. */
export function waitForReply(session, text, { timeout = 30_000 } = {}) {
  let seen = "";
  return waitUntil(async () => {
    seen = await lastReplyText(session);
    return seen.includes(text) ? seen : undefined;
  }, { timeout, message: () => `a reply containing ${JSON.stringify(text)} (the last reply shows ${JSON.stringify(seen.slice(-300))})` });
}

/**
 * The titles in the session list, top to bottom, and which one is open. A row's title is what its
 * "Session actions" button is described by (aria-describedby). DOM text, not WebDriver's visible
 * text: WebKitWebDriver counts a one-line ellipsized title (overflow hidden) as not displayed.
 */
export function sessionTitles(session) {
  return session.execute(`
    return Array.from(document.querySelectorAll('nav[aria-label="Sessions"] ul[aria-label="Session list"] > li'), (row) => {
      const actions = row.querySelector('button[aria-label="Session actions"]');
      const title = actions && document.getElementById(actions.getAttribute("aria-describedby"));
      const open = row.querySelector("button[aria-current]");
      return { title: title ? title.textContent : null, open: open !== null };
    });
  `);
}

/** The open session's title, from the session list. */
export async function selectedTitle(session) {
  return (await sessionTitles(session)).find((row) => row.open)?.title ?? undefined;
}

/**
 * Starts recording, in the page, every text the connection status shows, with the time
 * (Date.now(), the same clock as this process's): a state shown for a few milliseconds (a quick
 * reconnect) is seen too. Read it with statusLog. The log lives in the page's window, so it is
 * gone after a reload: statusLog then fails, which is how a test sees that nothing reloaded.
 */
export async function watchStatus(session) {
  await session.execute(`
    if (window.__e2eStatus) return;
    const log = [];
    const read = () => {
      const element = document.querySelector('[role="status"][aria-label^="Connection: "]');
      const text = element ? element.getAttribute("aria-label").slice("Connection: ".length) : "(none)";
      if (log.length === 0 || log[log.length - 1].text !== text) log.push({ t: Date.now(), text });
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-label"] });
    window.__e2eStatus = log;
  `);
}

/** What the status showed since watchStatus: [{ t, text }], oldest first. */
export async function statusLog(session) {
  const log = await session.execute(`return window.__e2eStatus ?? null;`);
  if (!log) throw new Error("the page has no status log: it was reloaded since watchStatus (or watchStatus was not called)");
  return log;
}

/** Waits until the status showed something other than Live at or after `since`; returns that entry. */
export function waitLeftLive(session, since, { timeout = 10_000 } = {}) {
  let seen = [];
  return waitUntil(async () => {
    seen = await statusLog(session);
    return seen.find((entry) => entry.t >= since && entry.text !== "Live");
  }, { timeout, interval: 100, message: () => `the status bar to leave Live (it showed ${JSON.stringify(seen.filter((e) => e.t >= since - 1000).map((e) => e.text))})` });
}

/**
 * Switches the window to another project of its server, as a user does: the header's project
 * button, then the project in Servers and projects. Resolves once the header shows it.
 */
export async function openProject(session, directory) {
  await (await session.waitFor(names.project, { displayed: false })).click();
  await session.waitFor(names.dialog("Servers and projects"));
  await (await session.waitFor(names.projectOption(directory), { timeout: 15_000 })).click();
  await session.waitForGone(names.dialog("Servers and projects"), { timeout: 15_000 });
  await waitUntil(async () => (await (await session.find(names.project)).attribute("title")) === directory, {
    message: `the header to show the project ${directory}`,
  });
}

/** The composer's text now. */
export async function composerText(session) {
  return (await session.waitFor(names.message)).property("value");
}

/** Empties the composer as a user does (select all, delete). */
export async function clearComposer(session) {
  const box = await session.waitFor(names.message);
  await box.click();
  await box.type(`${Key.Control}a${Key.Null}${Key.Backspace}`);
  await waitUntil(async () => (await box.property("value")) === "", { message: "the composer to empty" });
}

/** Opens the session whose title contains `title` from the session list, as a click does. */
export async function openSession(session, title) {
  const item = await session.waitFor(sessionItem(title), { displayed: false, timeout: 15_000 });
  try {
    await item.click();
  } catch {
    // WebKitWebDriver may call a row whose title is ellipsized not displayed: click it in the page.
    await session.execute("arguments[0].click();", [item]);
  }
}
