import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import { assistant, textPart } from "../../test/factories";
import Transcript from "./Transcript";

afterEach(cleanup);

function setup(hasOlder: boolean) {
  let asked = 0;
  render(() => (
    <Transcript
      ids={["msg_1"]}
      info={{ msg_1: assistant("msg_1") }}
      parts={{ msg_1: [textPart("prt_1", "msg_1", "**Done.** All tests pass.")] }}
      hasOlder={hasOlder}
      onReachTop={() => {
        asked += 1;
        return Promise.resolve();
      }}
    />
  ));
  const scroller = screen.getByRole("region", { name: "Transcript" });
  return { scroller, asked: () => asked };
}

it("renders each message's parts under who wrote them", () => {
  setup(false);
  const reply = screen.getByRole("article", { name: "OpenCode" });
  expect(reply.querySelector("strong")?.textContent).toBe("Done.");
});

it("asks for the page before when scrolled to the top, only if there is one", () => {
  const withOlder = setup(true);
  withOlder.scroller.dispatchEvent(new Event("scroll"));
  expect(withOlder.asked()).toBe(1);
  // A second scroll while that page loads does not ask again.
  withOlder.scroller.dispatchEvent(new Event("scroll"));
  expect(withOlder.asked()).toBe(1);
  cleanup();

  const without = setup(false);
  without.scroller.dispatchEvent(new Event("scroll"));
  expect(without.asked()).toBe(0);
});
