/*! CareStep inline loader (Shadow DOM, less private than the iframe). Docs: embed/README.md */
// For sites that cannot use an iframe. What a clinic pastes:
//
//   <div data-carestep> …fallback: crisis numbers and the clinic's phone… </div>
//   <script type="application/json" id="carestep-config">{ … }</script>
//   <script type="module" src="https://clinic.example/carestep/embed/carestep-inline.js"
//           integrity="sha384-…" crossorigin="anonymous"></script>
//
// It attaches an open shadow root to the placeholder, adds the widget's
// stylesheet inside it (so the page's CSS selectors do not reach the widget
// and the widget's do not reach the page), loads the WebAssembly into THIS
// page and calls the widget's exported `mount(element, configText)`.
//
// Less private, and the README says so: the widget runs in the page's own
// JavaScript realm, so any script on the page (analytics, session replay, a
// browser extension) can read the shadow root, the answers on screen and
// the keystrokes. The Shadow DOM is a style boundary, not a security one.
// (A closed root would not change that: a page script can wrap attachShadow
// before this runs. Open keeps it testable and honest.)
const base = new URL('../', import.meta.url);
const host = document.querySelector('[data-carestep]');

async function start() {
  if (!host) {
    console.error('CareStep: no <div data-carestep> on this page, nothing to mount.');
    return;
  }
  const configBlock = document.getElementById('carestep-config');
  const configText = configBlock ? configBlock.textContent : '';

  const shadow = host.attachShadow({ mode: 'open' });
  // While loading (and if loading fails) the placeholder's own content — the
  // clinic's fallback with crisis numbers and its phone — shows through a slot.
  const fallback = document.createElement('slot');
  const reset = stylesheet(new URL('embed/carestep-inline.css', base));
  const widgetCss = stylesheet(new URL('carestep.css', base));
  const root = document.createElement('div');
  root.id = 'carestep';
  root.className = 'carestep';
  shadow.append(reset, widgetCss, fallback, root);
  host.setAttribute('data-carestep-state', 'loading');

  try {
    const bindings = await import(new URL('carestep-widget.js', base).href);
    await bindings.default({ module_or_path: new URL('carestep-widget_bg.wasm', base).href });
    if (typeof bindings.mount !== 'function') throw new Error('this bundle exports no mount()');
    const valid = bindings.mount(root, configText);
    // A broken configuration (mount() says false): the widget shows a calm line, the
    // crisis numbers and the admin's folded notice; the clinic's placeholder, with its
    // phone, stays too.
    if (valid === false) {
      host.setAttribute('data-carestep-state', 'unavailable');
    } else {
      fallback.remove();
      host.setAttribute('data-carestep-state', 'ready');
    }
  } catch (error) {
    root.remove();
    host.setAttribute('data-carestep-state', 'failed');
    console.error('CareStep could not start:', error);
  }
}

function stylesheet(href) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href.href;
  return link;
}

start();
