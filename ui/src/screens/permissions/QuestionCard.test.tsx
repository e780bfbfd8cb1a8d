import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it } from "vitest";
import type { QuestionRequest } from "../../ipc";
import QuestionCard from "./QuestionCard";

afterEach(cleanup);

const request = {
  id: "que_1",
  sessionID: "ses_1",
  questions: [
    {
      question: "Which colour?",
      header: "Colour",
      options: [
        { label: "Red", description: "warm" },
        { label: "Blue", description: "cool" },
      ],
    },
  ],
} as QuestionRequest;

function setup() {
  const calls: string[] = [];
  render(() => (
    <QuestionCard
      request={request}
      onAnswer={(answers) => {
        calls.push(JSON.stringify(answers));
        return Promise.resolve();
      }}
      onDismiss={() => {
        calls.push("dismiss");
        return Promise.resolve();
      }}
    />
  ));
  return calls;
}

it("answers with the chosen option, one choice at a time", async () => {
  const calls = setup();
  const answer = screen.getByRole<HTMLButtonElement>("button", { name: "Answer" });
  expect(answer.disabled).toBe(true);
  screen.getByRole("button", { name: "Red" }).click();
  screen.getByRole("button", { name: "Blue" }).click();
  expect(screen.getByRole("button", { name: "Red" }).getAttribute("aria-pressed")).toBe("false");
  answer.click();
  await Promise.resolve();
  expect(calls).toEqual([JSON.stringify([["Blue"]])]);
});

it("accepts a typed answer, and can be dismissed", async () => {
  const calls = setup();
  fireEvent.input(screen.getByRole("textbox", { name: "Your own answer" }), {
    target: { value: "Green" },
  });
  screen.getByRole("button", { name: "Answer" }).click();
  await Promise.resolve();
  expect(calls).toEqual([JSON.stringify([["Green"]])]);
});

it("can be dismissed", async () => {
  const calls = setup();
  screen.getByRole("button", { name: "Dismiss" }).click();
  await Promise.resolve();
  expect(calls).toEqual(["dismiss"]);
});
