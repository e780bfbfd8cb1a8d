// Test helpers for screens that hold a ModelPicker: read and drive it as a person would, through
// its roles. Imported by tests only.
import { fireEvent, screen, within } from "@solidjs/testing-library";

export function modelTrigger(): HTMLButtonElement {
  return screen.getByRole<HTMLButtonElement>("combobox", { name: "Model" });
}

/** The name of the model the picker shows as current. */
export function currentModel(): string | null | undefined {
  return modelTrigger().querySelector(".model-picker-name")?.textContent;
}

/** Opens the list (if closed) and returns it. */
export function openModels(): HTMLElement {
  const trigger = modelTrigger();
  if (trigger.getAttribute("aria-expanded") !== "true") fireEvent.click(trigger);
  return screen.getByRole("listbox", { name: "Models" });
}

function closeModels(): void {
  fireEvent.keyDown(screen.getByRole("combobox", { name: "Search models" }), { key: "Escape" });
}

/** The model names listed, in order (the list is opened and closed again). */
export function modelNames(): string[] {
  const names = within(openModels())
    .getAllByRole("option")
    .map((option) => option.querySelector(".model-picker-option-name")?.textContent ?? "");
  closeModels();
  return names;
}

/** The section titles listed, in order (the list is opened and closed again). */
export function modelSections(): string[] {
  const labels = within(openModels())
    .getAllByRole("group")
    .map((group) => document.getElementById(group.getAttribute("aria-labelledby") ?? "")?.textContent ?? "");
  closeModels();
  return labels;
}

/** Picks the model called `name`, as a click on its row does. */
export function pickModel(name: string): void {
  fireEvent.click(within(openModels()).getByRole("option", { name }));
}
