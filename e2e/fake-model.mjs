// A scripted OpenAI-compatible model on loopback, run inside the test process so each test says
// what the model answers next. OpenCode calls it as its only provider (see world.mjs for the
// config), for titles too: a title request (its system prompt asks for a title) gets `title`;
// every other chat request gets the next step of the script:
//   { text, delay? }            a streamed text reply, one word per chunk, `delay` ms apart
//   { tool, input }             one tool call (e.g. bash with { command, description })
//   { chunks, rate, sent? }     these text chunks, `rate` a second on a fixed schedule (a late
//                               timer catches up, so the rate holds); `sent`, an array, gets
//                               Date.now() as each chunk is written (bench/app.mjs times paint
//                               against it)
// A request with nothing left in the script gets a short text saying so, and is recorded in
// `unscripted`, so a test that expected silence can check.
import { createServer } from "node:http";

export const CHAT_MODEL = "fake-model";

/** OpenCode's title requests say so in their system prompt. */
const isTitleRequest = (messages) =>
  messages.some((m) => m.role === "system" && String(m.content).includes("title generator"));

export class FakeModel {
  /** @type {Array<{text?: string, delay?: number, tool?: string, input?: object, chunks?: string[], rate?: number, sent?: number[]}>} */
  #script = [];
  #server;
  /** The title every new session gets. */
  title = "A scripted session";
  /**
   * Every request: { title, messages, closedEarly, finished } (closedEarly: the client hung up;
   * finished: Date.now() when the whole answer was written).
   */
  requests = [];
  /** Chat requests that found the script empty. */
  unscripted = [];
  port = 0;

  static async start() {
    const model = new FakeModel();
    model.#server = createServer((req, res) => {
      model.#handle(req, res).catch((error) => {
        res.destroy(error);
      });
    });
    await new Promise((resolve, reject) => {
      model.#server.once("error", reject);
      model.#server.listen(0, "127.0.0.1", resolve);
    });
    model.port = model.#server.address().port;
    return model;
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** Appends steps to the script. */
  script(...steps) {
    this.#script.push(...steps);
  }

  /** Steps not yet used. */
  get remaining() {
    return this.#script.length;
  }

  /** The text of a request's last user message (what the user just sent). */
  static lastUserText(request) {
    const last = request.messages.filter((m) => m.role === "user").at(-1);
    if (!last) return "";
    return typeof last.content === "string" ? last.content : JSON.stringify(last.content);
  }

  /** The requests that were not for a title. */
  get chatRequests() {
    return this.requests.filter((r) => !r.title);
  }

  async stop() {
    this.#server.closeAllConnections?.();
    await new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req, res) {
    const body = await readBody(req);
    if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `the fake model has no ${req.method} ${req.url}` } }));
      return;
    }
    const request = JSON.parse(body || "{}");
    const messages = request.messages ?? [];
    const record = { title: isTitleRequest(messages), messages, closedEarly: false, finished: undefined };
    this.requests.push(record);
    res.on("close", () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });

    let step;
    if (record.title) {
      step = { text: this.title, delay: 0 };
    } else {
      step = this.#script.shift();
      if (!step) {
        this.unscripted.push(record);
        step = { text: "The fake model has no scripted reply for this request." };
      }
    }
    const send = (data) => {
      if (!res.destroyed) res.write(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    };
    if (step.tool) {
      send(chunk({
        role: "assistant",
        tool_calls: [{
          index: 0,
          id: `call_${Math.random().toString(36).slice(2, 10)}`,
          type: "function",
          function: { name: step.tool, arguments: JSON.stringify(step.input ?? {}) },
        }],
      }));
      send(chunk({}, "tool_calls"));
    } else if (step.chunks) {
      const started = Date.now();
      for (const [i, text] of step.chunks.entries()) {
        if (res.destroyed) return;
        const due = started + (i * 1000) / (step.rate || 1000);
        if (due > Date.now()) await sleep(due - Date.now());
        send(chunk(i === 0 ? { role: "assistant", content: text } : { content: text }));
        step.sent?.push(Date.now());
      }
      send(chunk({}, "stop"));
    } else {
      const words = String(step.text).split(/(?<= )/);
      for (const [i, word] of words.entries()) {
        if (res.destroyed) return;
        send(chunk(i === 0 ? { role: "assistant", content: word } : { content: word }));
        if (step.delay) await sleep(step.delay);
      }
      send(chunk({}, "stop"));
    }
    send({
      id: "chatcmpl-e2e",
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [],
      usage: { prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050 },
    });
    send("[DONE]");
    res.end();
    record.finished = Date.now();
  }
}

function chunk(delta, finish = null) {
  return {
    id: "chatcmpl-e2e",
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: CHAT_MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
