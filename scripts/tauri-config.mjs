// Prints the root tauri.conf.json with its file paths made absolute, for scripts/tauri.sh. The
// Tauri CLI resolves relative paths from src-tauri/ while build.rs resolves them from the root;
// absolute paths mean the same thing to both.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const config = JSON.parse(readFileSync(resolve(root, "tauri.conf.json"), "utf8"));
delete config.$schema;
if (typeof config.build?.frontendDist === "string" && !config.build.frontendDist.includes("://")) {
  config.build.frontendDist = resolve(root, config.build.frontendDist);
}
if (Array.isArray(config.bundle?.icon)) {
  config.bundle.icon = config.bundle.icon.map((icon) => resolve(root, icon));
}
process.stdout.write(JSON.stringify(config));
