import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import type { ConfigProviders, ModelRef } from "../../ipc";
import type { ModelPrefs } from "../../ipc/modelPrefs";
import { createModelPrefs, type ModelPrefsApi } from "../../state/modelPrefs";
import ModelPicker from "./ModelPicker";
import { currentModel, modelNames, modelSections, modelTrigger, openModels, pickModel } from "./ModelPicker.testing";

afterEach(cleanup);

function model(id: string, name: string, extra: { limit?: unknown; cost?: unknown } = {}) {
  return { id, providerID: "router", name, capabilities: {}, limit: extra.limit ?? {}, cost: extra.cost ?? {} };
}

const MODELS: ConfigProviders = {
  providers: [
    {
      id: "router",
      name: "Router",
      models: {
        "vendor/model-b": model("vendor/model-b", "Model B"),
        "vendor/model-a": model("vendor/model-a", "Model A"),
      },
    },
  ],
  default: {},
};

/** Two providers, with and without prices and context sizes. */
const CATALOG: ConfigProviders = {
  providers: [
    {
      id: "anthropic",
      name: "Anthropic",
      models: {
        "claude-sonnet-4": model("claude-sonnet-4", "Claude Sonnet 4", {
          limit: { context: 200000, output: 64000 },
          cost: { input: 3, output: 15, cache_read: 0.3 },
        }),
        "claude-haiku": model("claude-haiku", "Claude Haiku", { limit: { context: 200000 }, cost: { input: 0.8, output: 4 } }),
      },
    },
    {
      id: "openai",
      name: "OpenAI",
      models: {
        "gpt-4o": model("gpt-4o", "GPT-4o", { limit: { context: 128000 }, cost: { input: 2.5, output: 10 } }),
        "gpt-oss": model("gpt-oss", "GPT OSS", { limit: { context: 131072 }, cost: { input: 0, output: 0 } }),
        mystery: model("mystery", "Mystery"),
      },
    },
  ],
  default: {},
};

const ref = (providerID: string, modelID: string): ModelRef => ({ providerID, modelID });

