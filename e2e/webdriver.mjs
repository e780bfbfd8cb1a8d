// A small W3C WebDriver client on fetch, enough to drive the real app through tauri-driver:
// sessions, finding elements (css, xpath, accessible names), clicks, keys, text, waiting with a
// clear failure message, script execution and screenshots. No dependencies.
import { writeFile } from "node:fs/promises";

/** The key W3C uses for an element reference in JSON. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** WebDriver's key codes for the keys the tests press (the W3C "normalized key values"). */
export const Key = Object.freeze({
  /** Releases the modifiers pressed so far in one Element.type. */
  Null: "\uE000",
  Enter: "\uE007",
  Escape: "\uE00C",
  Shift: "\uE008",
  Control: "\uE009",
  Backspace: "\uE003",
  Tab: "\uE004",
});

export class WebDriverError extends Error {
  constructor(what, status, value) {
    const detail = value?.message ?? JSON.stringify(value);
    super(`WebDriver ${what}: ${value?.error ?? `HTTP ${status}`}: ${detail}`);
    this.name = "WebDriverError";
    this.code = value?.error;
  }
}

/** How long one WebDriver command may take before the test says the driver hangs. */
const COMMAND_TIMEOUT = 30_000;

async function call(base, method, path, body, timeout = COMMAND_TIMEOUT) {
  let response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (error) {
    if (error.name === "TimeoutError") {
      throw new WebDriverError(`${method} ${path}`, 0, { error: "no answer", message: `the driver did not answer within ${timeout} ms` });
    }
    throw error;
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(`${method} ${path}`, response.status, { message: text.slice(0, 500) });
  }
  if (!response.ok) throw new WebDriverError(`${method} ${path}`, response.status, json.value);
  return json.value;
}

/** How an element is looked for: a W3C strategy and its value, plus words for error messages. */
export const by = Object.freeze({
  css: (selector) => ({ using: "css selector", value: selector, says: `css ${selector}` }),
  xpath: (expression) => ({ using: "xpath", value: expression, says: `xpath ${expression}` }),
  /** An element whose aria-label is exactly `name`. */
  label: (name) => ({
    using: "css selector",
    value: `[aria-label=${JSON.stringify(name)}]`,
    says: `the element labelled "${name}"`,
  }),
  /** A button whose visible text (whitespace normalized) is exactly `text`, or labelled so. */
  button: (text) => ({
    using: "xpath",
    value: `//button[normalize-space(.)=${xpathString(text)} or @aria-label=${xpathString(text)}]`,
    says: `the button "${text}"`,
  }),
  /** An element with `role`, e.g. status or alert. */
  role: (role) => ({
    using: "css selector",
    value: `[role=${JSON.stringify(role)}]`,
    says: `the element with role ${role}`,
  }),
  /** Any element whose own text contains `text`. */
  text: (text) => ({
    using: "xpath",
    value: `//*[contains(text(), ${xpathString(text)})]`,
    says: `text "${text}"`,
  }),
});

