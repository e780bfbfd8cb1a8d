// One job, long because the list does many things a user relies on (tree, search, keyboard,
// per-row actions), each case through the same render of the list.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { Session } from "../../ipc";
import { session } from "../../test/factories";
import SessionList, { type SessionListProps } from "./SessionList";

afterEach(() => {
  cleanup();
  // Tests that give the page a clipboard take it away again.
  Reflect.deleteProperty(navigator, "clipboard");
});

const NOW = 1_000_000_000;
const MIN = 60_000;

function dated(id: string, title: string, minutesAgo: number, parentID?: string): Session {
  const base = { ...session(id, title), time: { created: 1, updated: NOW - minutesAgo * MIN } };
  return (parentID ? { ...base, parentID } : base) as Session;
}

const SESSIONS = [
  dated("ses_a", "Fix the build", 5),
  dated("ses_b", "Réparer le café", 90),
  dated("ses_c", "Add tests", 1),
  dated("ses_c1", "Explore the parser", 2, "ses_c"),
  dated("ses_c2", "Search the docs", 3, "ses_c"),
];

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Renders the list with recording callbacks; `over` replaces any of them. */
function setup(over: Partial<SessionListProps> = {}, sessions: Session[] = SESSIONS) {
  const calls: string[] = [];
  const [selected, setSelected] = createSignal<string | undefined>(over.selected);
  const props: SessionListProps = {
    sessions,
    selected: undefined,
    isBusy: (id) => id === "ses_a",
    needsYou: (id) => id === "ses_b",
    onSelect: (id) => {
      calls.push(`select ${id}`);
      setSelected(id);
      return Promise.resolve();
    },
    onNew: () => {
      calls.push("new");
      return Promise.resolve();
    },
    onRename: (id, title) => {
      calls.push(`rename ${id} ${title}`);
      return Promise.resolve();
    },
    onDelete: (id) => {
      calls.push(`delete ${id}`);
      return Promise.resolve();
    },
    onFork: (id) => {
      calls.push(`fork ${id}`);
      return Promise.resolve();
    },
    onShare: (id) => {
      calls.push(`share ${id}`);
      return Promise.resolve(`https://opncd.ai/s/${id}`);
    },
    onSummarize: (id) => {
      calls.push(`summarize ${id}`);
      return Promise.resolve();
    },
    now: NOW,
    ...over,
  };
  render(() => <SessionList {...props} selected={selected()} />);
  return { calls, setSelected };
}

const rowOf = (title: string | RegExp) => {
  const button = screen.getByRole("button", { name: title });
  const row = button.closest("li");
  if (!row) throw new Error("no row");
  return row;
};
const openButton = (title: string | RegExp) =>
  within(rowOf(title)).getAllByRole("button").find((b) => b.classList.contains("sl-open")) as HTMLButtonElement;
const titles = () => [...document.querySelectorAll(".sl-title")].map((t) => t.textContent);
const openMenu = (title: string | RegExp) => {
  within(rowOf(title)).getByRole("button", { name: "Session actions" }).click();
  return screen.getByRole("menu", { name: /^Actions for/ });
};

describe("rows", () => {
  it("lists top-level sessions newest first with age and badges", () => {
    setup();
    expect(titles()).toEqual(["Add tests", "Fix the build", "Réparer le café"]);
    const build = openButton(/Fix the build/);
    expect(build.textContent).toContain("working");
    expect(build.textContent).toContain("5 min ago");
    expect(openButton(/café/).textContent).toContain("needs you");
    expect(openButton(/Add tests/).textContent).not.toMatch(/working|needs you/);
  });

  it("names each row's folder only when the sessions are in several", () => {
    const inWorktree = { ...dated("ses_w", "Try the fix", 4), directory: "/work/app-fix" } as Session;
    setup({}, [{ ...dated("ses_a", "Fix the build", 5), directory: "/work/app" } as Session, inWorktree]);
    expect([...document.querySelectorAll(".sl-place")].map((p) => [p.textContent, p.getAttribute("title")])).toEqual([
      ["app-fix", "/work/app-fix"],
      ["app", "/work/app"],
    ]);
    cleanup();
    setup();
    expect(document.querySelector(".sl-place")).toBeNull();
  });

  it("names an untitled session", () => {
    setup({}, [dated("ses_x", "", 1)]);
    expect(titles()).toEqual(["Untitled session"]);
  });

  it("says what to do when there are no sessions, and when they are loading", () => {
    setup({}, []);
    expect(screen.getByText(/No sessions yet/)).toBeTruthy();
    cleanup();
    setup({ loading: true }, []);
    expect(screen.getByText("Loading sessions…")).toBeTruthy();
  });

  it("marks the open session", () => {
    setup({ selected: "ses_a" });
    expect(openButton(/Fix the build/).getAttribute("aria-current")).toBe("true");
    expect(openButton(/Add tests/).getAttribute("aria-current")).toBeNull();
  });

  it("opens a session on click, and starts a new one", async () => {
    const { calls } = setup();
    openButton(/Fix the build/).click();
    screen.getByRole("button", { name: "New session" }).click();
    await tick();
    expect(calls).toEqual(["select ses_a", "new"]);
  });

  it("keeps a failure to open or create next to the list until dismissed", async () => {
    setup({
      onSelect: () => Promise.reject(new Error("Server gone")),
      onNew: () => Promise.reject(new Error("No server")),
    });
    openButton(/Fix the build/).click();
    screen.getByRole("button", { name: "New session" }).click();
    await tick();
    const alerts = screen.getAllByRole("alert").map((a) => a.textContent);
    expect(alerts).toEqual([
      "Could not open “Fix the build”: Server gone×",
      "Could not start a new session: No server×",
    ]);
    screen.getAllByRole("button", { name: "Dismiss" })[0]?.click();
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });
});