/** Prefs answered by a fake Rust side that keeps what it is told. */
function fakePrefs(start: Partial<ModelPrefs> = {}) {
  let saved: ModelPrefs = { favorite: [], recent: [], problem: null, ...start };
  const api: ModelPrefsApi = {
    get: () => Promise.resolve(saved),
    toggleFavorite: vi.fn((m: ModelRef) => {
      const on = saved.favorite.some((f) => f.modelID === m.modelID && f.providerID === m.providerID);
      saved = { ...saved, favorite: on ? saved.favorite.filter((f) => f.modelID !== m.modelID) : [m, ...saved.favorite] };
      return Promise.resolve(saved);
    }),
    noteUsed: vi.fn((m: ModelRef) => {
      saved = { ...saved, recent: [m, ...saved.recent.filter((r) => r.modelID !== m.modelID)] };
      return Promise.resolve(saved);
    }),
  };
  return { api, prefs: createModelPrefs(api) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function search(): HTMLInputElement {
  return screen.getByRole<HTMLInputElement>("combobox", { name: "Search models" });
}

function typeSearch(text: string) {
  fireEvent.input(search(), { target: { value: text } });
}

function row(name: string): HTMLElement {
  return within(openModels()).getByRole("option", { name });
}

it("shows the current model with its provider and reports a pick, ids with slashes included", () => {
  const onChange = vi.fn<(ref: ModelRef) => void>();
  const { api, prefs } = fakePrefs();
  const value = ref("router", "vendor/model-b");
  render(() => <ModelPicker models={MODELS} value={value} onChange={onChange} prefs={prefs} />);
  expect(currentModel()).toBe("Model B");
  expect(modelTrigger().textContent).toContain("Router");
  expect(modelNames()).toEqual(["Model A", "Model B"]);
  expect(row("Model B").getAttribute("aria-selected")).toBe("true");
  pickModel("Model A");
  expect(onChange).toHaveBeenCalledWith(ref("router", "vendor/model-a"));
  expect(api.noteUsed).toHaveBeenCalledWith(ref("router", "vendor/model-a"));
  expect(screen.queryByRole("listbox")).toBeNull();
});

it("hands its button to whoever asks, to focus it from outside", () => {
  let trigger: HTMLButtonElement | undefined;
  const value = ref("router", "vendor/model-b");
  render(() => (
    <ModelPicker models={MODELS} value={value} onChange={vi.fn()} prefs={fakePrefs().prefs} ref={(e) => (trigger = e)} />
  ));
  expect(trigger).toBe(modelTrigger());
});

it("is disabled and says why while loading or with no model configured", () => {
  const { unmount } = render(() => (
    <ModelPicker models={undefined} value={undefined} onChange={vi.fn()} prefs={fakePrefs().prefs} />
  ));
  const loading = modelTrigger();
  expect(loading.disabled).toBe(true);
  expect(loading.textContent).toBe("Loading models…");
  unmount();
  const none = { providers: [], default: {} };
  const onConnectProvider = vi.fn();
  render(() => (
    <ModelPicker
      models={none}
      value={undefined}
      onChange={vi.fn()}
      onConnectProvider={onConnectProvider}
      prefs={fakePrefs().prefs}
    />
  ));
  expect(modelTrigger().textContent).toBe("No model available");
  // No model can answer: the way to get one is right there, before anything is sent.
  fireEvent.click(screen.getByRole("button", { name: "Connect a provider" }));
  expect(onConnectProvider).toHaveBeenCalledTimes(1);
});

it("offers to connect a provider when only OpenCode's free default is there, and not otherwise", () => {
  const onConnectProvider = vi.fn();
  const free: ConfigProviders = {
    providers: [{ id: "opencode", name: "OpenCode Zen", models: { big: { ...model("big", "Big Pickle"), providerID: "opencode" } } }],
    default: {},
  };
  const { unmount } = render(() => (
    <ModelPicker models={free} value={undefined} onChange={vi.fn()} onConnectProvider={onConnectProvider} prefs={fakePrefs().prefs} />
  ));
  fireEvent.click(screen.getByRole("button", { name: "Connect a provider" }));
  expect(onConnectProvider).toHaveBeenCalledTimes(1);
  unmount();
  render(() => (
    <ModelPicker models={MODELS} value={undefined} onChange={vi.fn()} onConnectProvider={onConnectProvider} prefs={fakePrefs().prefs} />
  ));
  expect(screen.queryByRole("button", { name: "Connect a provider" })).toBeNull();
});

it("filters by name, id or provider as the user types, separators optional", () => {
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={fakePrefs().prefs} />);
  const names = () => within(openModels()).queryAllByRole("option").map((o) => o.querySelector(".model-picker-option-name")?.textContent);
  openModels();
  typeSearch("haiku");
  expect(names()).toEqual(["Claude Haiku"]);
  expect(screen.getByRole("status").textContent).toBe("1 model");
  typeSearch("openai");
  expect(names()).toEqual(["GPT OSS", "GPT-4o", "Mystery"]);
  typeSearch("gpt4o");
  expect(names()).toEqual(["GPT-4o"]);
  typeSearch("sonnet-4");
  expect(names()).toEqual(["Claude Sonnet 4"]);
  typeSearch("claude 4");
  expect(names()).toEqual(["Claude Sonnet 4"]);
  typeSearch("nothing like it");
  expect(names()).toEqual([]);
  expect(screen.getByRole("status").textContent).toContain("No model matches");
});

it("is driven from the keyboard: type to open and filter, arrows, Enter picks, Esc closes and gives the focus back", async () => {
  const onChange = vi.fn<(ref: ModelRef) => void>();
  render(() => (
    <ModelPicker models={CATALOG} value={ref("anthropic", "claude-sonnet-4")} onChange={onChange} prefs={fakePrefs().prefs} />
  ));
  const trigger = modelTrigger();
  trigger.focus();
  fireEvent.keyDown(trigger, { key: "g" });
  await settle();
  expect(trigger.getAttribute("aria-expanded")).toBe("true");
  expect(document.activeElement).toBe(search());
  expect(search().value).toBe("g");
  typeSearch("gpt");
  const active = () => document.getElementById(search().getAttribute("aria-activedescendant") ?? "")?.querySelector(".model-picker-option-name")?.textContent;
  expect(active()).toBe("GPT OSS");
  fireEvent.keyDown(search(), { key: "ArrowDown" });
  expect(active()).toBe("GPT-4o");
  fireEvent.keyDown(search(), { key: "ArrowDown" });
  expect(active()).toBe("GPT OSS");
  fireEvent.keyDown(search(), { key: "ArrowUp" });
  expect(active()).toBe("GPT-4o");
  fireEvent.keyDown(search(), { key: "Enter" });
  expect(onChange).toHaveBeenCalledWith(ref("openai", "gpt-4o"));
  expect(screen.queryByRole("listbox")).toBeNull();
  expect(document.activeElement).toBe(trigger);

  fireEvent.keyDown(trigger, { key: "ArrowDown" });
  await settle();
  // Opens on the current model.
  expect(active()).toBe("Claude Sonnet 4");
  fireEvent.keyDown(search(), { key: "Escape" });
  expect(screen.queryByRole("listbox")).toBeNull();
  expect(document.activeElement).toBe(trigger);
  expect(onChange).toHaveBeenCalledTimes(1);
});

it("lists favourites first, then recent models, then each provider, each model once", async () => {
  const { prefs } = fakePrefs({
    favorite: [ref("openai", "gpt-4o"), ref("gone", "not-configured")],
    recent: [ref("anthropic", "claude-haiku"), ref("openai", "gpt-4o")],
  });
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={prefs} />);
  await settle();
  expect(modelSections()).toEqual(["Favourites", "Recent", "Anthropic", "OpenAI"]);
  expect(modelNames()).toEqual(["GPT-4o", "Claude Haiku", "Claude Sonnet 4", "GPT OSS", "Mystery"]);
  // The provider is said where the heading does not say it.
  const provider = (name: string) => row(name).querySelector(".model-picker-option-provider")?.textContent;
  expect([provider("GPT-4o"), provider("Claude Haiku"), provider("Mystery")]).toEqual(["OpenAI", "Anthropic", ""]);
});

