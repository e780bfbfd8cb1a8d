// One job, long because the composer does many small things a user relies on: every case goes
// through the one setup() below (typing, completion, files, the queue, the connection).
import { cleanup, fireEvent, render, screen, waitFor, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { createStore } from "solid-js/store";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agent, Command, ConfigProviders, Model, PromptDraft } from "../../ipc";
import { createCompose } from "../../state/compose";
import { START_GRACE_MS } from "../../state/queue";
import Composer, { type CommandChoice, type ComposerHandle, type ComposerProps } from "./Composer";
import { currentModel, modelSections, pickModel } from "./ModelPicker.testing";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function model(providerID: string, id: string, name: string): Model {
  return { id, providerID, name, capabilities: {}, limit: {}, cost: {} };
}

const MODELS: ConfigProviders = {
  providers: [
    {
      id: "zen",
      name: "OpenCode Zen",
      models: { pickle: model("zen", "pickle", "Big Pickle"), fast: model("zen", "fast", "Fast") },
    },
    { id: "acme", name: "Acme", models: { "a/1": model("acme", "a/1", "Acme One") } },
  ],
  default: { zen: "pickle" },
};

const agent = (name: string, mode: string, hidden = false): Agent =>
  ({ name, mode, hidden, native: true, description: `${name} agent` }) as Agent;
const AGENTS = [
  agent("build", "primary"),
  agent("explore", "subagent"),
  agent("plan", "primary"),
  agent("title", "primary", true),
];

const COMMANDS: Command[] = [
  { name: "init", description: "guided AGENTS.md setup", template: "", hints: [] },
  { name: "review", description: "review changes", template: "", hints: [] },
];

type Sent = { draft: PromptDraft; sessionId: string | undefined };
type Ran = { name: string; args: string; choice: CommandChoice; sessionId: string | undefined };
type Shelled = { command: string; choice: CommandChoice; sessionId: string | undefined };

/**
 * Renders the composer with a controllable session, busy flags (per session) and connection,
 * over its own drafts-and-queue state, recording what goes out.
 */
function setup(options: Partial<ComposerProps> & { send?: () => Promise<void> } = {}) {
  const [busyOf, setBusyOf] = createStore<Record<string, boolean>>({});
  const [online, setOnline] = createSignal(true);
  const [sessionId, setSessionId] = createSignal<string | undefined>("ses_1");
  const setBusy = (busy: boolean) => {
    setBusyOf(sessionId() ?? "", busy);
  };
  const sent: Sent[] = [];
  const ran: Ran[] = [];
  const send = options.send ?? (() => Promise.resolve());
  const onSend = vi.fn((draft: PromptDraft, id: string | undefined) => {
    sent.push({ draft, sessionId: id });
    return send();
  });
  const onCommand = vi.fn(
    (name: string, args: string, choice: CommandChoice, id: string | undefined) => {
      ran.push({ name, args, choice, sessionId: id });
      return Promise.resolve();
    },
  );
  const shelled: Shelled[] = [];
  const onShell = (command: string, choice: CommandChoice, id: string | undefined) => {
    shelled.push({ command, choice, sessionId: id });
    return Promise.resolve();
  };
  const onStop = options.onStop ?? vi.fn(() => Promise.resolve());
  const findFiles = options.findFiles ?? vi.fn(() => Promise.resolve<string[]>([]));
  let handle: ComposerHandle | undefined;
  render(() => {
    const compose = createCompose({
      place: () => ({ serverId: "srv", directory: "/work/proj" }),
      open: () => sessionId() ?? "",
      online,
      busy: (id) => busyOf[id] ?? false,
      // A send to no session creates one: "ses_new".
      deliver: (outgoing, id) =>
        (outgoing.kind === "prompt"
          ? onSend(outgoing.draft, id || undefined)
          : outgoing.kind === "shell"
            ? onShell(outgoing.command, outgoing.choice, id || undefined)
            : onCommand(outgoing.name, outgoing.args, outgoing.choice, id || undefined)
        ).then(() => id || "ses_new"),
      storage: null,
    });
    return (
      <Composer
        sessionId={sessionId()}
        busy={busyOf[sessionId() ?? ""] ?? false}
        online={online()}
        compose={compose}
        models={"models" in options ? options.models : MODELS}
        defaultModel={options.defaultModel}
        agents={options.agents ?? AGENTS}
        defaultAgent={options.defaultAgent}
        commands={options.commands ?? COMMANDS}
        directory="/work/proj"
        findFiles={findFiles}
        onStop={onStop}
        ref={(h) => (handle = h)}
      />
    );
  });
  const box = screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Message" });
  return {
    box,
    sent,
    ran,
    shelled,
    onSend,
    onStop,
    findFiles,
    setBusy,
    setBusyOf,
    setOnline,
    setSessionId,
    handle: () => handle,
  };
}

