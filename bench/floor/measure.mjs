#!/usr/bin/env node
// Builds the smallest Yew app (./src/main.rs) the way CareStep's bundle is built
// — release profile with opt-level "z", LTO, one codegen unit, panic=abort;
// wasm-bindgen 0.2.130 (--target web); wasm-opt -Oz from binaryen 132; the glue
// minified by esbuild — and prints the gzip -9 sizes of its .wasm and .js.
// Needs the tools `cargo xtask setup` installs (tools/node_modules, wasm-bindgen).
//
//   node bench/floor/measure.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const bin = join(root, "tools", "node_modules", ".bin");
const out = join(here, "target", "floor");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: here, stdio: ["ignore", "inherit", "inherit"] });

run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown"]);
mkdirSync(out, { recursive: true });
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, join(here, "target/wasm32-unknown-unknown/release/yew-floor.wasm")]);
const wasm = join(out, "yew-floor_bg.wasm");
run(join(bin, "wasm-opt"), ["-Oz", "--strip-debug", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", wasm, "-o", wasm]);
const { transformSync } = await import(join(root, "tools", "node_modules", "esbuild", "lib", "main.js"));
const js = join(out, "yew-floor.js");
writeFileSync(js, transformSync(readFileSync(js, "utf8"), { loader: "js", format: "esm", minify: true }).code);

const size = (path) => {
  const body = readFileSync(path);
  return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
};
const w = size(wasm);
const j = size(js);
console.log(`yew-floor wasm: ${w.raw} bytes raw, ${w.gzip} gzip -9`);
console.log(`yew-floor js:   ${j.raw} bytes raw, ${j.gzip} gzip -9`);
console.log(`yew-floor total gzip: ${w.gzip + j.gzip}`);