it("marks a favourite with the star or Ctrl+F, and it moves up at once", async () => {
  const { api, prefs } = fakePrefs();
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={prefs} />);
  await settle();
  const star = within(row("Mystery")).getByRole("button", { name: "Favourite Mystery" });
  expect(star.getAttribute("aria-pressed")).toBe("false");
  fireEvent.click(star);
  expect(api.toggleFavorite).toHaveBeenCalledWith(ref("openai", "mystery"));
  expect(modelNames()[0]).toBe("Mystery");
  expect(modelSections()[0]).toBe("Favourites");
  openModels();
  typeSearch("haiku");
  fireEvent.keyDown(search(), { key: "f", ctrlKey: true });
  await settle();
  expect(api.toggleFavorite).toHaveBeenLastCalledWith(ref("anthropic", "claude-haiku"));
  fireEvent.keyDown(search(), { key: "Escape" });
  expect(modelNames().slice(0, 2)).toEqual(["Claude Haiku", "Mystery"]);
});

it("shows context size and price where the catalog has them, 'free' at zero, nothing when unknown", () => {
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={fakePrefs().prefs} />);
  const facts = (name: string) => {
    const option = row(name);
    return [".model-picker-option-context", ".model-picker-option-cost"].map((c) => option.querySelector(c)?.textContent);
  };
  expect(facts("Claude Sonnet 4")).toEqual(["200K", "$3 / $15"]);
  expect(facts("Claude Haiku")).toEqual(["200K", "$0.8 / $4"]);
  expect(facts("GPT OSS")).toEqual(["131K", "free"]);
  expect(facts("Mystery")).toEqual(["", ""]);
  // Screen readers hear the same figures as a description.
  expect(row("Claude Sonnet 4").getAttribute("aria-describedby")).not.toBeNull();
  const described = document.getElementById(row("Claude Sonnet 4").getAttribute("aria-describedby") ?? "");
  expect(described?.textContent).toBe("Anthropic, 200K context, $3 / $15 per million tokens");
});

it("closes when the user presses outside it", () => {
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={fakePrefs().prefs} />);
  openModels();
  fireEvent.pointerDown(document.body);
  expect(screen.queryByRole("listbox")).toBeNull();
});

it("keeps the rows it already drew while the filter narrows (a keystroke draws nothing anew)", () => {
  render(() => <ModelPicker models={CATALOG} value={undefined} onChange={vi.fn()} prefs={fakePrefs().prefs} />);
  const before = row("GPT-4o");
  openModels();
  typeSearch("gpt");
  typeSearch("gpt-");
  expect(row("GPT-4o")).toBe(before);
});
