import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { RecentProject } from "../../ipc";
import ProjectPicker from "./ProjectPicker";
import { RecentProjectsContext, type RecentProjectsSource } from "./RecentProjects";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const RECENT: RecentProject[] = [
  { directory: "/src/desk", exists: true },
  { directory: "/mnt/usb/gone", exists: false },
  { directory: "/src/api", exists: true },
];

function setup(source: Partial<RecentProjectsSource> = {}, recent = RECENT) {
  const calls: string[] = [];
  let list = [...recent];
  const full: RecentProjectsSource = {
    list: () => Promise.resolve(list),
    forget: (directory) => {
      calls.push(`forget ${directory}`);
      list = list.filter((p) => p.directory !== directory);
      return Promise.resolve(list);
    },
    ...source,
  };
  render(() => (
    <RecentProjectsContext.Provider value={full}>
      <ProjectPicker
        serverId="srv"
        currentDirectory="/src/api"
        listProjects={() => Promise.resolve([])}
        pickFolder={() => Promise.resolve(null)}
        onOpenProject={(directory) => {
          calls.push(`open ${directory}`);
          return Promise.resolve();
        }}
      />
    </RecentProjectsContext.Provider>
  ));
  return { calls };
}

const recentList = () => screen.getByRole("listbox", { name: "Recent projects" });
const goneList = () => screen.getByRole("list", { name: /folder is gone/ });

describe("the project picker's Recent group", () => {
  it("lists the recent projects still there, the current one selected, and opens one in a click", async () => {
    const { calls } = setup();
    await settle();
    expect(screen.getByRole("heading", { name: "Recent" })).toBeTruthy();
    const options = within(recentList()).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["desk/src/desk", "api/src/api"]);
    expect(options.map((o) => o.getAttribute("aria-selected"))).toEqual(["false", "true"]);
    options[0]?.click();
    await settle();
    expect(calls).toEqual(["open /src/desk"]);
  });

  it("marks a project whose folder is gone, and removes it from the list", async () => {
    const { calls } = setup();
    await settle();
    const gone = within(goneList()).getByRole("listitem");
    expect(gone.textContent).toContain("/mnt/usb/gone");
    expect(gone.textContent).toContain("folder gone");
    within(gone).getByRole("button", { name: "Remove /mnt/usb/gone from the recent projects" }).click();
    await settle();
    expect(calls).toEqual(["forget /mnt/usb/gone"]);
    expect(screen.queryByRole("list", { name: /folder is gone/ })).toBeNull();
    expect(within(recentList()).getAllByRole("option")).toHaveLength(2);
  });

  it("says when a project could not be removed", async () => {
    setup({ forget: () => Promise.reject(new Error("disk full")) });
    await settle();
    within(goneList()).getByRole("button").click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not remove /mnt/usb/gone: disk full",
    );
  });

  it("shows no Recent group before any project was opened, nor without a provider", async () => {
    setup({}, []);
    await settle();
    expect(screen.queryByRole("heading", { name: "Recent" })).toBeNull();
    cleanup();
    render(() => (
      <ProjectPicker
        serverId="srv"
        currentDirectory={null}
        listProjects={() => Promise.resolve([])}
        pickFolder={() => Promise.resolve(null)}
        onOpenProject={() => Promise.resolve()}
      />
    ));
    await settle();
    expect(screen.queryByRole("heading", { name: "Recent" })).toBeNull();
  });
});
