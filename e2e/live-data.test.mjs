// Live data you can trust, through faults: the app attached to a real server through testkit's
// fault proxy (crates/testkit/src/fault_proxy.rs), which cuts, refuses, stalls and
// accept-then-closes the event streams while the server behind it keeps working. One world, in
// order: one event connection per server whatever the project switching; an event-stream outage
// during a streamed reply (the reply is whole within 3 s of the outage's end, with no reload);
// a full outage during which two prompts are sent (they wait visibly, then go once each); a
// silent stall (noticed within 15 s); an accept-then-close server (the reconnects slow down).
// Each step prints its figure.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { FakeModel } from "./fake-model.mjs";
import { appTest, sleep } from "./world.mjs";
import { waitUntil } from "./webdriver.mjs";
import {
  lastReplyText,
  names,
  openProject,
  sendPrompt,
  sessionItem,
  statusLog,
  waitForReply,
  waitLeftLive,
  waitLive,
  watchStatus,
} from "./ui.mjs";

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const words = (text) => text.replace(/\s+/g, " ").trim();

appTest("live data through a faulty link: one connection, whole after outages, queued prompts sent once, stalls noticed, no knocking storm", async (world) => {
  const outside = await world.startOutsideServer();
  const proxy = await world.startFaultProxy(outside.url);
  // A second project the server knows, to switch to.
  const second = await world.makeProject(join(world.root, "second-project"));
  await world.outsideRequest(outside, "GET", "/session", undefined, { directory: second });
  // The app finds the proxy among its extra ports (before the server's own port: world.mjs).
  await world.writeSettings({ extra_ports: [proxy.port] });

  const app = await world.startApp();
  const { session } = app;
  await waitLive(session);
  await watchStatus(session);

  // (a) One event connection per server: after start, and after switching project ten times.
  const atStart = await waitUntil(async () => {
    const stats = await proxy.stats();
    return stats.eventStreamsOpen > 0 ? stats : undefined;
  }, { message: "the app's event stream through the proxy" });
  world.note(`event connections after start: ${atStart.eventRequests} made, ${atStart.eventStreamsOpen} open`);
  assert.deepEqual(await app.servers(), [], "the app uses the server behind the proxy, none of its own");
  assert.equal(atStart.eventRequests, 1, "one event connection for the server (windows and tray share it)");
  assert.equal(atStart.eventStreamsOpen, 1);

  const switches = 10;
  const switching = Date.now();
  for (let i = 0; i < switches; i += 1) await openProject(session, i % 2 === 0 ? second : world.project);
  await waitLive(session);
  const afterSwitches = await proxy.stats();
  world.note(`${switches} project switches in ${seconds(Date.now() - switching)}; event connections after them: ${afterSwitches.eventRequests} made, ${afterSwitches.eventStreamsOpen} open`);
  assert.equal(afterSwitches.eventStreamsOpen, 1, "still one event stream open after the switches");
  assert.equal(afterSwitches.eventRequests, 1, "a project switch is a new subscription, not a new connection");

  // (b) An outage of the event streams while the model streams a slow reply: the status bar
  // says so, and the whole reply is on screen soon after the outage ends, with no reload.
  const story = `${Array.from({ length: 30 }, (_, i) => `word${i + 1}`).join(" ")} end-of-the-story.`;
  world.model.script({ text: story, delay: 200 });
  await sendPrompt(session, "Tell a slow story.");
  await waitForReply(session, "word3");
  const outageMs = 8000;
  const outageStart = Date.now();
  await proxy.outage(outageMs, "events");
  // The proxy's outage ends outageMs after it got the command, so no later than this.
  const outageEnd = outageStart + outageMs;
  const left = await waitLeftLive(session, outageStart);
  world.note(`outage of the event streams: the status bar says ${left.text} ${seconds(left.t - outageStart)} in`);
  const storyRequest = world.model.chatRequests.at(-1);
  await waitUntil(() => storyRequest.finished, { timeout: outageMs, message: "the model to finish the story" });
  assert.ok(storyRequest.finished < outageEnd, "the reply ended during the outage: only a catch-up can show its end");
  let shown = "";
  const whole = await waitUntil(async () => {
    shown = words(await lastReplyText(session));
    return shown === story ? Date.now() : undefined;
  }, { timeout: outageMs + 15_000, interval: 50, message: () => `the whole story on screen (it shows ${JSON.stringify(shown.slice(-120))})` });
  world.note(`view whole ${seconds(whole - outageEnd)} after the outage ended`);
  assert.ok(whole - outageEnd <= 3000, `the whole reply within 3 s of the outage's end (it took ${seconds(whole - outageEnd)})`);
  await session.waitForGone(names.stop, { timeout: 10_000 });
  await waitLive(session);

  // (c) A full outage (every request refused) during which two prompts are sent: they wait,
  // visibly, and once the link is back each goes exactly once.
  const prompts = ["First prompt sent while offline.", "Second prompt sent while offline."];
  const answers = ["Answer to the first offline prompt.", "Answer to the second offline prompt."];
  world.model.script({ text: answers[0] }, { text: answers[1] });
  const chatsBefore = world.model.chatRequests.length;
  const fullMs = 7000;
  const fullStart = Date.now();
  await proxy.outage(fullMs, "all");
  const fullEnd = fullStart + fullMs;
  await waitLeftLive(session, fullStart);
  for (const prompt of prompts) await sendPrompt(session, prompt);
  await session.waitFor(names.queuedPrompts);
  let queued = [];
  await waitUntil(async () => {
    // DOM text: WebKitWebDriver counts the ellipsized previews as not displayed.
    queued = await session.execute(`
      return Array.from(document.querySelectorAll('section[aria-label="Queued prompts"] li'), (item) => item.textContent);
    `);
    return queued.length === 2 && prompts.every((p, i) => queued[i].includes(p) && queued[i].includes("Will send when connected"));
  }, { timeout: 5000, message: () => `both prompts queued in order, each saying "Will send when connected" (the queue shows ${JSON.stringify(queued)})` });
  assert.ok(Date.now() < fullEnd, "the queue was seen while the outage lasted (the test was too slow to see it)");
  world.note(`full outage: both prompts wait, "Will send when connected", ${seconds(Date.now() - fullStart)} in`);
  // What the user sees then, kept with the artifacts (e2e/artifacts/, not committed).
  mkdirSync(join(import.meta.dirname, "artifacts"), { recursive: true });
  await session.screenshot(join(import.meta.dirname, "artifacts", "live-data-queued-offline.png"));

  await waitForReply(session, answers[1], { timeout: 45_000 });
  world.note(`the queued prompts were answered ${seconds(Date.now() - fullEnd)} after the full outage ended`);
  await session.waitForGone(names.queuedPrompts, { timeout: 10_000 });
  await session.waitForGone(names.stop, { timeout: 10_000 });
  const inTranscript = await session.execute(`
    const users = Array.from(document.querySelectorAll('[aria-label="Transcript"] article[aria-label="You"]'), (a) => a.innerText);
    return arguments[0].map((p) => users.filter((u) => u.includes(p)).length);
  `, [prompts]);
  assert.deepEqual(inTranscript, [1, 1], "each queued prompt is in the transcript once");
  const [listed] = (await world.outsideRequest(outside, "GET", "/session")).filter((s) => s.title === world.model.title);
  const messages = await world.outsideRequest(outside, "GET", `/session/${listed.id}/message`);
  const onServer = prompts.map((p) => messages.filter((m) => m.info.role === "user" && m.parts.some((part) => part.type === "text" && part.text.includes(p))).length);
  assert.deepEqual(onServer, [1, 1], "the server got each queued prompt once");
  const toModel = prompts.map((p) => world.model.chatRequests.slice(chatsBefore).filter((r) => FakeModel.lastUserText(r).includes(p)).length);
  assert.deepEqual(toModel, [1, 1], "the model was asked about each queued prompt once");
  assert.equal(world.model.chatRequests.length - chatsBefore, 2, "two requests to the model for the two prompts");
  await waitLive(session);

  // (d) A silent stall (the socket stays open, nothing arrives, heartbeats included) is noticed
  // within 15 s of the last byte. An event just before it makes the last byte a moment old.
  await world.outsideRequest(outside, "POST", "/session", { title: "Made just before the stall" });
  await session.waitFor(sessionItem("Made just before the stall"), { displayed: false, timeout: 10_000 });
  const stallStart = Date.now();
  await proxy.stall();
  const stalled = await waitLeftLive(session, stallStart, { timeout: 40_000 });
  world.note(`stall shown after ${seconds(stalled.t - stallStart)} (status ${stalled.text})`);
  assert.ok(stalled.t - stallStart <= 20_000, `a stall is noticed within 15 s and a margin (it took ${seconds(stalled.t - stallStart)})`);
  await proxy.clear();
  await waitLive(session, { timeout: 20_000 });
  // Events flow again: a session made on the server shows up.
  await world.outsideRequest(outside, "POST", "/session", { title: "Made after the stall" });
  await session.waitFor(sessionItem("Made after the stall"), { displayed: false, timeout: 10_000 });
  world.note("after the stall: Live, and events arrive again");

  // (e) A server (here the proxy) that accepts each event stream and closes it at once: the
  // reconnects slow down (250 ms doubling to 2 s) instead of knocking every 250 ms.
  const knockMs = 6000;
  const beforeKnocks = await proxy.stats();
  await proxy.acceptThenClose();
  await proxy.cut();
  await sleep(knockMs);
  const afterKnocks = await proxy.clear();
  const knocks = afterKnocks.eventRequests - beforeKnocks.eventRequests;
  world.note(`accept-then-close for ${seconds(knockMs)}: ${knocks} event connections (one every 250 ms would be ${knockMs / 250})`);
  assert.ok(knocks >= 2, `the app kept trying (${knocks} connections)`);
  assert.ok(knocks <= 10, `the reconnects back off (${knocks} connections in ${seconds(knockMs)})`);
  await waitLive(session, { timeout: 20_000 });
  const final = await waitUntil(async () => {
    const stats = await proxy.stats();
    return stats.eventStreamsOpen === 1 ? stats : undefined;
  }, { message: "one event stream open at the end" });
  world.note(`at the end: ${final.eventRequests} event connections made in all, ${final.eventStreamsOpen} open`);

  // Through it all: no reload (the page's status log is still there), no server of its own.
  const log = await statusLog(session);
  world.note(`the status bar showed: ${log.map((e) => e.text).join(" → ")}`);
  assert.deepEqual(await app.servers(), [], "the app never started a server of its own");
}, { timeout: 180_000 });
