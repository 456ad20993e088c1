// The in-page probe: a script the benchmark injects into both pages before
// any of the page's own scripts run (Playwright `addInitScript`, which uses
// CDP `Page.addScriptToEvaluateOnNewDocument` and so is not subject to the
// page's Content-Security-Policy). It records, with the page's own clock
// (`performance.now()`, milliseconds since navigation start):
//
// - `readyAt`: when the first answerable control became live, checked on
//   every DOM mutation by a MutationObserver, so the time is that of the
//   mutation itself rather than of a polling tick;
// - `doneAt`: when the result screen appeared;
// - Event Timing entries (duration >= 16 ms, the API's floor) and the
//   first-contentful-paint entry;
// - every `WebAssembly.Memory` exported by an instance the page creates, by
//   wrapping `WebAssembly.instantiateStreaming` / `instantiate` (the two
//   calls wasm-bindgen's loader makes). Their `buffer.byteLength` is the wasm
//   linear memory, which the JS heap size does not include. Wrapping only
//   taps the returned promise; the page's call still goes to the original.
//
// Both pages get the same probe; only the ready/done conditions differ.

/** The conditions that define "live" and "done" for each page. Kept as source text. */
export const CONDITIONS = {
  surveyjs: {
    // The first radio input of question 1 (PHQ-9 item 1) is in the document and enabled.
    // SurveyJS renders the whole page in one pass with its event handlers bound, so this
    // is the moment the question can be answered.
    ready: `() => {
      const input = document.querySelector('[data-name="phq9_1"] input[type="radio"]');
      return !!input && input.isConnected && !input.disabled;
    }`,
    done: `() => !!document.querySelector(".sd-completedpage")`,
  },
  carestep: {
    // The app (not the static placeholder) has taken over: #carestep carries
    // data-ready="true", which the Yew app sets once it is interactive, and holds an
    // enabled button named "Start".
    ready: `() => {
      const host = document.getElementById("carestep");
      if (!host || host.getAttribute("data-ready") !== "true") return false;
      for (const button of host.querySelectorAll("button")) {
        const name = (button.getAttribute("aria-label") || button.textContent || "").trim();
        if (name === "Start" && !button.disabled) return true;
      }
      return false;
    }`,
    done: `() => !!document.querySelector('[data-testid="result"]')`,
  },
};

/** The probe as a self-contained script for the page `kind` ("surveyjs" or "carestep"). */
export function probeScript(kind) {
  const cond = CONDITIONS[kind];
  if (!cond) throw new Error(`unknown page kind ${kind}`);
  return `(${probe.toString()})(${cond.ready}, ${cond.done});`;
}

// Runs in the page. Must not reference anything outside itself.
function probe(readyCheck, doneCheck) {
  const bench = {
    readyAt: null,
    doneAt: null,
    fcp: null,
    events: [],
    memories: [],
    instantiatedWith: [],
  };
  Object.defineProperty(window, "__bench", { value: bench, enumerable: false });

  // --- WebAssembly memory -------------------------------------------------
  const W = globalThis.WebAssembly;
  if (W) {
    const tap = (how) => (result) => {
      try {
        const instance = result instanceof W.Instance ? result : result && result.instance;
        bench.instantiatedWith.push(how);
        if (instance) {
          for (const value of Object.values(instance.exports)) {
            if (value instanceof W.Memory && !bench.memories.includes(value)) bench.memories.push(value);
          }
        }
      } catch (_) {
        // Never let the probe break the page.
      }
      return result;
    };
    const streaming = W.instantiateStreaming;
    if (typeof streaming === "function") {
      W.instantiateStreaming = function (...args) {
        return streaming.apply(this, args).then(tap("instantiateStreaming"));
      };
    }
    const plain = W.instantiate;
    W.instantiate = function (...args) {
      return plain.apply(this, args).then(tap("instantiate"));
    };
  }
  bench.wasmMemoryBytes = () => bench.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);

  // --- ready / done ---------------------------------------------------------
  let resolveReady;
  let resolveDone;
  bench.whenReady = new Promise((r) => (resolveReady = r));
  bench.whenDone = new Promise((r) => (resolveDone = r));
  const check = () => {
    const now = performance.now();
    try {
      if (bench.readyAt === null && readyCheck()) {
        bench.readyAt = now;
        resolveReady(now);
      }
      if (bench.doneAt === null && doneCheck()) {
        bench.doneAt = now;
        resolveDone(now);
      }
    } catch (_) {
      // A half-built DOM must not stop the observer.
    }
    if (bench.doneAt !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  check();

  // --- paint and event timing ----------------------------------------------
  const describe = (node) => {
    if (!node || !node.tagName) return "";
    const text = (node.getAttribute("aria-label") || node.value || node.textContent || "").trim().replace(/\s+/g, " ");
    return `${node.tagName.toLowerCase()}${node.type ? `[${node.type}]` : ""} "${text.slice(0, 40)}"`;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") bench.fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
  } catch (_) {}
  // Event Timing entries lose their target when the element has been removed
  // (a "Continue" button replaced by the next screen), so remember what each
  // input event hit, keyed by its timeStamp (= the entry's startTime).
  const hit = new Map();
  for (const type of ["pointerdown", "pointerup", "click", "keydown", "keyup"]) {
    addEventListener(type, (e) => hit.set(e.timeStamp, describe(e.target)), { capture: true, passive: true });
  }
  const record = (list) => {
    for (const e of list.getEntries()) {
      bench.events.push({
        name: e.name,
        entryType: e.entryType,
        interactionId: e.interactionId || 0,
        startTime: e.startTime,
        duration: e.duration,
        processingStart: e.processingStart,
        processingEnd: e.processingEnd,
        target: describe(e.target) || hit.get(e.startTime) || "",
      });
    }
  };
  try {
    bench.eventObserver = new PerformanceObserver(record);
    bench.eventObserver.observe({ type: "event", durationThreshold: 16, buffered: true });
  } catch (_) {}
  bench.flushEvents = () => {
    if (bench.eventObserver) record({ getEntries: () => bench.eventObserver.takeRecords() });
    return bench.events;
  };
}