describe("child sessions", () => {
  it("nests children, collapsed, behind a toggle with their count", () => {
    setup();
    expect(titles()).not.toContain("Explore the parser");
    const toggle = screen.getByRole("button", { name: "Show 2 sub-sessions" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    toggle.click();
    expect(titles()).toEqual([
      "Add tests",
      "Explore the parser",
      "Search the docs",
      "Fix the build",
      "Réparer le café",
    ]);
    expect(rowOf(/Explore the parser/).style.getPropertyValue("--sl-depth")).toBe("1");
    screen.getByRole("button", { name: "Hide 2 sub-sessions" }).click();
    expect(titles()).toHaveLength(3);
  });

  it("unfolds the parent of a child opened elsewhere", () => {
    const { setSelected } = setup();
    setSelected("ses_c2");
    expect(titles()).toContain("Search the docs");
    expect(openButton(/Search the docs/).getAttribute("aria-current")).toBe("true");
  });
});

describe("search", () => {
  const search = () => screen.getByRole<HTMLInputElement>("searchbox", { name: "Search sessions" });
  const type = (text: string) => {
    search().value = text;
    fireEvent.input(search());
  };

  it("filters by title, ignoring case and accents", () => {
    setup();
    type("CAFE");
    expect(titles()).toEqual(["Réparer le café"]);
    expect(screen.getByText("1 session matches")).toBeTruthy();
  });

  it("keeps a parent whose child matches, showing that child", () => {
    setup();
    type("docs");
    expect(titles()).toEqual(["Add tests", "Search the docs"]);
  });

  it("says when nothing matches and clears the search", () => {
    setup();
    type("zebra");
    expect(screen.getByText("No session title matches “zebra”.")).toBeTruthy();
    screen.getByRole("button", { name: "Clear search" }).click();
    expect(titles()).toHaveLength(3);
    expect(document.activeElement).toBe(search());
  });

  it("enters the list with Down, opens the best match with Enter, clears with Escape", async () => {
    const { calls } = setup();
    type("fix");
    fireEvent.keyDown(search(), { key: "Enter" });
    await tick();
    expect(calls).toEqual(["select ses_a"]);
    fireEvent.keyDown(search(), { key: "Escape" });
    expect(search().value).toBe("");
    fireEvent.keyDown(search(), { key: "ArrowDown" });
    expect(document.activeElement).toBe(openButton(/Fix the build/));
  });
});

describe("keyboard", () => {
  it("keeps one Tab stop and moves it with the arrows, Home and End", () => {
    setup();
    const stops = () =>
      [...document.querySelectorAll<HTMLButtonElement>(".sl-open")].filter((b) => b.tabIndex === 0);
    expect(stops()).toEqual([openButton(/Add tests/)]);
    openButton(/Add tests/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    expect(document.activeElement).toBe(openButton(/Fix the build/));
    expect(stops()).toEqual([openButton(/Fix the build/)]);
    fireEvent.keyDown(document.activeElement as Element, { key: "End" });
    expect(document.activeElement).toBe(openButton(/café/));
    fireEvent.keyDown(document.activeElement as Element, { key: "Home" });
    expect(document.activeElement).toBe(openButton(/Add tests/));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowUp" });
    expect(document.activeElement).toBe(screen.getByRole("searchbox"));
  });

  it("opens and closes a parent with Right and Left, stepping into and out of it", () => {
    setup();
    openButton(/Add tests/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowRight" });
    expect(titles()).toContain("Explore the parser");
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowRight" });
    expect(document.activeElement).toBe(openButton(/Explore the parser/));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(openButton(/Add tests/));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
    expect(titles()).not.toContain("Explore the parser");
  });

  it("opens with Enter (the row is a button)", async () => {
    const { calls } = setup();
    const row = openButton(/Fix the build/);
    row.focus();
    // A button's Enter is its click; the browser makes it, so the test clicks.
    fireEvent.keyDown(row, { key: "Enter" });
    row.click();
    await tick();
    expect(calls).toEqual(["select ses_a"]);
  });

  it("opens the actions menu with Shift+F10 and walks it with the arrows", () => {
    setup();
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "F10", shiftKey: true });
    const menu = screen.getByRole("menu", { name: "Actions for “Fix the build”" });
    const items = within(menu).getAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "RenameF2",
      "Fork",
      "Copy share link",
      "Summarize",
      "Delete…Del",
    ]);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: "ArrowUp" });
    expect(document.activeElement).toBe(items[4]);
    fireEvent.keyDown(menu, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(
      within(rowOf(/Fix the build/)).getByRole("button", { name: "Session actions" }),
    );
  });

  it("closes the menu on a click outside", () => {
    setup();
    openMenu(/Fix the build/);
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole("menu")).toBeNull();
  });
});