function type(box: HTMLTextAreaElement, value: string) {
  fireEvent.input(box, { target: { value } });
}

/** Lets pending promise callbacks (a resolved send, a file read) run. */
async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe("typing and sending", () => {
  it("sends with Enter, with the chosen model and agent, and empties the box", async () => {
    const { box, sent } = setup();
    type(box, "  fix the build  ");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent).toEqual([
      {
        draft: {
          text: "fix the build",
          files: [],
          model: { providerID: "zen", modelID: "pickle" },
          agent: "build",
        },
        sessionId: "ses_1",
      },
    ]);
    expect(box.value).toBe("");
  });

  it("keeps Shift+Enter and an IME's Enter for the text, and ignores an empty box", () => {
    const { box, onSend } = setup();
    fireEvent.keyDown(box, { key: "Enter" });
    type(box, "first line");
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    fireEvent.keyDown(box, { key: "Enter", isComposing: true });
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe("first line");
  });

  it("sends with the Send button", async () => {
    const { box, sent } = setup();
    type(box, "hello");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["hello"]);
  });

  it("gives the text back with the reason when a send fails", async () => {
    const { box } = setup({ send: () => Promise.reject(new Error("The server is unreachable.")) });
    type(box, "hello");
    fireEvent.keyDown(box, { key: "Enter" });
    expect((await screen.findByRole("alert")).textContent).toBe("The server is unreachable.");
    expect(box.value).toBe("hello");
  });

  it("sends to no session when none is open, for the shell to create one", async () => {
    const { box, sent, setSessionId } = setup();
    setSessionId(undefined);
    type(box, "start");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.sessionId).toBeUndefined();
  });

  it("carries a model picked before the first send into the session it creates", async () => {
    const { box, sent, setSessionId } = setup();
    setSessionId(undefined);
    pickModel("Fast");
    setSessionId("ses_new");
    type(box, "second prompt");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.model).toEqual({ providerID: "zen", modelID: "fast" });
  });

  it("keeps each session's unsent text to itself", () => {
    const { box, setSessionId } = setup();
    type(box, "for one");
    setSessionId("ses_2");
    expect(box.value).toBe("");
    type(box, "for two");
    setSessionId("ses_1");
    expect(box.value).toBe("for one");
  });

  it("gives the shell a handle that focuses the box", () => {
    const { box, handle } = setup();
    expect(document.activeElement).not.toBe(box);
    handle()?.focus();
    expect(document.activeElement).toBe(box);
  });

  it("gives the shell a handle that sends what the box holds, as Enter does", async () => {
    const { box, sent, handle } = setup();
    type(box, "  asked by a program  ");
    await handle()?.submit();
    expect(sent.map((s) => [s.draft.text, s.sessionId])).toEqual([["asked by a program", "ses_1"]]);
    expect(box.value).toBe("");
  });

  it("gives the shell a handle that puts the keyboard on the model or the agent picker", () => {
    const { handle } = setup();
    expect(handle()?.focusPicker("model")).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Model" }));
    expect(handle()?.focusPicker("agent")).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole("combobox", { name: "Agent" }));
  });

  it("says when a picker cannot take the focus, having nothing to pick yet", () => {
    const { handle } = setup({ models: undefined });
    expect(handle()?.focusPicker("model")).toBe(false);
  });

  it("gives the shell a handle that picks the next agent, for this session's box", () => {
    const { handle } = setup();
    const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
    expect(picker.value).toBe("build");
    handle()?.cycleAgent();
    expect(picker.value).toBe("plan");
    handle()?.cycleAgent();
    expect(picker.value).toBe("build");
  });
});

