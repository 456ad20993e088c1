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

// Let the static start screen paint before the WebAssembly is fetched and
// compiled, so the page is never blank and the crisis numbers show at once.
// A page that is not visible (a background tab) has nothing to paint yet, and
// a paint that never comes must not keep the self-check from starting, so the
// wait ends at the first contentful paint, at once when hidden, or after one
// second at most.
function startScreenPainted() {
  return new Promise((resolve) => {
    if (document.visibilityState !== "visible" || typeof PerformanceObserver === "undefined") {
      resolve();
      return;
    }
    if (performance.getEntriesByName("first-contentful-paint").length > 0) {
      resolve();
      return;
    }
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName("first-contentful-paint").length > 0) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: "paint", buffered: true });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, 1000);
  });
}

try {
  await startScreenPainted();
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
