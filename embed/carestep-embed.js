/*! CareStep embed loader (sandboxed iframe). Docs: embed/README.md */
// What a clinic pastes (one placeholder, one configuration block, this script):
//
//   <div data-carestep> …fallback: crisis numbers and the clinic's phone… </div>
//   <script type="application/json" id="carestep-config">{ … }</script>
//   <script src="https://clinic.example/carestep/embed/carestep-embed.js"
//           integrity="sha384-…" crossorigin="anonymous" defer></script>
//
// It puts the self-check in a sandboxed iframe (no allow-same-origin, so the
// frame has an opaque origin: scripts on the clinic's page cannot read its
// DOM, its keystrokes or its answers, and it can store nothing), hands it the
// configuration by postMessage (never in a URL a server could log), sizes the
// frame to its content, and runs Quick exit for the frame and for the Shift×3
// shortcut pressed on the clinic's page.
//
// Trust: messages are accepted only from this iframe's own window
// (`event.source === iframe.contentWindow`) and only with origin "null". The
// origin of a sandboxed frame is opaque and serialises as "null", so the origin
// alone cannot tell our frame from any other sandboxed document — the source
// check is what pins the sender; the "null" check refuses a frame that is not
// sandboxed. The frame can only ask for "leave now": the URL comes from the
// configuration on this page, never from a message.
(function () {
  'use strict';

  // Sandbox flags (each justified in embed/README.md). Never allow-same-origin.
  var SANDBOX =
    'allow-scripts allow-forms allow-modals allow-downloads allow-popups ' +
    'allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation ' +
    'allow-top-navigation-to-custom-protocols';
  var TITLE = 'Mental health self-check';
  // Must equal the configuration's default quick_exit_url (config/src/url.rs).
  var DEFAULT_EXIT = 'https://www.weather.gov/';
  var MAX_HEIGHT = 100000;

  var script = document.currentScript;
  if (!script) {
    console.error('CareStep: load carestep-embed.js with a classic <script src> (not type="module").');
    return;
  }
  var base;
  try {
    // The loader lives in <bundle>/embed/; data-carestep-src may name the bundle explicitly.
    base = new URL(script.getAttribute('data-carestep-src') || '../', script.src);
  } catch (error) {
    console.error('CareStep: data-carestep-src is not a URL:', error);
    return;
  }

  function start() {
    var host = document.querySelector('[data-carestep]');
    if (!host) {
      console.error('CareStep: no <div data-carestep> on this page, nothing to mount.');
      return;
    }
    if (document.querySelectorAll('[data-carestep]').length > 1) {
      console.warn('CareStep: more than one [data-carestep]; only the first is used.');
    }
    var configBlock = document.getElementById('carestep-config');
    var configText = configBlock ? configBlock.textContent : '';
    var exitUrl = quickExitUrl(configText);

    // The placeholder's own content (crisis numbers, the clinic's phone) stays
    // visible until the frame says it is ready, and again if it fails.
    var fallback = Array.prototype.slice.call(host.children);

    var frame = document.createElement('iframe');
    frame.setAttribute('sandbox', SANDBOX);
    frame.setAttribute('title', TITLE);
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.setAttribute('data-carestep-frame', '');
    // Not focusable or visible until it is ready (inert covers its whole document).
    frame.inert = true;
    frame.setAttribute('aria-hidden', 'true');
    // CSSOM, not a style attribute: a strict style-src on the clinic's page allows it.
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.height = '0';
    frame.src = new URL('embed/frame.html', base).href;

    var configSent = false;
    var ready = false;
    var height = 0;

    function onMessage(event) {
      if (event.source !== frame.contentWindow || event.origin !== 'null') return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.carestep !== 1) return;
      switch (data.type) {
        case 'hello':
          if (configSent) return;
          configSent = true;
          // '*' because an opaque origin cannot be named as a target; the
          // configuration is this page's public text, and the source check
          // above guarantees it goes to the frame that just said hello.
          frame.contentWindow.postMessage({ carestep: 1, type: 'config', config: configText }, '*');
          break;
        case 'height':
          if (typeof data.height !== 'number' || !isFinite(data.height)) return;
          height = Math.max(0, Math.min(MAX_HEIGHT, Math.ceil(data.height)));
          if (ready) frame.style.height = height + 'px';
          break;
        case 'ready':
        case 'unavailable':
          if (ready) return;
          ready = true;
          // A broken configuration ("unavailable"): the frame shows a calm line,
          // the crisis numbers and the admin's folded notice, and the clinic's own
          // placeholder — with its phone — stays on the page above it.
          if (data.type === 'ready') {
            fallback.forEach(function (el) {
              el.hidden = true;
            });
          }
          frame.inert = false;
          frame.removeAttribute('aria-hidden');
          frame.style.height = height + 'px';
          host.setAttribute('data-carestep-state', data.type);
          break;
        case 'failed':
          remove();
          host.setAttribute('data-carestep-state', 'failed');
          break;
        case 'quick-exit':
          quickExit();
          break;
      }
    }

    function remove() {
      window.removeEventListener('message', onMessage);
      if (frame.parentNode) frame.parentNode.removeChild(frame);
      fallback.forEach(function (el) {
        el.hidden = false;
      });
    }

    function quickExit() {
      // Removing the frame ends its document, and with it every answer.
      remove();
      window.location.replace(exitUrl);
    }

    window.addEventListener('message', onMessage);
    window.addEventListener('keydown', shiftThreeTimes(quickExit), true);
    host.setAttribute('data-carestep-state', 'loading');
    host.appendChild(frame);
  }

  // The configuration's quick_exit_url when it is an https: URL, else the default.
  function quickExitUrl(text) {
    try {
      var value = text && text.trim() ? JSON.parse(text).quick_exit_url : undefined;
      if (typeof value === 'string') {
        var url = new URL(value.trim());
        if (url.protocol === 'https:') return url.href;
      }
    } catch (error) {
      // A broken configuration is reported by the widget itself; leave to the default.
    }
    return DEFAULT_EXIT;
  }

  // The GOV.UK "Exit this page" shortcut: Shift pressed 3 times in a row (any
  // other key in between starts the count again; so do 5 quiet seconds).
  function shiftThreeTimes(action) {
    var count = 0;
    var last = 0;
    return function (event) {
      if (event.key !== 'Shift' || event.repeat) {
        if (event.key !== 'Shift') count = 0;
        return;
      }
      var now = Date.now();
      count = now - last > 5000 ? 1 : count + 1;
      last = now;
      if (count >= 3) {
        count = 0;
        action();
      }
    };
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