describe("Stop", () => {
  it("shows only while busy and calls onStop", async () => {
    const { setBusy, onStop } = setup();
    expect(screen.queryByRole("button", { name: "Stop" })).toBeNull();
    setBusy(true);
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    await settle();
    expect(onStop).toHaveBeenCalledTimes(1);
    setBusy(false);
    expect(screen.queryByRole("button", { name: "Stop" })).toBeNull();
  });

  it("says why stopping failed", async () => {
    const { setBusy } = setup({ onStop: () => Promise.reject(new Error("Abort refused")) });
    setBusy(true);
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Abort refused");
  });
});

describe("model and agent", () => {
  it("offers the server's models by provider and starts on the server default", () => {
    setup();
    expect(modelSections()).toEqual(["OpenCode Zen", "Acme"]);
    expect(currentModel()).toBe("Big Pickle");
  });

  it("starts on the session's last model when given", () => {
    setup({ defaultModel: { providerID: "acme", modelID: "a/1" } });
    expect(currentModel()).toBe("Acme One");
  });

  it("sends the picked model and agent", async () => {
    const { box, sent } = setup();
    pickModel("Acme One");
    const agentPicker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
    fireEvent.change(agentPicker, { target: { value: "plan" } });
    type(box, "go");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.model).toEqual({ providerID: "acme", modelID: "a/1" });
    expect(sent[0]?.draft.agent).toBe("plan");
    expect(currentModel()).toBe("Acme One");
  });

  it("offers only primary, visible agents, starting on the session's last one", () => {
    setup({ defaultAgent: "plan" });
    const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Agent" });
    expect(within(picker).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Build",
      "Plan",
    ]);
    expect(picker.value).toBe("plan");
  });

  it("says when models are still loading and sends no model then", async () => {
    const { box, sent } = setup({ models: undefined, agents: [] });
    const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
    expect(picker.disabled).toBe(true);
    expect(picker.textContent).toBe("Loading models…");
    type(box, "hi");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft).toMatchObject({ model: null, agent: null });
  });
});

