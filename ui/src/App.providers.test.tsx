// The app shell's way to sign in to a model provider (issue 16): the Settings dialog's Providers
// tab, the first-run offer next to the model picker, and the model picker read again after a change.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import App from "./App";
import type { ConfigProviders, ServerInfo } from "./ipc";
import { server } from "./test/factories";
import { quietBackend } from "./test/backend";
import { modelNames } from "./screens/composer/ModelPicker.testing";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const SERVER: ServerInfo = server();

const model = (providerID: string, id: string, name: string) => ({
  id, providerID, name, capabilities: {}, limit: {}, cost: {},
});
const FREE: ConfigProviders = {
  providers: [{ id: "opencode", name: "OpenCode Zen", models: { big: model("opencode", "big", "Big Pickle") } }],
  default: {},
};
const WITH_ANTHROPIC: ConfigProviders = {
  providers: [
    ...FREE.providers,
    { id: "anthropic", name: "Anthropic", models: { sonnet: model("anthropic", "sonnet", "Claude Sonnet") } },
  ],
  default: {},
};

/** A server with only the free default until a key is set for Anthropic. */
function fakeBackend() {
  let connected = false;
  return quietBackend({
    listServers: () => Promise.resolve([SERVER]),
    listModels: () => Promise.resolve(connected ? WITH_ANTHROPIC : FREE),
    listProviders: () =>
      Promise.resolve([{ id: "anthropic", name: "Anthropic", models: 9, connected, methods: [] }]),
    setProviderKey: () => {
      connected = true;
      return Promise.resolve({ applied: true, message: "Connected. Its models are in the model list." });
    },
  });
}


it("signs in from the Settings dialog's Providers tab, and the model picker shows the new models at once", async () => {
  const { backend, calls } = fakeBackend();
  render(() => <App backend={backend} />);
  await settle();
  expect(modelNames()).toEqual(["Big Pickle"]);

  fireEvent.click(screen.getByRole("button", { name: "Settings" }));
  const dialog = screen.getByRole("dialog", { name: "Settings" });
  expect(within(dialog).getByRole("tab", { name: "App" }).getAttribute("aria-selected")).toBe("true");
  fireEvent.click(within(dialog).getByRole("tab", { name: "Providers" }));
  await settle();
  const card = within(dialog).getByRole("region", { name: "Anthropic" });
  fireEvent.input(within(card).getByLabelText("API key for Anthropic"), { target: { value: "sk-ant-1" } });
  fireEvent.click(within(card).getByRole("button", { name: "Connect" }));
  await settle();
  await settle();

  expect(calls.filter((c) => c.name === "setProviderKey").map((c) => c.args)).toEqual([
    ["server-1", "anthropic", "sk-ant-1"],
  ]);
  expect(modelNames()).toEqual(["Big Pickle", "Claude Sonnet"]);
  // No first-run offer once a provider of the user's own is there.
  expect(screen.queryByRole("button", { name: "Connect a provider" })).toBeNull();
});

it("offers to connect a provider on a first run, opening the Settings dialog on its Providers tab", async () => {
  const { backend } = fakeBackend();
  render(() => <App backend={backend} />);
  await settle();
  fireEvent.click(screen.getByRole("button", { name: "Connect a provider" }));
  const dialog = screen.getByRole("dialog", { name: "Settings" });
  expect(within(dialog).getByRole("tabpanel", { name: "Providers" })).toBeTruthy();
  await settle();
  expect(within(dialog).getByRole("region", { name: "Anthropic" })).toBeTruthy();
});
