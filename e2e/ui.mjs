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
