// The set-up page's preview frame (preview.html, sandboxed without allow-same-origin).
// It starts the set-up page's own WebAssembly, which sees #carestep-preview and runs in
// preview mode: it shows the real widget for each configuration the set-up page sends.
// A classic script, like embed/frame.js: the frame's origin is opaque, so this can always
// run and report "failed" when the server does not let the frame load the module (CORS).
(function () {
  'use strict';
  const here = document.currentScript.src;
  const js = new URL('carestep-setup.js', here).href;
  const wasm = new URL('carestep-setup_bg.wasm', here).href;
  import(js)
    .then((bindings) => bindings.default({ module_or_path: wasm }))
    .catch((error) => {
      console.error('CareStep preview could not start:', error);
      window.parent.postMessage({ carestep: 1, type: 'failed' }, '*');
    });
})();
