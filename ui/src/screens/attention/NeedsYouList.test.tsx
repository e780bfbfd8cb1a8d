import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { InboxGroup, InboxItem } from "../../ipc/inbox";
import NeedsYouList, { NeedsYouBadge, groupHeading, itemTitle, sinceText } from "./NeedsYouList";

afterEach(cleanup);

const item = (over: Partial<InboxItem> & Pick<InboxItem, "session_id" | "waits">): InboxItem => ({
  title: "",
  subagent: null,
  request_id: null,
  what: "",
  since: null,
  ...over,
});

/** Two servers, as Rust's inbox groups them: by project, then server. */
const groups: InboxGroup[] = [
  {
    server_id: "box",
    server_label: "Build box",
    directory: "/srv/api",
    reachable: true,
    items: [item({ session_id: "ses_e", waits: "Finished", title: "Release notes" })],
  },
  {
    server_id: "laptop",
    server_label: "Laptop",
    directory: "/home/me/web/",
    reachable: true,
    items: [
      item({ session_id: "ses_a", waits: "Permission", title: "Fix the build", request_id: "per_1", what: "bash: rm -rf build" }),
      item({
        session_id: "ses_b",
        waits: "Question",
        title: "Write docs",
        subagent: "Look up the style",
        request_id: "que_1",
        what: "Formal or casual?",
      }),
      item({ session_id: "ses_c", waits: "Error", title: "Refactor", what: "Bad request" }),
    ],
  },
];

describe("the inbox's words", () => {
  it("names a group by its project's folder and its server", () => {
    expect(groupHeading(groups[1] as InboxGroup)).toEqual({ project: "web", server: "Laptop" });
    expect(groupHeading({ ...(groups[0] as InboxGroup), directory: "" })).toEqual({
      project: "No project",
      server: "Build box",
    });
  });

  it("names a sub-agent's request after its session, and an untitled session plainly", () => {
    expect(itemTitle(item({ session_id: "s", waits: "Question", title: "Top", subagent: "Child" }))).toBe(
      "Top › Child",
    );
    expect(itemTitle(item({ session_id: "s", waits: "Finished" }))).toBe("Untitled session");
  });

  it("says since when as a clock time today, with the date before", () => {
    const now = new Date(2026, 11, 7, 15, 30);
    expect(sinceText(new Date(2026, 11, 7, 9, 5).getTime(), now)).toMatch(/09:05/);
    expect(sinceText(new Date(2026, 11, 1, 9, 5).getTime(), now)).toMatch(/Dec.*1.*09:05|1.*Dec.*09:05/);
    expect(sinceText(null, now)).toBe("");
  });
});

describe("NeedsYouList", () => {
  function setup() {
    const opened: string[] = [];
    render(() => (
      <NeedsYouList
        groups={groups}
        onOpen={(group, row) => opened.push(`${group.server_id} ${group.directory} ${row.session_id}`)}
      />
    ));
    return { opened };
  }

  it("groups the items by project, headed by the project and its server", () => {
    setup();
    const region = screen.getByRole("region", { name: "Needs you" });
    const lists = within(region).getAllByRole("list");
    expect(lists.map((list) => list.getAttribute("aria-labelledby") && document.getElementById(list.getAttribute("aria-labelledby") ?? "")?.textContent)).toEqual([
      "apiBuild box",
      "webLaptop",
    ]);
    expect(within(lists[0] as HTMLElement).getAllByRole("listitem")).toHaveLength(1);
    expect(within(lists[1] as HTMLElement).getAllByRole("listitem")).toHaveLength(3);
  });

  it("says what each item waits for", () => {
    setup();
    expect(screen.getAllByRole("listitem").map((row) => row.textContent)).toEqual([
      "Release notesReply finishedOpen",
      "Fix the buildPermission: bash: rm -rf buildOpen",
      "Write docs › Look up the styleQuestion: Formal or casual?Open",
      "RefactorReply failed: Bad requestOpen",
    ]);
  });

  it("opens an item with its server, project and session", () => {
    const { opened } = setup();
    screen.getByRole("button", { name: "Open Write docs › Look up the style: question" }).click();
    screen.getByRole("button", { name: "Open Release notes: reply finished" }).click();
    expect(opened).toEqual(["laptop /home/me/web/ ses_b", "box /srv/api ses_e"]);
  });

  it("moves between rows across groups with the arrow keys, Home and End", () => {
    setup();
    const buttons = screen.getAllByRole("button", { name: /^Open / });
    const region = screen.getByRole("region", { name: "Needs you" });
    buttons[0]?.focus();
    fireEvent.keyDown(region, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[1]);
    fireEvent.keyDown(region, { key: "End" });
    expect(document.activeElement).toBe(buttons[3]);
    fireEvent.keyDown(region, { key: "ArrowDown" });
    expect(document.activeElement).toBe(buttons[3]);
    fireEvent.keyDown(region, { key: "Home" });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(region, { key: "ArrowUp" });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it("marks the group of a server out of reach, as last seen", () => {
    const away = [groups[0] as InboxGroup, { ...(groups[1] as InboxGroup), reachable: false }];
    render(() => <NeedsYouList groups={away} onOpen={() => undefined} />);
    const headings = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(["apiBuild box", "webLaptopnot reachable: as last seen"]);
  });

  it("says so when nothing is waiting", () => {
    render(() => <NeedsYouList groups={[]} onOpen={() => undefined} />);
    const region = screen.getByRole("region", { name: "Needs you" });
    expect(within(region).queryByRole("list")).toBeNull();
    expect(region.textContent).toContain("Nothing is waiting for you.");
  });

  it("follows the inbox as items come and go", () => {
    const [shown, setShown] = createSignal<InboxGroup[]>([]);
    render(() => <NeedsYouList groups={shown()} onOpen={() => undefined} />);
    expect(screen.queryAllByRole("listitem")).toHaveLength(0);
    setShown(groups.slice(0, 1));
    expect(screen.getAllByRole("listitem")[0]?.textContent).toBe("Release notesReply finishedOpen");
  });
});

describe("NeedsYouBadge", () => {
  it("shows the count, and nothing at zero", () => {
    const [count, setCount] = createSignal(0);
    render(() => <NeedsYouBadge count={count()} />);
    expect(screen.queryByRole("status")).toBeNull();
    setCount(3);
    expect(screen.getByRole("status", { name: "Needs you: 3 waiting" }).textContent).toBe("3");
  });

  it("is a button when it has somewhere to go", () => {
    let clicks = 0;
    render(() => <NeedsYouBadge count={2} onClick={() => (clicks += 1)} />);
    screen.getByRole("button", { name: "Needs you: 2 waiting" }).click();
    expect(clicks).toBe(1);
  });
});
