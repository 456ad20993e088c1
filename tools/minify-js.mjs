// Trunk `post_build` hook (see Trunk.toml, setup/Trunk.toml): in release builds, minify the
// JavaScript files a page loads — the wasm-bindgen glue and static/boot.js —
// in Trunk's staging folder, before Trunk moves it to dist/.
//
// Trunk's own minifier gives up on the wasm-bindgen glue ("Failed to minify
// JS") and leaves it whole, and it never touches copied files such as boot.js.
// esbuild only minifies here: no bundling, no change of syntax level. Exports,
// `import.meta.url` and property names (the wasm imports) stay as they are.
// The embed loaders are left alone: clinics pin them by their SRI hashes
// (embed/README.md).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

// The files are the hook's arguments; without any, the widget's two.
const FILES = process.argv.length > 2 ? process.argv.slice(2) : ["carestep-widget.js", "boot.js"];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("minify-js: TRUNK_STAGING_DIR is not set (run as a Trunk hook)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

for (const name of FILES) {
  const path = join(staging, name);
  const source = readFileSync(path, "utf8");
  const { code } = transformSync(source, { loader: "js", format: "esm", minify: true, legalComments: "none" });
  writeFileSync(path, code);
  console.error(`minify-js: ${name} ${source.length} → ${code.length} bytes`);
}