describe("rename", () => {
  const field = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Session title" });

  it("edits in place with F2 and saves with Enter", async () => {
    const { calls } = setup();
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "F2" });
    expect(document.activeElement).toBe(field());
    expect(field().value).toBe("Fix the build");
    field().value = "  Fix the CI build ";
    fireEvent.keyDown(field(), { key: "Enter" });
    await tick();
    expect(calls).toEqual(["rename ses_a Fix the CI build"]);
    expect(screen.queryByRole("textbox", { name: "Session title" })).toBeNull();
    expect(document.activeElement?.classList.contains("sl-open")).toBe(true);
  });

  it("cancels with Escape and refuses an empty title", () => {
    const { calls } = setup();
    within(openMenu(/Add tests/)).getByRole("menuitem", { name: /Rename/ }).click();
    field().value = "   ";
    fireEvent.keyDown(field(), { key: "Enter" });
    expect(screen.getByRole("alert").textContent).toBe("A session needs a title.");
    fireEvent.keyDown(field(), { key: "Escape" });
    expect(screen.queryByRole("textbox", { name: "Session title" })).toBeNull();
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(openButton(/Add tests/));
  });

  it("keeps the box and the text when the server refuses", async () => {
    setup({ onRename: () => Promise.reject(new Error("Title too long")) });
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "F2" });
    field().value = "x".repeat(300);
    fireEvent.keyDown(field(), { key: "Enter" });
    expect((await screen.findByRole("alert")).textContent).toBe("Title too long");
    expect(field().value).toBe("x".repeat(300));
    expect(field().disabled).toBe(false);
  });
});

describe("delete", () => {
  it("asks first, naming the session, and Cancel keeps it", () => {
    const { calls } = setup();
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "Delete" });
    const dialog = screen.getByRole("alertdialog", { name: "Delete session" });
    expect(dialog.textContent).toContain("Delete “Fix the build”? This cannot be undone.");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    within(dialog).getByRole("button", { name: "Cancel" }).click();
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(openButton(/Fix the build/));
  });

  it("closes with Escape and keeps Tab inside the dialog", () => {
    setup();
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: /Delete/ }).click();
    const dialog = screen.getByRole("alertdialog");
    const [cancel, remove] = within(dialog).getAllByRole("button");
    fireEvent.keyDown(cancel as Element, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(remove);
    fireEvent.keyDown(remove as Element, { key: "Tab" });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("deletes on confirm and moves the focus to the next row", async () => {
    const sessions = [...SESSIONS];
    const [list, setList] = createSignal(sessions);
    const calls: string[] = [];
    render(() => (
      <SessionList
        sessions={list()}
        selected={undefined}
        isBusy={() => false}
        needsYou={() => false}
        onSelect={() => undefined}
        onNew={() => undefined}
        onDelete={(id) => {
          calls.push(id);
          setList(list().filter((s) => s.id !== id));
          return Promise.resolve();
        }}
        now={NOW}
      />
    ));
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "Delete" });
    screen.getByRole("button", { name: "Delete" }).click();
    await tick();
    expect(calls).toEqual(["ses_a"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(titles()).toEqual(["Add tests", "Réparer le café"]);
    expect(document.activeElement).toBe(openButton(/café/));
  });

  it("shows a failure in the dialog and lets the user retry or cancel", async () => {
    setup({ onDelete: () => Promise.reject(new Error("Session is busy")) });
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "Delete" });
    screen.getByRole("button", { name: "Delete" }).click();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Deleting…" }).disabled).toBe(true);
    const dialog = screen.getByRole("alertdialog");
    expect((await within(dialog).findByRole("alert")).textContent).toBe("Session is busy");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Delete" }).disabled).toBe(false);
  });
});

