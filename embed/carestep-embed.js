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
// shortcut pressed on the clinic's page. Because the frame has no inner
// scrollbar, its own crisis bar scrolls away with the clinic's page; so while
// the frame is on screen and its top has scrolled out of view, a compact
// "Get help now" bar (crisis links and Quick exit) stays at the top of the
// viewport, just above the frame (see helpBar below).
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
    var help = null;

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
          help = helpBar(host, frame, crisisLinks(configText), quickExit);
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
      if (help) help.remove();
      help = null;
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

  // The links of the help bar, from the same configuration text: the US numbers
  // when crisis.country is absent or "US", else the clinic's own crisis lines
  // (as the widget does: a country other than the US with no usable line of its
  // own gets the US numbers, which are better than no help at all).
  function crisisLinks(text) {
    var US = [
      { text: 'Call 988', href: 'tel:988' },
      { text: 'Text 988', href: 'sms:988' },
      { text: 'Call 911', href: 'tel:911' }
    ];
    var crisis;
    try {
      crisis = text && text.trim() ? JSON.parse(text).crisis : undefined;
    } catch (error) {
      return US;
    }
    if (!crisis || typeof crisis !== 'object') return US;
    var country = typeof crisis.country === 'string' ? crisis.country.trim().toUpperCase() : 'US';
    if (country === 'US' || !Array.isArray(crisis.lines)) return US;
    var links = [];
    crisis.lines.slice(0, 5).forEach(function (line) {
      if (!line || typeof line !== 'object' || typeof line.label !== 'string' || !line.label.trim()) return;
      var label = line.label.trim();
      var call = dial(line.phone);
      var sms = dial(line.sms);
      if (call) links.push({ text: 'Call ' + label, href: 'tel:' + call });
      else if (sms) links.push({ text: 'Text ' + label, href: 'sms:' + sms });
    });
    return links.length ? links : US;
  }

  // The digits to dial (an optional leading +), by the configuration's rule for
  // a phone number (config/src/url.rs: digits, spaces and + - . ( ), 3 to 15
  // digits), or null.
  function dial(value) {
    if (typeof value !== 'string') return null;
    var shown = value.trim();
    if (shown.length > 30) return null;
    var plus = shown.charAt(0) === '+';
    var body = plus ? shown.slice(1) : shown;
    if (!/^[0-9 .()-]*$/.test(body)) return null;
    var digits = body.replace(/[^0-9]/g, '');
    if (digits.length < 3 || digits.length > 15) return null;
    return (plus ? '+' : '') + digits;
  }

  // "Get help now": a bar on the clinic's page, just above the frame, with real
  // links (tel:/sms:) and a Quick exit button. On narrow screens, it is shown only while the frame
  // is on screen and the frame's top (where its own crisis bar is) has scrolled
  // above the viewport; otherwise display: none. position: sticky keeps it at
  // the top of the viewport, within the placeholder, so it goes away with the
  // frame's end. A negative bottom margin of its own height means it takes no
  // room in the page: showing or hiding it never moves the frame or the page,
  // and it covers no more than its own height of the frame.
  //
  // An IntersectionObserver watches a 1 px sentinel at the frame's top and the
  // frame itself (no scroll listener). Every style is set through CSSOM, never
  // a style attribute or a <style> element, so a strict style-src allows it,
  // and inline values win over the clinic's own CSS selectors. It reads and
  // sends nothing. Returns { remove() }.
  function helpBar(host, frame, links, quickExit) {
    if (typeof IntersectionObserver !== 'function') return null;
    var TEXT = '#5c2400';
    var BACKGROUND = '#fdf0e6';

    var sentinel = document.createElement('div');
    sentinel.setAttribute('aria-hidden', 'true');
    sentinel.setAttribute('data-carestep-help-sentinel', '');
    sentinel.style.height = '1px';
    sentinel.style.marginBottom = '-1px';
    sentinel.style.pointerEvents = 'none';

    var bar = document.createElement('div');
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', 'Get help now');
    bar.setAttribute('data-carestep-help', '');
    var css = bar.style;
    css.display = 'none';
    css.position = 'sticky';
    css.top = '0';
    css.zIndex = '1';
    css.boxSizing = 'border-box';
    css.flexWrap = 'wrap';
    css.alignItems = 'center';
    css.justifyContent = 'space-between';
    css.columnGap = '2px';
    css.margin = '0';
    css.padding = '0 4px';
    css.background = BACKGROUND;
    css.color = TEXT;
    css.borderBottom = '1px solid #e8c9b0';
    css.fontSize = '16px';
    css.lineHeight = '1.25';
    css.textAlign = 'left';

    function focusRing(el) {
      el.addEventListener('focus', function () {
        el.style.outline = '3px solid #0b0c0c';
        el.style.outlineOffset = '-3px';
      });
      el.addEventListener('blur', function () {
        el.style.outline = 'none';
      });
    }

    function touchTarget(el) {
      var s = el.style;
      s.display = 'inline-flex';
      s.alignItems = 'center';
      s.justifyContent = 'center';
      s.boxSizing = 'border-box';
      s.minWidth = '44px';
      s.minHeight = '44px';
      s.margin = '0';
      s.padding = '0 6px';
      s.fontFamily = 'inherit';
      s.fontSize = '16px';
      s.fontWeight = '700';
      s.lineHeight = '1.25';
      s.letterSpacing = 'normal';
      s.textTransform = 'none';
      s.outline = 'none';
      focusRing(el);
    }

    links.forEach(function (link) {
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      touchTarget(a);
      a.style.color = TEXT;
      a.style.background = 'transparent';
      a.style.textDecoration = 'underline';
      bar.appendChild(a);
    });
    var exit = document.createElement('button');
    exit.type = 'button';
    exit.textContent = 'Quick exit';
    touchTarget(exit);
    exit.style.marginLeft = 'auto';
    exit.style.color = '#ffffff';
    exit.style.background = '#a4161a';
    exit.style.border = '0';
    exit.style.borderRadius = '4px';
    exit.style.cursor = 'pointer';
    exit.addEventListener('click', quickExit);
    bar.appendChild(exit);

    host.insertBefore(sentinel, frame);
    host.insertBefore(bar, frame);

    var topAbove = false;
    var frameOnScreen = false;
    var shown = false;
    // Narrow screens only (the widget's own breakpoint, 40em): on a wide screen the
    // frame's bar is a glance away, and a bar over the frame's top would only hide
    // what is under it.
    var narrow = window.matchMedia ? window.matchMedia('(max-width: 40em)') : null;
    function update() {
      var show = topAbove && frameOnScreen && (!narrow || narrow.matches);
      if (show === shown) return;
      shown = show;
      css.display = show ? 'flex' : 'none';
      css.marginBottom = show ? -bar.offsetHeight + 'px' : '0';
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.target === sentinel) {
          topAbove = !entry.isIntersecting && entry.boundingClientRect.top < (entry.rootBounds ? entry.rootBounds.top : 0);
        } else {
          frameOnScreen = entry.isIntersecting;
        }
      });
      update();
    });
    observer.observe(sentinel);
    observer.observe(frame);
    function onWidth() {
      update();
    }
    if (narrow) {
      if (narrow.addEventListener) narrow.addEventListener('change', onWidth);
      else if (narrow.addListener) narrow.addListener(onWidth);
    }
    // The bar's height changes with the width (its links may wrap): keep the
    // negative margin equal to it.
    var resize = typeof ResizeObserver === 'function'
      ? new ResizeObserver(function () {
        if (shown) css.marginBottom = -bar.offsetHeight + 'px';
      })
      : null;
    if (resize) resize.observe(bar);

    return {
      remove: function () {
        observer.disconnect();
        if (narrow) {
          if (narrow.removeEventListener) narrow.removeEventListener('change', onWidth);
          else if (narrow.removeListener) narrow.removeListener(onWidth);
        }
        if (resize) resize.disconnect();
        if (bar.parentNode) bar.parentNode.removeChild(bar);
        if (sentinel.parentNode) sentinel.parentNode.removeChild(sentinel);
      }
    };
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
