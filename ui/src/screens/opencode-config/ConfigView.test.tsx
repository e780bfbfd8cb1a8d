import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError, type Agent, type ConfigProviders } from "../../ipc";
import type {
  ConfigChange,
  ConfigSaved,
  ConfigScope,
  OpencodeConfigView,
  PermissionRuleView,
} from "../../ipc/opencodeConfig";
import ConfigView from "./ConfigView";

afterEach(cleanup);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const models: ConfigProviders = {
  providers: [
    {
      id: "fake",
      name: "Fake",
      models: {
        "fake-model": { id: "fake-model", providerID: "fake", name: "Fake Model", capabilities: {} },
        "fake-title": { id: "fake-title", providerID: "fake", name: "Fake Title", capabilities: {} },
      },
    },
  ],
  default: { fake: "fake-model" },
} as unknown as ConfigProviders;

const agents = [
  { name: "build", description: "The default agent.", mode: "primary", native: true, hidden: false },
  { name: "plan", description: "Plan mode.", mode: "primary", native: true, hidden: false },
  {
    name: "explore",
    description: "Explores codebases.",
    mode: "subagent",
    native: true,
    hidden: false,
    model: { providerID: "fake", modelID: "fake-title" },
  },
  { name: "title", mode: "primary", native: true, hidden: true },
] as Agent[];

type Layer = Record<string, string | Record<string, string | Record<string, string>>>;

/** A server with a project and a global layer, refusing what OpenCode refuses. */
function fakeServer(remote = false) {
  const project: Layer = { model: "fake/fake-model", permission: { bash: { "git status": "allow" } } };
  const global: Layer = { share: "manual", permission: { bash: { "rm *": "deny" } } };
  const origin = (key: string) => (key in project ? "project" : key in global ? "global" : "default");
  const value = (key: string) => {
    const v = project[key] ?? global[key];
    return { value: typeof v === "string" ? v : null, origin: v === undefined ? "default" : origin(key) } as const;
  };
  const rules = (): PermissionRuleView[] =>
    (["global", "project"] as const).flatMap((where) => {
      const layer = where === "global" ? global : project;
      const perms = (layer.permission ?? {}) as Record<string, Record<string, string>>;
      return Object.entries(perms).flatMap(([tool, patterns]) =>
        Object.entries(patterns).map(([pattern, action]) => ({ tool, pattern, action, origin: where })),
      );
    });
  const readOpencodeConfig = vi.fn(
    (): Promise<OpencodeConfigView> =>
      Promise.resolve({
        model: value("model"),
        small_model: value("small_model"),
        default_agent: value("default_agent"),
        share: value("share"),
        autoupdate: value("autoupdate"),
        permissions: rules(),
        project_files: remote ? [] : ["/p/opencode.json"],
        project_unavailable: remote ? "This server runs on another computer." : null,
      }),
  );
  const setOpencodeConfigValue = vi.fn(
    (_server: string, scope: ConfigScope, change: ConfigChange): Promise<ConfigSaved> => {
      const layer = scope === "project" ? project : global;
      if (change.key === "share" && change.value === "auto") {
        return Promise.reject(new AppError("InvalidInput", 'OpenCode refused it: Expected "manual" at ["share"]'));
      }
      if (change.key === "permission" || change.key === "removePermission") {
        if (change.pattern === "bad pattern") {
          return Promise.reject(new AppError("InvalidInput", "That pattern is refused."));
        }
        const perms = (layer.permission ?? {}) as Record<string, Record<string, string> | undefined>;
        const tool = perms[change.tool] ?? {};
        perms[change.tool] =
          change.key === "removePermission"
            ? Object.fromEntries(Object.entries(tool).filter(([p]) => p !== change.pattern))
            : { ...tool, [change.pattern ?? "*"]: change.action };
        layer.permission = perms as Layer["permission"];
      } else {
        const key = { model: "model", smallModel: "small_model", defaultAgent: "default_agent" }[
          change.key as string
        ];
        layer[key ?? change.key] = change.value;
      }
      return Promise.resolve({ applied: true, message: scope === "project" ? "Saved in opencode.json." : "Saved in the global config." });
    },
  );
  return {
    project,
    global,
    props: {
      serverId: "s1",
      readOpencodeConfig,
      setOpencodeConfigValue,
      listModels: vi.fn(() => Promise.resolve(models)),
      listAgents: vi.fn(() => Promise.resolve(agents)),
    },
  };
}

const row = (label: string) => screen.getByLabelText(label).closest(".config-row") as HTMLElement;