describe("/ commands", () => {
  it("lists the server's commands as the user types, filtered", () => {
    const { box } = setup();
    type(box, "/");
    const list = screen.getByRole("listbox", { name: "Commands" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "/initguided AGENTS.md setup",
      "/reviewreview changes",
    ]);
    type(box, "/rev");
    expect(within(list).getAllByRole("option")).toHaveLength(1);
    expect(box.getAttribute("aria-controls")).toBe(list.id);
  });

  it("moves with the arrows and fills /name on Enter", () => {
    const { box, onSend } = setup();
    type(box, "/");
    fireEvent.keyDown(box, { key: "ArrowDown" });
    const options = screen.getAllByRole("option");
    expect(options[1]?.getAttribute("aria-selected")).toBe("true");
    expect(box.getAttribute("aria-activedescendant")).toBe(options[1]?.id);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(box.value).toBe("/review ");
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("picks with Tab and with a click, and wraps with ArrowUp", () => {
    const { box } = setup();
    type(box, "/");
    fireEvent.keyDown(box, { key: "ArrowUp" });
    fireEvent.keyDown(box, { key: "Tab" });
    expect(box.value).toBe("/review ");
    type(box, "/i");
    fireEvent.click(screen.getByRole("option", { name: /\/init/ }));
    expect(box.value).toBe("/init ");
  });

  it("closes on Escape, for that word", () => {
    const { box } = setup();
    type(box, "/r");
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    type(box, "/re");
    expect(screen.queryByRole("listbox")).toBeNull();
    type(box, "");
    type(box, "/");
    expect(screen.getByRole("listbox", { name: "Commands" })).toBeTruthy();
  });

  it("runs a known command with its arguments instead of sending a prompt", async () => {
    const { box, ran, onSend } = setup();
    type(box, "/review the last commit");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(onSend).not.toHaveBeenCalled();
    expect(ran).toEqual([
      {
        name: "review",
        args: "the last commit",
        choice: { model: { providerID: "zen", modelID: "pickle" }, agent: "build" },
        sessionId: "ses_1",
      },
    ]);
    expect(box.value).toBe("");
  });

  it("sends an unknown /word as a plain prompt", async () => {
    const { box, sent, ran } = setup();
    type(box, "/usr/bin is missing");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(ran).toEqual([]);
    expect(sent[0]?.draft.text).toBe("/usr/bin is missing");
  });
});

describe("! shell commands", () => {
  const shellBadge = () => screen.queryByText("Shell");

  it("runs !command in the session's shell with the chosen model and agent, not as a prompt", async () => {
    const { box, shelled, onSend } = setup();
    pickModel("Fast");
    type(box, "!  ls -la  ");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(onSend).not.toHaveBeenCalled();
    expect(shelled).toEqual([
      {
        command: "ls -la",
        choice: { model: { providerID: "zen", modelID: "fast" }, agent: "build" },
        sessionId: "ses_1",
      },
    ]);
    expect(box.value).toBe("");
  });

  it("says the box is in shell mode while the text starts with !", () => {
    const { box } = setup();
    expect(shellBadge()).toBeNull();
    type(box, "!git status");
    const badge = shellBadge();
    expect(badge).toBeTruthy();
    // Heard with the box, not only seen.
    expect(box.getAttribute("aria-describedby")).toBe(badge?.id);
    expect(screen.getByRole("button", { name: "Send" }).title).toBe("Run the shell command (Enter)");
    type(box, "git status");
    expect(shellBadge()).toBeNull();
    expect(box.getAttribute("aria-describedby")).toBeNull();
  });

  it("sends nothing for a ! with no command", async () => {
    const { box, shelled, onSend } = setup();
    type(box, "!   ");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(shelled).toEqual([]);
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe("!   ");
  });

  it("completes @ to a plain path, as a shell reads it", async () => {
    const { box, shelled } = setup({ findFiles: vi.fn(() => Promise.resolve(["src/lib/par.ts"])) });
    type(box, "!wc -l @par");
    fireEvent.click(await screen.findByRole("option", { name: "@src/lib/par.ts" }));
    expect(box.value).toBe("!wc -l src/lib/par.ts ");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(shelled.map((s) => s.command)).toEqual(["wc -l src/lib/par.ts"]);
  });

  it("queues a shell command while a reply runs and runs it when the reply ends", async () => {
    const { box, shelled, setBusy } = setup();
    setBusy(true);
    type(box, "!make test");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(shelled).toEqual([]);
    const queue = screen.getByRole("region", { name: "Queued prompts" });
    expect(within(queue).getByText("!make test")).toBeTruthy();
    setBusy(false);
    await settle();
    expect(shelled.map((s) => [s.command, s.sessionId])).toEqual([["make test", "ses_1"]]);
  });
});

describe("@ files", () => {
  it("searches once typing pauses and inserts the picked path", async () => {
    const findFiles = vi.fn((query: string) =>
      Promise.resolve(query === "par" ? ["src/lib/par.ts", "src/lib/"] : []),
    );
    const { box } = setup({ findFiles });
    type(box, "look at @p");
    type(box, "look at @pa");
    type(box, "look at @par");
    expect(screen.getByRole("listbox", { name: "Files" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Searching…");
    const option = await screen.findByRole("option", { name: "@src/lib/par.ts" });
    expect(findFiles.mock.calls).toEqual([["par"]]);
    fireEvent.click(option);
    expect(box.value).toBe("look at @src/lib/par.ts ");
  });

  it("attaches mentioned files as file:// parts and keeps @path in the text", async () => {
    const findFiles = vi.fn(() => Promise.resolve(["src/lib/par.ts", "src/lib/"]));
    const { box, sent } = setup({ findFiles });
    type(box, "@pa");
    await screen.findByRole("option", { name: "@src/lib/par.ts" });
    fireEvent.keyDown(box, { key: "Enter" });
    type(box, `${box.value}and @src`);
    await screen.findByRole("option", { name: "@src/lib/" });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(box.value).toBe("@src/lib/par.ts and @src/lib/ ");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.text).toBe("@src/lib/par.ts and @src/lib/");
    expect(sent[0]?.draft.files).toEqual([
      { mime: "text/plain", url: "file:///work/proj/src/lib/par.ts", filename: "src/lib/par.ts" },
      { mime: "application/x-directory", url: "file:///work/proj/src/lib/", filename: "src/lib/" },
    ]);
  });

  it("does not attach a picked path the user deleted from the text", async () => {
    const findFiles = vi.fn(() => Promise.resolve(["a.ts"]));
    const { box, sent } = setup({ findFiles });
    type(box, "@a");
    await screen.findByRole("option", { name: "@a.ts" });
    fireEvent.keyDown(box, { key: "Enter" });
    type(box, "never mind");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.files).toEqual([]);
  });

  it("ignores an answer that arrives after a newer query's", async () => {
    const answers: Record<string, (paths: string[]) => void> = {};
    const findFiles = vi.fn(
      (query: string) =>
        new Promise<string[]>((resolve) => {
          answers[query] = resolve;
        }),
    );
    const { box } = setup({ findFiles });
    type(box, "@old");
    await waitFor(() => {
      expect(findFiles).toHaveBeenCalledWith("old");
    });
    type(box, "@new");
    await waitFor(() => {
      expect(findFiles).toHaveBeenCalledWith("new");
    });
    answers.new?.(["new.ts"]);
    await screen.findByRole("option", { name: "@new.ts" });
    answers.old?.(["old.ts"]);
    await settle();
    const list = screen.getByRole("listbox", { name: "Files" });
    expect(within(list).getAllByRole("option").map((o) => o.textContent)).toEqual(["@new.ts"]);
  });

  it("says when nothing matches or the search failed", async () => {
    const findFiles = vi.fn((query: string) =>
      query === "zz" ? Promise.resolve([]) : Promise.reject(new Error("down")),
    );
    const { box } = setup({ findFiles });
    type(box, "@zz");
    await waitFor(() => {
      expect(screen.getByRole("status").textContent).toBe("No matching files.");
    });
    type(box, "@xx");
    await waitFor(() => {
      expect(screen.getByRole("status").textContent).toBe("File search failed.");
    });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("sends on Enter while the file list has nothing to pick", async () => {
    const findFiles = vi.fn(() => new Promise<string[]>(() => undefined));
    const { box, sent } = setup({ findFiles });
    type(box, "email @someone");
    expect(screen.getByRole("listbox", { name: "Files" })).toBeTruthy();
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["email @someone"]);
  });
});

describe("attachments", () => {
  const png = () => new File([new Uint8Array([137, 80, 78, 71])], "shot.png", { type: "image/png" });

  it("opens the file chooser from the paperclip", () => {
    setup();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    const click = vi.fn();
    input?.addEventListener("click", click);
    fireEvent.click(screen.getByRole("button", { name: "Attach files" }));
    expect(click).toHaveBeenCalledTimes(1);
    expect(input?.multiple).toBe(true);
  });

  it("shows chosen files as chips with a thumbnail and sends them as data: URLs", async () => {
    const { box, sent } = setup();
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error("no file input");
    fireEvent.change(input, { target: { files: [png()] } });
    const chips = await screen.findByRole("list", { name: "Attachments" });
    expect(within(chips).getByText("shot.png")).toBeTruthy();
    expect(chips.querySelector("img")?.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    type(box, "what is this?");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.files).toEqual([
      {
        mime: "image/png",
        url: expect.stringMatching(/^data:image\/png;base64,/) as string,
        filename: "shot.png",
      },
    ]);
    expect(screen.queryByRole("list", { name: "Attachments" })).toBeNull();
  });

  it("sends attachments alone, with no text", async () => {
    const { box, sent } = setup();
    fireEvent.paste(box, { clipboardData: { files: [png()] } });
    await screen.findByRole("button", { name: "Remove shot.png" });
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent[0]?.draft.text).toBe("");
    expect(sent[0]?.draft.files).toHaveLength(1);
  });

  it("removes a chip with its button", async () => {
    const { box } = setup();
    fireEvent.paste(box, { clipboardData: { files: [png()] } });
    fireEvent.click(await screen.findByRole("button", { name: "Remove shot.png" }));
    expect(screen.queryByRole("button", { name: "Remove shot.png" })).toBeNull();
  });

  it("takes files dropped on the composer", async () => {
    setup();
    const form = screen.getByRole("form", { name: "Compose" });
    fireEvent.dragOver(form, { dataTransfer: { types: ["Files"], files: [] } });
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [png()] } });
    expect(await screen.findByRole("button", { name: "Remove shot.png" })).toBeTruthy();
  });

  it("refuses a file over 10 MB and says so", async () => {
    setup();
    const big = new File(["x"], "movie.mp4", { type: "video/mp4" });
    Object.defineProperty(big, "size", { value: 11 * 1024 * 1024 });
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error("no file input");
    fireEvent.change(input, { target: { files: [big] } });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "“movie.mp4” is larger than 10 MB, so it was not attached.",
    );
    expect(screen.queryByRole("list", { name: "Attachments" })).toBeNull();
  });
});

