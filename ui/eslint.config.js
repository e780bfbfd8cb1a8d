// Lint rules for the front end. Type-aware (strictTypeChecked) so floating promises from IPC calls
// and unsafe `any` flowing out of libraries are caught, not just written-out `any`.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // bindings.ts is generated from Rust by tauri-specta; it is checked by regenerating, not linted.
    ignores: ["dist/", "src/bindings.ts"],
  },
  {
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: {
        project: ["./tsconfig.json", "./tsconfig.node.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // ipc/ is the one door to Rust: it unwraps results into typed errors, so nothing else may
      // reach the generated bindings or the Tauri API directly.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "Only ui/src/ipc/ may import @tauri-apps; call a function from ipc/ instead.",
            },
            {
              regex: "(^|/)bindings(\\.[jt]s)?$",
              message: "Only ui/src/ipc/ may import the generated bindings; call a function from ipc/ instead.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/ipc/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // This file is plain JS run by Node and sits outside both tsconfigs.
    files: ["**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
