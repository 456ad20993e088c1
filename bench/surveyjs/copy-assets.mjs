// Copies the SurveyJS files the peer page loads out of node_modules into
// surveyjs/vendor/, the folder the benchmark serves. These are the
// packages' own shipped bundles and default theme, byte for byte: the peer
// is measured as a clinic would deploy it, not trimmed or "fixed".
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "..", "node_modules");
const vendor = join(here, "vendor");

/** [package, file inside the package] for every asset index.html references. */
export const ASSETS = [
  ["survey-core", "survey-core.min.css"],
  ["survey-core", "survey.core.min.js"],
  ["survey-js-ui", "survey-js-ui.min.js"],
];

/** Copies the assets and returns `{ "survey-core": version, ... }`. */
export function copyAssets() {
  mkdirSync(vendor, { recursive: true });
  const versions = {};
  for (const [pkg, file] of ASSETS) {
    const from = join(modules, pkg, file);
    try {
      copyFileSync(from, join(vendor, file));
    } catch (err) {
      throw new Error(`missing ${from}: run \`npm ci\` in bench/ first (${err.code})`);
    }
    versions[pkg] = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
  }
  return versions;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const versions = copyAssets();
  console.log(`copied ${ASSETS.length} files to ${vendor}:`, versions);
}
