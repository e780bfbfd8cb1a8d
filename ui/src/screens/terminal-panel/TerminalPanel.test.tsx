// The panel's logic with a fake backend and a fake xterm (jsdom has no canvas or layout to draw
// with): tabs, new terminal and its shell, close ends the PTY, the status lines, leftovers, and
// output, keys and links between the screen and the attachment.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../../ipc";
import type { Pty, PtyEvent, PtyShell, PtySize, PtySink } from "../../ipc/pty";
import type { TerminalApi } from "./store";
import TerminalPanel from "./TerminalPanel";

const fakes = vi.hoisted(() => {
  class FakeTerminal {
    rows = 24;
    cols = 80;
    written: string[] = [];
    options: Record<string, unknown>;
    typed: ((data: string) => void) | undefined;
    keys: ((event: KeyboardEvent) => boolean) | undefined;
    linkHandler: { activate: (event: MouseEvent, uri: string) => void } | undefined;
    disposed = false;
    constructor(options: Record<string, unknown>) {
      this.options = { ...options };
      this.linkHandler = options["linkHandler"] as FakeTerminal["linkHandler"];
      fakes.terminals.push(this);
    }
    loadAddon() {}
    open() {}
    focus() {}
    hasSelection() { return false; }
    getSelection() { return ""; }
    paste() {}
    write(data: string | Uint8Array, done?: () => void) {
      // Output comes as bytes; the feeder's own marks are empty strings.
      this.written.push(typeof data === "string" ? data : new TextDecoder().decode(data));
      done?.();
    }
    onData(handler: (data: string) => void) {
      this.typed = handler;
      return { dispose: () => undefined };
    }
    onTitleChange() {
      return { dispose: () => undefined };
    }
    attachCustomKeyEventHandler(handler: (event: KeyboardEvent) => boolean) {
      this.keys = handler;
    }
    dispose() {
      this.disposed = true;
    }
  }
  return {
    FakeTerminal,
    terminals: [] as InstanceType<typeof FakeTerminal>[],
    links: [] as ((event: MouseEvent, uri: string) => void)[],
  };
});

vi.mock("@xterm/xterm", () => ({ Terminal: fakes.FakeTerminal }));
vi.mock("@xterm/addon-fit", () => ({
  FitAddon: class {
    fit() {}
    activate() {}
    dispose() {}
  },
}));
vi.mock("@xterm/addon-web-links", () => ({
  WebLinksAddon: class {
    constructor(handler: (event: MouseEvent, uri: string) => void) {
      fakes.links.push(handler);
    }
    activate() {}
    dispose() {}
  },
}));