/** An XPath 1.0 string literal for any text (XPath has no escapes: concat() the quotes). */
export function xpathString(text) {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text
    .split('"')
    .map((piece) => `"${piece}"`)
    .join(`, '"', `)})`;
}

/** Waits until `check` returns something truthy (or stops throwing); returns that value. */
export async function waitUntil(check, { timeout = 10_000, interval = 100, message } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const what = typeof message === "function" ? await message() : message;
      const why = last ? ` (last error: ${last.message})` : "";
      throw new Error(`Timed out after ${timeout} ms waiting for ${what ?? "a condition"}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export class Element {
  constructor(session, id, says) {
    this.session = session;
    this.id = id;
    this.says = says;
  }

  #path(rest) {
    return `/element/${this.id}${rest}`;
  }

  async click() {
    await this.session.command("POST", this.#path("/click"), {});
  }

  /** Types `text` into the element (it gets focus first). */
  async type(text) {
    await this.session.command("POST", this.#path("/value"), { text });
  }

  async clear() {
    await this.session.command("POST", this.#path("/clear"), {});
  }

  /** The rendered text, as a user reads it. */
  text() {
    return this.session.command("GET", this.#path("/text"));
  }

  attribute(name) {
    return this.session.command("GET", this.#path(`/attribute/${encodeURIComponent(name)}`));
  }

  property(name) {
    return this.session.command("GET", this.#path(`/property/${encodeURIComponent(name)}`));
  }

  enabled() {
    return this.session.command("GET", this.#path("/enabled"));
  }

  displayed() {
    return this.session.command("GET", this.#path("/displayed"));
  }

  async find(how) {
    const value = await this.session.command("POST", this.#path("/element"), {
      using: how.using,
      value: how.value,
    });
    return new Element(this.session, value[ELEMENT], how.says);
  }

  async findAll(how) {
    const values = await this.session.command("POST", this.#path("/elements"), {
      using: how.using,
      value: how.value,
    });
    return values.map((value) => new Element(this.session, value[ELEMENT], how.says));
  }

  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /**
   * Starts the app through tauri-driver at `base` (e.g. http://127.0.0.1:4444).
   * `application` is the binary (or a script that execs it); `args` its command line.
   */
  static async start(base, { application, args = [], timeout = 60_000 }) {
    const value = await call(
      base,
      "POST",
      "/session",
      { capabilities: { alwaysMatch: { "tauri:options": { application, args } } } },
      timeout,
    );
    return new Session(base, value.sessionId);
  }

  command(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Ends the session; the driver closes the app. */
  async end() {
    await call(this.base, "DELETE", `/session/${this.id}`);
  }

  async find(how) {
    const value = await this.command("POST", "/element", { using: how.using, value: how.value });
    return new Element(this, value[ELEMENT], how.says);
  }

  async findAll(how) {
    const values = await this.command("POST", "/elements", { using: how.using, value: how.value });
    return values.map((value) => new Element(this, value[ELEMENT], how.says));
  }

  /** Waits for an element to exist (and be displayed, unless `displayed: false`). */
  waitFor(how, { timeout = 10_000, displayed = true } = {}) {
    return waitUntil(
      async () => {
        const [element] = await this.findAll(how);
        if (!element) return undefined;
        if (displayed && !(await element.displayed())) return undefined;
        return element;
      },
      { timeout, message: `${how.says}${displayed ? " to be shown" : " to exist"}` },
    );
  }

  /** Waits until no element matches. */
  waitForGone(how, { timeout = 10_000 } = {}) {
    return waitUntil(async () => (await this.findAll(how)).length === 0, {
      timeout,
      message: `${how.says} to go away`,
    });
  }

  /** Waits until the text of the element `how` finds satisfies `test` (a string to contain or a RegExp). */
  async waitForText(how, test, { timeout = 10_000 } = {}) {
    let seen = "(no such element)";
    const matches =
      typeof test === "string" ? (t) => t.includes(test) : (t) => test.test(t);
    return waitUntil(
      async () => {
        const [element] = await this.findAll(how);
        if (!element) {
          seen = "(no such element)";
          return undefined;
        }
        seen = await element.text();
        return matches(seen) ? seen : undefined;
      },
      { timeout, message: () => `${how.says} to show ${test} (it shows ${JSON.stringify(seen.slice(-300))})` },
    );
  }

  /** Runs `script` (a function body) in the page; `arguments` are `args`. */
  execute(script, args = []) {
    return this.command("POST", "/execute/sync", { script, args });
  }

  /** Presses keys on whatever has focus (W3C actions). */
  async press(...keys) {
    const down = keys.map((value) => ({ type: "keyDown", value }));
    const up = [...keys].reverse().map((value) => ({ type: "keyUp", value }));
    await this.command("POST", "/actions", {
      actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }],
    });
    await this.command("DELETE", "/actions");
  }

  /** Moves the mouse over the middle of `element` (what shows hover-only controls). */
  async hover(element) {
    await this.command("POST", "/actions", {
      actions: [{
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [{ type: "pointerMove", duration: 0, origin: element.toJSON(), x: 0, y: 0 }],
      }],
    });
  }

  title() {
    return this.command("GET", "/title");
  }

  windowHandles() {
    return this.command("GET", "/window/handles");
  }

  windowHandle() {
    return this.command("GET", "/window");
  }

  async switchToWindow(handle) {
    await this.command("POST", "/window", { handle });
  }

  /** Saves a PNG of the current window to `file`. */
  async screenshot(file) {
    const png = await this.command("GET", "/screenshot");
    await writeFile(file, Buffer.from(png, "base64"));
  }
}
