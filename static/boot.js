// CareStep boot script: starts the WebAssembly widget from an external file.
//
// Trunk's default loader is an inline <script type="module">, which a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') refuses.
// Trunk.toml's `pattern_script` replaces that inline loader with a plain
// <script type="module" src="boot.js" data-carestep-js=… data-carestep-wasm=…>,
// and this file does what the inline loader did: import the wasm-bindgen JS
// and initialise it. Initialising runs the widget's `main`, which mounts the
// app into #carestep. Nothing here reads or sends any answer.
const tag = document.querySelector("script[data-carestep-js]");
const host = document.getElementById("carestep");

try {
  // Both paths are relative to the page (Trunk's public_url), not to this file.
  const js = new URL(tag.dataset.carestepJs, document.baseURI).href;
  const wasm = new URL(tag.dataset.carestepWasm, document.baseURI).href;
  const bindings = await import(js);
  await bindings.default({ module_or_path: wasm });
} catch (error) {
  // The static start screen already shows the crisis numbers and the clinic's
  // phone; this only swaps "loading" for "could not start" (see carestep.css).
  if (host) host.setAttribute("data-load-failed", "true");
  console.error("CareStep could not start:", error);
}
