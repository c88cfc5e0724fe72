// Copies the built files the portal serves from node_modules into the modules' wwwroot folders.
// Run `npm ci && npm run vendor` after changing a version in package.json, then commit the result.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const files = [
  // The workflow editor's graph: one self-contained script (no eval, no network), MIT licence beside it.
  ["node_modules/mermaid/dist/mermaid.min.js", "../modules/Kvalitetsportal.Workflows/wwwroot/lib/mermaid/mermaid.min.js"],
  ["node_modules/mermaid/LICENSE", "../modules/Kvalitetsportal.Workflows/wwwroot/lib/mermaid/LICENSE"],
];

for (const [from, to] of files) {
  const target = join(here, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(here, from), target);
  console.log(`${from} -> ${to}`);
}