describe("the queue", () => {
  it("queues what is sent while busy and sends it when the reply ends", async () => {
    const { box, sent, setBusy } = setup();
    setBusy(true);
    type(box, "next step");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent).toEqual([]);
    expect(box.value).toBe("");
    const queue = screen.getByRole("region", { name: "Queued prompts" });
    expect(within(queue).getByText("next step")).toBeTruthy();
    setBusy(false);
    await settle();
    expect(sent.map((s) => [s.draft.text, s.sessionId])).toEqual([["next step", "ses_1"]]);
    expect(screen.queryByRole("region", { name: "Queued prompts" })).toBeNull();
  });

  it("sends one queued item per reply, in order", async () => {
    const { box, sent, setBusy } = setup();
    setBusy(true);
    for (const text of ["one", "two"]) {
      type(box, text);
      fireEvent.keyDown(box, { key: "Enter" });
    }
    setBusy(false);
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["one"]);
    setBusy(true);
    setBusy(false);
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["one", "two"]);
  });

  it("queues behind a send whose reply has not started yet, then goes after the grace", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { box, sent } = setup();
    type(box, "one");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    type(box, "two");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["one"]);
    await vi.advanceTimersByTimeAsync(START_GRACE_MS + 10);
    expect(sent.map((s) => s.draft.text)).toEqual(["one", "two"]);
  });

  it("removes a queued prompt with its button", async () => {
    const { box, sent, setBusy } = setup();
    setBusy(true);
    type(box, "never mind");
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.click(screen.getByRole("button", { name: "Remove queued prompt: never mind" }));
    setBusy(false);
    await settle();
    expect(sent).toEqual([]);
  });

  it("keeps a queued prompt that failed, with the reason, until retried", async () => {
    let fail = true;
    const { box, sent, setBusy } = setup({
      send: () => (fail ? Promise.reject(new Error("Timed out")) : Promise.resolve()),
    });
    setBusy(true);
    type(box, "try me");
    fireEvent.keyDown(box, { key: "Enter" });
    setBusy(false);
    expect((await screen.findByRole("alert")).textContent).toBe("Timed out");
    const queue = screen.getByRole("region", { name: "Queued prompts" });
    expect(within(queue).getByText("try me")).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Retry queued prompt: try me" }));
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["try me", "try me"]);
    expect(screen.queryByRole("region", { name: "Queued prompts" })).toBeNull();
  });

  it("sends a session's queued prompt to that session only, even while another is open", async () => {
    const { box, sent, setBusy, setBusyOf, setSessionId } = setup();
    setBusy(true);
    type(box, "for session one");
    fireEvent.keyDown(box, { key: "Enter" });
    // Open another session, idle: its queue is empty and session one's must not go there.
    setSessionId("ses_2");
    await settle();
    expect(sent).toEqual([]);
    expect(screen.queryByRole("region", { name: "Queued prompts" })).toBeNull();
    // Session one's reply ends: its prompt goes, to it.
    setBusyOf("ses_1", false);
    await settle();
    expect(sent.map((s) => [s.draft.text, s.sessionId])).toEqual([["for session one", "ses_1"]]);
  });

  it("queues what is sent while offline, saying so, and sends it once the link is back", async () => {
    const { box, sent, setOnline } = setup();
    setOnline(false);
    type(box, "when you can");
    fireEvent.keyDown(box, { key: "Enter" });
    await settle();
    expect(sent).toEqual([]);
    const queue = screen.getByRole("region", { name: "Queued prompts" });
    expect(within(queue).getByText("Will send when connected")).toBeTruthy();
    setOnline(true);
    await settle();
    expect(sent.map((s) => [s.draft.text, s.sessionId])).toEqual([["when you can", "ses_1"]]);
  });

  it("holds the queue after Stop until resumed", async () => {
    const { box, sent, setBusy } = setup();
    setBusy(true);
    type(box, "after that");
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.click(screen.getByRole("button", { name: "Stop" }));
    setBusy(false);
    await settle();
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Resume queue" }));
    await settle();
    expect(sent.map((s) => s.draft.text)).toEqual(["after that"]);
  });

  it("queues commands too, and runs them when the reply ends", async () => {
    const { box, ran, setBusy } = setup();
    setBusy(true);
    type(box, "/review");
    fireEvent.keyDown(box, { key: "Escape" });
    fireEvent.keyDown(box, { key: "Enter" });
    expect(ran).toEqual([]);
    setBusy(false);
    await settle();
    expect(ran.map((r) => r.name)).toEqual(["review"]);
  });
});
