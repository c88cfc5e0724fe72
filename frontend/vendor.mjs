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
  // The shared chart component (<chart for-table="…">, docs/building-blocks/charts.md): chart.js's UMD build, MIT licence beside it.
  ["node_modules/chart.js/dist/chart.umd.min.js", "../themes/Kvalitetsportal.Themes.Portal/wwwroot/lib/chartjs/chart.umd.min.js"],
  ["node_modules/chart.js/LICENSE.md", "../themes/Kvalitetsportal.Themes.Portal/wwwroot/lib/chartjs/LICENSE.md"],
];

for (const [from, to] of files) {
  const target = join(here, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(here, from), target);
  console.log(`${from} -> ${to}`);
}
