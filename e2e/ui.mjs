// What the tests look for in the app, by the names a user (or a screen reader) knows them by:
// aria-labels, roles and button text from ui/src. Kept in one place: renaming one of these in
// the UI breaks the tests here, on purpose (README lists them).
import { by, Key, waitUntil, xpathString } from "./webdriver.mjs";

export const names = Object.freeze({
  status: by.role("status"), // StatusBar: "Live", "Reconnecting…", "Offline", ...
  sessions: by.label("Sessions"), // SessionList <nav>
  newSession: by.button("New session"),
  noSessionsHint: by.xpath(`//nav[@aria-label="Sessions"]//*[contains(., "No sessions yet")]`),
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
  projectPath: by.css(".project-path"),
  serverVersion: by.css(".server-version"),
  toolCard: (tool) => by.xpath(`//details[contains(@class, "tool-card")][.//*[contains(@class, "tool-name")][normalize-space(.)=${xpathString(tool)}]]`),
});

/** The session list's entry whose title contains `title`. */
export const sessionItem = (title) =>
  by.xpath(`//nav[@aria-label="Sessions"]//li/button[contains(normalize-space(.), ${xpathString(title)})]`);

/** All entries of the session list. */
export const sessionItems = by.xpath(`//nav[@aria-label="Sessions"]//li/button`);

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
    return Array.from(last.querySelectorAll(".markdown"), (part) => part.innerText).join("\\n");
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
 * The open session's title, read from the selected entry of the session list. Its DOM text, not
 * WebDriver's "visible text": WebKitWebDriver counts a one-line ellipsized title (overflow
 * hidden) as not displayed, though it is on screen.
 */
export async function selectedTitle(session) {
  const [item] = await session.findAll(by.css(`nav[aria-label="Sessions"] button[aria-current="true"] .session-title`));
  return item ? item.property("textContent") : undefined;
}
