// Runs inside the sandboxed iframe that carestep-embed.js creates (frame.html).
//
// 1. Says hello to the embedding page and waits for its configuration (a
//    postMessage from window.parent; the configuration never travels in a URL).
// 2. Puts it where the widget reads it (<script type="application/json"
//    id="carestep-config">) and starts the WebAssembly exactly as the
//    standalone page does; the widget mounts into #carestep.
// 3. Reports to the embedding page, and to it only: the content's height (so the
//    frame has no inner scrollbar), "ready" once the widget is interactive,
//    "unavailable" when the configuration is broken (the frame shows the
//    fallback; the page keeps its placeholder), "failed" if it cannot start, and
//    "quick-exit" when the visitor presses Quick exit or Shift three times here
//    (the embedding page then removes this frame and leaves; a frame cannot
//    replace the page it is embedded in on a keypress).
//
// No answer is ever put in a message: only these words and a number.
//
// A classic script, not a module: the frame's origin is opaque, so a module
// script would need CORS headers even to start, and then a server without them
// would leave the frame silent; as a classic script it always runs and can
// report "failed" when the widget's own files cannot load.
(function () {
  'use strict';
  const here = document.currentScript.src;
  const JS = new URL('../carestep-widget.js', here).href;
  const WASM = new URL('../carestep-widget_bg.wasm', here).href;

  const root = document.getElementById('carestep');
  let parentOrigin = null;
  let booted = false;

  function send(type, extra) {
    if (window.parent === window) return;
    // Before the configuration arrives the parent's origin is unknown ("hello"
    // carries nothing); after, every message goes to that origin only. A parent
    // that is itself sandboxed has the origin "null", which cannot be targeted.
    const target = parentOrigin && parentOrigin !== 'null' ? parentOrigin : '*';
    window.parent.postMessage({ carestep: 1, type, ...extra }, target);
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || booted) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.carestep !== 1 || data.type !== 'config') return;
    if (typeof data.config !== 'string') return;
    parentOrigin = event.origin;
    boot(data.config);
  });

  async function boot(configText) {
    booted = true;
    if (configText.trim() !== '') {
      const block = document.createElement('script');
      block.type = 'application/json';
      block.id = 'carestep-config';
      block.textContent = configText;
      document.body.append(block);
    }
    watchReadiness();
    watchHeight();
    try {
      const bindings = await import(JS);
      await bindings.default({ module_or_path: WASM });
    } catch (error) {
      console.error('CareStep could not start:', error);
      root.setAttribute('data-load-failed', 'true');
      send('failed');
    }
  }

  // "ready" once the widget set data-ready="true" with the questionnaire;
  // "unavailable" when it shows the broken-configuration screen instead (a calm
  // line, the crisis numbers and the admin's folded notice): the embedding page
  // then shows the frame AND keeps its own placeholder, with the clinic's phone.
  function watchReadiness() {
    const broken = () => root.querySelector('[data-testid="config-error"]') !== null;
    const observer = new MutationObserver(() => {
      if (broken()) {
        observer.disconnect();
        send('unavailable');
      } else if (root.getAttribute('data-ready') === 'true') {
        observer.disconnect();
        send('ready');
      }
    });
    observer.observe(root, { attributes: true, childList: true, subtree: true });
  }

  function watchHeight() {
    let last = -1;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        send('height', { height });
      }
    };
    new ResizeObserver(report).observe(document.documentElement);
    report();
  }

  // Quick exit from inside the frame: the widget's button (found by its class,
  // `cs-quick-exit`, which the widget and the static start screen both use, so
  // it does not depend on the words of the label) and the Shift×3 shortcut. The
  // widget also leaves this frame itself; asking the embedding page makes the
  // whole tab leave.
  document.addEventListener(
    'click',
    (event) => {
      const control = event.target instanceof Element ? event.target.closest('.cs-quick-exit') : null;
      if (control) send('quick-exit');
    },
    true,
  );
  let shifts = 0;
  let lastShift = 0;
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Shift') {
        shifts = 0;
        return;
      }
      if (event.repeat) return;
      const now = Date.now();
      shifts = now - lastShift > 5000 ? 1 : shifts + 1;
      lastShift = now;
      if (shifts >= 3) {
        shifts = 0;
        send('quick-exit');
      }
    },
    true,
  );

  if (window.parent === window) {
    // Opened on its own (not framed): behave like the standalone page, default configuration.
    boot('');
  } else {
    send('hello');
  }
})();
