import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import type { Message } from "../../ipc";
import { assistant } from "../../test/factories";
import { ModelHelp } from "./context";
import Transcript from "./Transcript";
import { troubleOf } from "./ModelTrouble";

afterEach(cleanup);

const failed = (id: string, name: string, data: Record<string, unknown>) =>
  ({ ...assistant(id), error: { name, data } }) as Message;

it("tells a refused key or a missing model from other failures", () => {
  expect(troubleOf(failed("m", "APIError", { message: "Incorrect API key", statusCode: 401 }))).toBe("credentials");
  expect(troubleOf(failed("m", "APIError", { statusCode: 403 }))).toBe("credentials");
  expect(troubleOf(failed("m", "ProviderAuthError", { providerID: "x", message: "no key" }))).toBe("credentials");
  expect(troubleOf(failed("m", "APIError", { statusCode: 404 }))).toBe("model");
  expect(troubleOf(failed("m", "ProviderModelNotFoundError", {}))).toBe("model");
  expect(troubleOf(failed("m", "APIError", { message: "overloaded", statusCode: 529 }))).toBeUndefined();
  expect(troubleOf(failed("m", "MessageAbortedError", {}))).toBeUndefined();
  expect(troubleOf(assistant("m"))).toBeUndefined();
});

it("offers another model or the Providers dialog under a reply whose key was refused", () => {
  const help = { chooseModel: vi.fn(), connectProvider: vi.fn() };
  const info: Record<string, Message> = {
    msg_1: failed("msg_1", "APIError", { message: "Incorrect API key provided", statusCode: 401 }),
    msg_2: failed("msg_2", "APIError", { message: "The provider is overloaded.", statusCode: 529 }),
  };
  render(() => (
    <ModelHelp.Provider value={help}>
      <Transcript
        ids={["msg_1", "msg_2"]}
        info={info}
        parts={{ msg_1: [], msg_2: [] }}
        hasOlder={false}
        onReachTop={() => Promise.resolve()}
      />
    </ModelHelp.Provider>
  ));
  const [refused, overloaded] = screen.getAllByRole("article", { name: "OpenCode" });
  if (!refused || !overloaded) throw new Error("two replies expected");
  expect(refused.textContent).toContain("Incorrect API key provided");
  const fix = within(refused).getByRole("group", { name: "Fix the model" });
  expect(fix.textContent).toContain("did not accept the credentials");
  fireEvent.click(within(fix).getByRole("button", { name: "Choose another model" }));
  fireEvent.click(within(fix).getByRole("button", { name: "Connect a provider" }));
  expect(help.chooseModel).toHaveBeenCalledTimes(1);
  expect(help.connectProvider).toHaveBeenCalledTimes(1);
  expect(within(overloaded).queryByRole("group", { name: "Fix the model" })).toBeNull();
});