describe("ConfigView", () => {
  it("shows each value with where it comes from, and the agents with their descriptions and models", async () => {
    const server = fakeServer();
    render(() => <ConfigView {...server.props} />);
    await settle();
    expect(within(row("Default model")).getByText("this project")).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>("Default model").value).toBe("fake/fake-model");
    expect(within(row("Share sessions")).getByText("global")).toBeTruthy();
    expect(within(row("OpenCode updates")).getByText("default")).toBeTruthy();
    const list = screen.getByRole("list", { name: "Agents" });
    expect(within(list).getByText("Explores codebases.")).toBeTruthy();
    expect(within(list).getByText("fake/fake-title")).toBeTruthy();
    expect(within(list).queryByText("title")).toBeNull();
    // Only agents that can lead are offered as the default.
    const options = [...screen.getByLabelText<HTMLSelectElement>("Default agent").options].map((o) => o.value);
    expect(options).toEqual(["", "build", "plan"]);
    expect(screen.getByText("/p/opencode.json")).toBeTruthy();
  });

  it("saves the default model where it lives, then reads it back", async () => {
    const server = fakeServer();
    const onApplied = vi.fn();
    render(() => <ConfigView {...server.props} onApplied={onApplied} />);
    await settle();
    fireEvent.change(screen.getByLabelText("Default model"), { target: { value: "fake/fake-title" } });
    fireEvent.click(within(row("Default model")).getByRole("button", { name: "Save" }));
    await settle();
    await settle();
    expect(server.props.setOpencodeConfigValue).toHaveBeenCalledWith("s1", "project", {
      key: "model",
      value: "fake/fake-title",
    });
    expect(server.project.model).toBe("fake/fake-title");
    expect(within(row("Default model")).getByRole("status").textContent).toBe("Saved in opencode.json.");
    expect(screen.getByLabelText<HTMLSelectElement>("Default model").value).toBe("fake/fake-title");
    expect(onApplied).toHaveBeenCalledTimes(1);
    expect(server.props.readOpencodeConfig).toHaveBeenCalledTimes(2);
  });

  it("shows a refused value next to its field and keeps the choice; nothing is saved", async () => {
    const server = fakeServer();
    render(() => <ConfigView {...server.props} />);
    await settle();
    const share = screen.getByLabelText<HTMLSelectElement>("Share sessions");
    fireEvent.change(share, { target: { value: "auto" } });
    fireEvent.click(within(row("Share sessions")).getByRole("button", { name: "Save" }));
    await settle();
    expect(within(row("Share sessions")).getByRole("alert").textContent).toContain('at ["share"]');
    expect(share.getAttribute("aria-invalid")).toBe("true");
    expect(share.value).toBe("auto");
    expect(server.global.share).toBe("manual");
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("adds and removes a bash pattern; a refused one stays in the box", async () => {
    const server = fakeServer();
    render(() => <ConfigView {...server.props} />);
    await settle();
    const patterns = () => screen.getByRole("list", { name: "bash patterns" });
    expect(within(patterns()).getByText("git status")).toBeTruthy();
    expect(within(patterns()).getByText("rm *")).toBeTruthy();

    const box = screen.getByLabelText<HTMLInputElement>("New bash pattern");
    fireEvent.input(box, { target: { value: "bad pattern" } });
    fireEvent.submit(box.closest("form") as HTMLFormElement);
    await settle();
    expect(box.value).toBe("bad pattern");
    expect(within(box.closest("form") as HTMLElement).getByRole("alert").textContent).toBe("That pattern is refused.");

    fireEvent.input(box, { target: { value: "npm test" } });
    fireEvent.submit(box.closest("form") as HTMLFormElement);
    await settle();
    await settle();
    expect(server.props.setOpencodeConfigValue).toHaveBeenLastCalledWith("s1", "project", {
      key: "permission",
      tool: "bash",
      pattern: "npm test",
      action: "allow",
    });
    expect(within(patterns()).getByText("npm test")).toBeTruthy();

    const gitStatus = within(patterns()).getByText("git status").closest("li") as HTMLElement;
    fireEvent.click(within(gitStatus).getByRole("button", { name: "Remove" }));
    await settle();
    await settle();
    expect(server.props.setOpencodeConfigValue).toHaveBeenLastCalledWith("s1", "project", {
      key: "removePermission",
      tool: "bash",
      pattern: "git status",
    });
    expect(within(patterns()).queryByText("git status")).toBeNull();
  });

  it("offers only the global config on a server of another computer", async () => {
    const server = fakeServer(true);
    render(() => <ConfigView {...server.props} />);
    await settle();
    expect(screen.getByText("This server runs on another computer.")).toBeTruthy();
    const scope = screen.getByLabelText<HTMLSelectElement>("Save Default model in");
    expect(scope.value).toBe("global");
    expect(within(scope).getByText<HTMLOptionElement>("This project").disabled).toBe(true);
  });
});
