import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import type { Project } from "../../ipc";
import ProjectPicker, { type ProjectPickerProps } from "./ProjectPicker";

afterEach(cleanup);

const project = (worktree: string, updated: number, vcs?: string) =>
  ({ id: worktree, worktree, time: { created: 1, updated }, ...(vcs ? { vcs } : {}) }) as Project;

const PROJECTS = [project("/src/old", 10), project("/src/desk", 30, "git"), project("/src/api", 20)];

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(overrides: Partial<ProjectPickerProps> = {}) {
  const calls: string[] = [];
  const props: ProjectPickerProps = {
    serverId: "srv",
    currentDirectory: "/src/api",
    listProjects: (id) => {
      calls.push(`list ${id}`);
      return Promise.resolve(PROJECTS);
    },
    pickFolder: () => {
      calls.push("pick");
      return Promise.resolve("/home/me/new");
    },
    onOpenProject: (directory) => {
      calls.push(`open ${directory}`);
      return Promise.resolve();
    },
    ...overrides,
  };
  render(() => <ProjectPicker {...props} />);
  return { calls };
}

const options = () => screen.getAllByRole("option");
const names = () => options().map((o) => o.querySelector(".servers-option-name")?.textContent);

describe("ProjectPicker", () => {
  it("says it is loading, then lists projects newest first with the current one selected", async () => {
    const listed = deferred<Project[]>();
    setup({ listProjects: () => listed.promise });
    expect(screen.getByRole("status").textContent).toBe("Loading projects…");
    listed.resolve(PROJECTS);
    await settle();
    expect(names()).toEqual(["deskgit", "api", "old"]);
    expect(options().map((o) => o.getAttribute("aria-selected"))).toEqual(["false", "true", "false"]);
    expect(screen.getByRole("listbox", { name: "Projects on this server" })).toBeTruthy();
  });

  it("opens a project on click, showing progress and ignoring picks meanwhile", async () => {
    const opened = deferred<undefined>();
    const calls: string[] = [];
    setup({
      onOpenProject: (directory) => {
        calls.push(directory);
        return opened.promise;
      },
    });
    await settle();
    options()[0]?.click();
    expect(calls).toEqual(["/src/desk"]);
    expect(screen.getByRole("status").textContent).toBe("Opening /src/desk…");
    options()[2]?.click();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Open folder…" }).disabled).toBe(true);
    expect(calls).toEqual(["/src/desk"]);
    opened.resolve(undefined);
    await settle();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("moves with the arrow keys, Home and End, and opens with Enter or Space", async () => {
    const { calls } = setup();
    await settle();
    const list = screen.getByRole("listbox");
    const active = () => document.getElementById(list.getAttribute("aria-activedescendant") ?? "");
    // Starts on the current project.
    expect(active()).toBe(options()[1]);
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(active()).toBe(options()[2]);
    fireEvent.keyDown(list, { key: "ArrowDown" });
    expect(active()).toBe(options()[2]);
    fireEvent.keyDown(list, { key: "Home" });
    expect(active()).toBe(options()[0]);
    fireEvent.keyDown(list, { key: "ArrowUp" });
    expect(active()).toBe(options()[0]);
    fireEvent.keyDown(list, { key: "Enter" });
    await settle();
    fireEvent.keyDown(list, { key: "End" });
    fireEvent.keyDown(list, { key: " " });
    await settle();
    expect(calls.filter((c) => c.startsWith("open"))).toEqual(["open /src/desk", "open /src/old"]);
  });

  it("opens a folder from the system dialog, and nothing when it is cancelled", async () => {
    const { calls } = setup();
    screen.getByRole("button", { name: "Open folder…" }).click();
    await settle();
    expect(calls).toContain("open /home/me/new");
    cleanup();
    const second = setup({ pickFolder: () => Promise.resolve(null) });
    screen.getByRole("button", { name: "Open folder…" }).click();
    await settle();
    expect(second.calls.filter((c) => c.startsWith("open"))).toEqual([]);
  });

  it("shows why a project could not be opened", async () => {
    setup({ onOpenProject: () => Promise.reject(new Error("Not a directory")) });
    await settle();
    options()[0]?.click();
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not open /src/desk: Not a directory",
    );
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Open folder…" }).disabled).toBe(false);
  });

  it("shows a failed dialog", async () => {
    setup({ pickFolder: () => Promise.reject(new Error("No portal")) });
    screen.getByRole("button", { name: "Open folder…" }).click();
    expect((await screen.findByRole("alert")).textContent).toBe("The folder dialog failed: No portal");
  });

  it("shows a listing failure with a Retry that lists again", async () => {
    let attempts = 0;
    setup({
      listProjects: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject(new Error("The server did not answer in time."))
          : Promise.resolve(PROJECTS);
      },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Could not list the projects: The server did not answer in time.",
    );
    screen.getByRole("button", { name: "Retry" }).click();
    await settle();
    expect(options()).toHaveLength(3);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when the server has no projects", async () => {
    setup({ listProjects: () => Promise.resolve([]) });
    await settle();
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByText(/no projects yet/).textContent).toContain("Open a folder");
  });

  it("lists again after the project changes, so a folder just opened appears", async () => {
    const calls: string[] = [];
    const [directory, setDirectory] = createSignal<string | null>("/src/api");
    render(() => (
      <ProjectPicker
        serverId="srv"
        currentDirectory={directory()}
        listProjects={(id) => {
          calls.push(id);
          return Promise.resolve(PROJECTS);
        }}
        pickFolder={() => Promise.resolve(null)}
        onOpenProject={() => Promise.resolve()}
      />
    ));
    await settle();
    setDirectory("/src/old");
    await settle();
    expect(calls).toEqual(["srv", "srv"]);
    expect(options().map((o) => o.getAttribute("aria-selected"))).toEqual(["false", "false", "true"]);
  });
});