afterEach(() => {
  cleanup();
  fakes.terminals.length = 0;
  fakes.links.length = 0;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const pty = (id: string, over: Partial<Pty> = {}): Pty => ({
  id,
  title: `Terminal ${id}`,
  command: "/bin/bash",
  args: [],
  cwd: "/p",
  status: "running",
  pid: 100,
  ...over,
});

interface Attached {
  ptyId: string;
  send: (events: PtyEvent[]) => void;
  output: (text: string) => void;
  writes: string[];
  acked: number;
  detached: boolean;
}

function fakeApi(
  options: { shells?: PtyShell[]; listed?: Pty[]; closeFails?: AppError } = {},
) {
  const calls: unknown[][] = [];
  const attached: Attached[] = [];
  // Each server's PTYs; the leftovers given are on s1.
  const listed = new Map<string, Pty[]>([["s1", options.listed ?? []]]);
  const on = (serverId: string) => listed.get(serverId) ?? [];
  let made = 0;
  const api: TerminalApi = {
    ptyShells: (serverId) => {
      calls.push(["shells", serverId]);
      return Promise.resolve(options.shells ?? [{ path: "/bin/bash", name: "bash", acceptable: true }]);
    },
    ptyList: (serverId) => {
      calls.push(["list", serverId]);
      return Promise.resolve(on(serverId));
    },
    ptyCreate: (serverId: string, shell: string | null, size: PtySize) => {
      calls.push(["create", serverId, shell, size]);
      made += 1;
      const created = pty(`new${made}`);
      listed.set(serverId, [...on(serverId), created]);
      return Promise.resolve(created);
    },
    attachPty: (_serverId, ptyId, sink: PtySink) => {
      const entry: Attached = {
        ptyId,
        send: sink.events,
        output: (text) => { sink.output(new TextEncoder().encode(text)); },
        writes: [],
        acked: 0,
        detached: false,
      };
      attached.push(entry);
      return Promise.resolve({
        write: (data: string) => {
          entry.writes.push(data);
          return Promise.resolve();
        },
        ack: (bytes: number) => {
          entry.acked += bytes;
        },
        detach: () => {
          entry.detached = true;
          return Promise.resolve();
        },
      });
    },
    ptyResize: (serverId, ptyId, size) => {
      calls.push(["resize", serverId, ptyId, size]);
      return Promise.resolve();
    },
    ptyClose: (serverId, ptyId) => {
      calls.push(["close", serverId, ptyId]);
      if (options.closeFails) return Promise.reject(options.closeFails);
      listed.set(serverId, on(serverId).filter((p) => p.id !== ptyId));
      return Promise.resolve();
    },
    openLink: (url) => {
      calls.push(["open", url]);
      return Promise.resolve();
    },
  };
  return { api, calls, attached, of: (kind: string) => calls.filter((c) => c[0] === kind) };
}

async function setup(fake: ReturnType<typeof fakeApi>, open = true) {
  const [isOpen, setOpen] = createSignal(open);
  const [server, setServer] = createSignal<string | null>("s1");
  const onClose = vi.fn();
  render(() => <TerminalPanel serverId={server()} open={isOpen()} onClose={onClose} api={fake.api} />);
  await settle();
  await settle();
  return { setOpen, setServer, onClose };
}

const tabs = () => screen.queryAllByRole("tab").map((tab) => tab.textContent);

describe("TerminalPanel", () => {
  // The screen is loaded on first use (a lazy import); here it is in before any test draws one.
  beforeAll(async () => {
    await import("./TerminalView");
  });

  it("asks nothing of the server until first opened, then starts a terminal in the server's default shell", async () => {
    const fake = fakeApi({
      shells: [
        { path: "/bin/sh", name: "sh", acceptable: false },
        { path: "/bin/zsh", name: "zsh", acceptable: true },
      ],
    });
    const { setOpen } = await setup(fake, false);
    expect(fake.calls).toEqual([]);
    expect(screen.getByLabelText("Terminal", { selector: "section" }).hidden).toBe(true);
    setOpen(true);
    await settle();
    await settle();
    expect(fake.of("create")).toEqual([["create", "s1", null, { rows: 24, cols: 80 }]]);
    expect(tabs()).toEqual(["Terminal new1"]);
    expect(fake.attached.map((a) => a.ptyId)).toEqual(["new1"]);
    // The picker offers the default and each acceptable shell.
    const picker = screen.getByRole("combobox", { name: "Shell for new terminals" });
    expect([...picker.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Default shell", "zsh"]);
  });

  it("starts the next terminal in the shell picked, and shows the new tab", async () => {
    const fake = fakeApi({
      shells: [
        { path: "/bin/bash", name: "bash", acceptable: true },
        { path: "/usr/bin/fish", name: "fish", acceptable: true },
      ],
    });
    await setup(fake);
    const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Shell for new terminals" });
    expect(picker.value).toBe("");
    fireEvent.change(picker, { target: { value: "/usr/bin/fish" } });
    fireEvent.click(screen.getByRole("button", { name: "New terminal" }));
    await settle();
    expect(fake.of("create").map((c) => c[2])).toEqual([null, "/usr/bin/fish"]);
    expect(tabs()).toEqual(["Terminal new1", "Terminal new2"]);
    expect(screen.getByRole("tab", { name: "Terminal new2" }).getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getByRole("tab", { name: "Terminal new1" }));
    expect(screen.getByRole("tab", { name: "Terminal new1" }).getAttribute("aria-selected")).toBe("true");
    // Arrow keys move along the tabs.
    fireEvent.keyDown(screen.getByRole("tab", { name: "Terminal new1" }), { key: "ArrowRight" });
    expect(screen.getByRole("tab", { name: "Terminal new2" }).getAttribute("aria-selected")).toBe("true");
  });

  it("ends the PTY when its tab closes, and offers a new terminal when none is left", async () => {
    const fake = fakeApi();
    await setup(fake);
    fireEvent.click(screen.getByRole("button", { name: "Close Terminal new1" }));
    await settle();
    expect(fake.of("close")).toEqual([["close", "s1", "new1"]]);
    expect(tabs()).toEqual([]);
    expect(fake.attached[0]?.detached).toBe(true);
    expect(fakes.terminals[0]?.disposed).toBe(true);
    expect(screen.getByRole("region", { name: "No terminal open" })).toBeTruthy();
  });

  it("does not ask the server to end a PTY that is already gone", async () => {
    const fake = fakeApi();
    await setup(fake);
    fake.attached[0]?.send([{ type: "closed", reason: "deleted on the server" }]);
    expect(screen.getByText("Terminal closed (deleted on the server)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close Terminal new1" }));
    await settle();
    expect(fake.of("close")).toEqual([]);
    expect(tabs()).toEqual([]);
  });

  it("says so when a close fails, and lists the PTY with the leftovers", async () => {
    const fake = fakeApi({ closeFails: new AppError("Unreachable", "The server is not answering.") });
    await setup(fake);
    fireEvent.click(screen.getByRole("button", { name: "Close Terminal new1" }));
    await settle();
    await settle();
    expect(screen.getByRole("alert").textContent).toContain("Could not end the terminal: The server is not answering.");
    expect(screen.getByText("1 terminal from an earlier run")).toBeTruthy();
  });

  it("shows reconnecting, live again, exited and closed under the tabs", async () => {
    const fake = fakeApi();
    await setup(fake);
    const send = (events: PtyEvent[]) => fake.attached[0]?.send(events);
    send([{ type: "connected", replayed: false }]);
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
    send([{ type: "reconnecting", retryInMs: 500, reason: "socket lost" }]);
    expect(screen.getByText("Reconnecting… (socket lost)")).toBeTruthy();
    send([{ type: "connected", replayed: true }]);
    expect(screen.queryByText(/Reconnecting/)).toBeNull();
    fake.attached[0]?.output("bye\r\n");
    send([{ type: "exited", exitCode: 3 }]);
    expect(screen.getByText("Process exited (code 3)")).toBeTruthy();
    // An exited terminal takes no more keys.
    fakes.terminals[0]?.typed?.("ls\r");
    await settle();
    expect(fake.attached[0]?.writes).toEqual([]);
    send([{ type: "closed", reason: "not found" }]);
    expect(screen.getByText("Terminal closed (not found)")).toBeTruthy();
  });

  it("writes each frame's output to the screen with one write, acknowledges its bytes, and sends keys through the attachment", async () => {
    const fake = fakeApi();
    await setup(fake);
    const term = fakes.terminals[0];
    fake.attached[0]?.send([{ type: "connected", replayed: false }]);
    fake.attached[0]?.output("ab");
    fake.attached[0]?.output("é");
    // A frame's output is one write (split only past FEED.piece); the empty writes before each
    // mark where its parsing starts (createFeeder's budget).
    expect(term?.written.filter((data) => data !== "")).toEqual(["ab", "é"]);
    // What the screen wrote is acknowledged after the next frame, so Rust sends more; in bytes,
    // as Rust counts it ("é" is two).
    expect(fake.attached[0]?.acked ?? 0).toBe(0);
    await new Promise((resolve) => {
      requestAnimationFrame(() => { resolve(undefined); });
    });
    expect(fake.attached[0]?.acked).toBe(4);
    term?.typed?.("echo hi\r");
    await settle();
    expect(fake.attached[0]?.writes).toEqual(["echo hi\r"]);
  });

  it("opens http and https links through the opener, nothing else", async () => {
    const fake = fakeApi();
    await setup(fake);
    const click = new MouseEvent("click");
    fakes.links[0]?.(click, "https://example.com/docs");
    fakes.links[0]?.(click, "file:///etc/passwd");
    fakes.terminals[0]?.linkHandler?.activate(click, "javascript:alert(1)");
    fakes.terminals[0]?.linkHandler?.activate(click, "http://localhost:3000/");
    expect(fake.of("open")).toEqual([["open", "https://example.com/docs"], ["open", "http://localhost:3000/"]]);
  });

  it("hands the toggle shortcut on to the app instead of the shell", async () => {
    const fake = fakeApi();
    await setup(fake);
    const keys = fakes.terminals[0]?.keys;
    expect(keys?.(new KeyboardEvent("keydown", { key: "`", ctrlKey: true }))).toBe(false);
    expect(keys?.(new KeyboardEvent("keydown", { key: "c", ctrlKey: true }))).toBe(true);
  });

  it("lists the server's PTYs no tab shows, shows them in tabs, or closes them all", async () => {
    const fake = fakeApi({ listed: [pty("old1"), pty("old2", { status: "exited", exitCode: 0 })] });
    await setup(fake);
    // Leftovers: no terminal is started on its own.
    expect(fake.of("create")).toEqual([]);
    const line = screen.getByText("2 terminals from an earlier run").parentElement as HTMLElement;
    fireEvent.click(within(line).getByRole("button", { name: "Show" }));
    expect(tabs()).toEqual(["Terminal old1", "Terminal old2"]);
    expect(screen.queryByText(/from an earlier run/)).toBeNull();
    // The exited one comes back saying so.
    expect(screen.getByText("Process exited (code 0)")).toBeTruthy();
    expect(fake.attached.map((a) => a.ptyId)).toEqual(["old1", "old2"]);
  });

  it("closes every leftover PTY on request", async () => {
    const fake = fakeApi({ listed: [pty("old1"), pty("old2")] });
    await setup(fake);
    fireEvent.click(screen.getByRole("button", { name: "Close all" }));
    await settle();
    expect(fake.of("close")).toEqual([["close", "s1", "old1"], ["close", "s1", "old2"]]);
    expect(screen.queryByText(/from an earlier run/)).toBeNull();
    expect(tabs()).toEqual([]);
  });

  it("keeps each server's tabs (and screens) while another server is shown", async () => {
    const fake = fakeApi();
    const { setServer, setOpen, onClose } = await setup(fake);
    setServer("s2");
    await settle();
    await settle();
    expect(fake.of("create").map((c) => c[1])).toEqual(["s1", "s2"]);
    expect(tabs()).toEqual(["Terminal new2"]);
    setServer("s1");
    await settle();
    expect(tabs()).toEqual(["Terminal new1"]);
    expect(fakes.terminals.map((t) => t.disposed)).toEqual([false, false]);
    // Hiding the panel keeps the terminals.
    fireEvent.click(screen.getByRole("button", { name: "Hide terminal" }));
    expect(onClose).toHaveBeenCalledOnce();
    setOpen(false);
    expect(fakes.terminals.map((t) => t.disposed)).toEqual([false, false]);
  });

  it("says a server is needed when there is none", async () => {
    const fake = fakeApi();
    const { setServer, setOpen } = await setup(fake, false);
    setServer(null);
    setOpen(true);
    await settle();
    expect(fake.calls).toEqual([]);
    expect(screen.getByRole("region", { name: "No server" })).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "New terminal" }).disabled).toBe(true);
  });
});
