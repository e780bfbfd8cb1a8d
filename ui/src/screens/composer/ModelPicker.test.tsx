import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import type { ConfigProviders, ModelRef } from "../../ipc";
import ModelPicker from "./ModelPicker";

afterEach(cleanup);

function model(id: string, name: string) {
  return { id, providerID: "router", name, capabilities: {}, limit: {}, cost: {} };
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

it("shows the current model and reports a pick, ids with slashes included", () => {
  const onChange = vi.fn<(ref: ModelRef) => void>();
  const value = { providerID: "router", modelID: "vendor/model-b" };
  render(() => <ModelPicker models={MODELS} value={value} onChange={onChange} />);
  const picker = screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
  const names = within(picker).getAllByRole("option").map((o) => o.textContent);
  expect(names).toEqual(["Model A", "Model B"]);
  expect(picker.selectedOptions[0]?.textContent).toBe("Model B");
  const first = within(picker).getByRole<HTMLOptionElement>("option", { name: "Model A" });
  fireEvent.change(picker, { target: { value: first.value } });
  expect(onChange).toHaveBeenCalledWith({ providerID: "router", modelID: "vendor/model-a" });
});

it("hands its select to whoever asks, to focus it from outside", () => {
  let select: HTMLSelectElement | undefined;
  const value = { providerID: "router", modelID: "vendor/model-b" };
  render(() => <ModelPicker models={MODELS} value={value} onChange={vi.fn()} ref={(e) => (select = e)} />);
  expect(select).toBe(screen.getByRole("combobox", { name: "Model" }));
});

it("is disabled and says why while loading or with no model configured", () => {
  const { unmount } = render(() => (
    <ModelPicker models={undefined} value={undefined} onChange={vi.fn()} />
  ));
  const loading = screen.getByRole<HTMLSelectElement>("combobox", { name: "Model" });
  expect(loading.disabled).toBe(true);
  expect(loading.textContent).toBe("Loading models…");
  unmount();
  const none = { providers: [], default: {} };
  render(() => <ModelPicker models={none} value={undefined} onChange={vi.fn()} />);
  const picker = screen.getByRole("combobox", { name: "Model" });
  expect(picker.textContent).toBe("Server's default model");
});

it("offers to connect a provider when only OpenCode's free default is there, and not otherwise", () => {
  const onConnectProvider = vi.fn();
  const free: ConfigProviders = {
    providers: [{ id: "opencode", name: "OpenCode Zen", models: { big: { ...model("big", "Big Pickle"), providerID: "opencode" } } }],
    default: {},
  };
  const { unmount } = render(() => (
    <ModelPicker models={free} value={undefined} onChange={vi.fn()} onConnectProvider={onConnectProvider} />
  ));
  fireEvent.click(screen.getByRole("button", { name: "Connect a provider" }));
  expect(onConnectProvider).toHaveBeenCalledTimes(1);
  unmount();
  render(() => (
    <ModelPicker models={MODELS} value={undefined} onChange={vi.fn()} onConnectProvider={onConnectProvider} />
  ));
  expect(screen.queryByRole("button", { name: "Connect a provider" })).toBeNull();
});
