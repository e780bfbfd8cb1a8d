import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import Feedback from "./Feedback";

afterEach(cleanup);

describe("Feedback", () => {
  it("says one thing at a time: the error, else the work under way, else what was done", () => {
    const [error, setError] = createSignal<string>();
    const [working, setWorking] = createSignal<string>();
    render(() => <Feedback id="f" error={error()} working={working()} done="Saved." />);
    expect(screen.getByRole("status").textContent).toBe("Saved.");
    expect(screen.getByRole("status").className).toBe("feedback feedback-done");
    setWorking("Saving…");
    expect(screen.getByRole("status").textContent).toBe("Saving…");
    setError("The server refused: bad key.");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe("The server refused: bad key.");
    expect(alert.id).toBe("f");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows nothing when there is nothing to say", () => {
    const { container } = render(() => <Feedback error={undefined} done={null} />);
    expect(container.textContent).toBe("");
  });
});