describe("fork, share, summarize", () => {
  it("forks from the menu, and reports a failure", async () => {
    const { calls } = setup();
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: "Fork" }).click();
    await tick();
    expect(calls).toEqual(["fork ses_a"]);
    cleanup();
    setup({ onFork: () => Promise.reject(new Error("Not found")) });
    within(openMenu(/Add tests/)).getByRole("menuitem", { name: "Fork" }).click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not fork “Add tests”: Not found×",
    );
  });

  it("copies the share link and says so", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: {
        writeText: (text: string) => {
          copied.push(text);
          return Promise.resolve();
        },
      },
    });
    const { calls } = setup();
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: "Copy share link" }).click();
    expect(await screen.findByText("Link copied")).toBeTruthy();
    expect(calls).toEqual(["share ses_a"]);
    expect(copied).toEqual(["https://opncd.ai/s/ses_a"]);
  });

  it("shows the link to copy by hand when the clipboard refuses", async () => {
    setup();
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: "Copy share link" }).click();
    const link = await screen.findByRole<HTMLInputElement>("textbox", { name: "Share link" });
    expect(link.value).toBe("https://opncd.ai/s/ses_a");
    expect(screen.getByText("Copy this link:")).toBeTruthy();
  });

  it("shows the server's reason when sharing is disabled", async () => {
    setup({ onShare: () => Promise.reject(new Error("Sharing is disabled on this server")) });
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: "Copy share link" }).click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not share “Fix the build”: Sharing is disabled on this server×",
    );
  });

  it("marks a session busy while it is summarized", async () => {
    let done: () => void = () => undefined;
    setup({
      onSummarize: () =>
        new Promise<void>((resolve) => {
          done = resolve;
        }),
    });
    within(openMenu(/Fix the build/)).getByRole("menuitem", { name: "Summarize" }).click();
    expect(openButton(/Fix the build/).textContent).toContain("summarizing");
    const item = within(openMenu(/Fix the build/)).getByRole<HTMLButtonElement>("menuitem", {
      name: "Summarizing…",
    });
    expect(item.disabled).toBe(true);
    done();
    await tick();
    expect(openButton(/Fix the build/).textContent).not.toContain("summarizing");
  });

  it("offers to open a session in a terminal, before Delete", () => {
    const opened: string[] = [];
    setup({ onOpenInTerminal: (id) => opened.push(id) });
    const menu = openMenu(/Fix the build/);
    const labels = within(menu).getAllByRole("menuitem").map((i) => i.textContent);
    expect(labels.slice(-2)).toEqual(["Open in terminal", "Delete…Del"]);
    within(menu).getByRole("menuitem", { name: "Open in terminal" }).click();
    expect(opened).toEqual(["ses_a"]);
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("offers only the actions it was given", () => {
    render(() => (
      <SessionList
        sessions={SESSIONS}
        selected={undefined}
        isBusy={() => false}
        needsYou={() => false}
        onSelect={() => undefined}
        onNew={() => undefined}
        onFork={() => Promise.resolve()}
        now={NOW}
      />
    ));
    const menu = openMenu(/Fix the build/);
    expect(within(menu).getAllByRole("menuitem").map((i) => i.textContent)).toEqual(["Fork"]);
    openButton(/Fix the build/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "F2" });
    expect(screen.queryByRole("textbox", { name: "Session title" })).toBeNull();
  });
});

describe("many sessions", () => {
  const many = Array.from({ length: 7 }, (_, i) => dated(`ses_${i}`, `Session ${i}`, i));

  it("renders a page at a time, with Show more", () => {
    setup({ pageSize: 3 }, many);
    expect(titles()).toEqual(["Session 0", "Session 1", "Session 2"]);
    screen.getByRole("button", { name: "Show more (4 more)" }).click();
    expect(titles()).toHaveLength(6);
    screen.getByRole("button", { name: "Show more (1 more)" }).click();
    expect(titles()).toHaveLength(7);
    expect(screen.queryByRole("button", { name: /Show more/ })).toBeNull();
  });

  it("adds a page when the keyboard moves past the last row", () => {
    setup({ pageSize: 3 }, many);
    openButton(/Session 2/).focus();
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
    expect(document.activeElement).toBe(openButton(/Session 3/));
    expect(titles()).toHaveLength(6);
  });

  it("renders only a page of thousands", () => {
    const thousands = Array.from({ length: 3000 }, (_, i) => dated(`s${i}`, `Task ${i}`, i));
    setup({}, thousands);
    expect(document.querySelectorAll(".sl-row")).toHaveLength(200);
  });
});
