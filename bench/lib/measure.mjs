// One measured run of one page: a fresh Chromium with a fresh profile, the
// cache disabled, the probe injected; load the page, wait until the first
// answerable control is live, read memory, answer everything, read the
// interaction timings. Returns plain numbers for the report.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { deadline } from "./deadline.mjs";
import { probeScript } from "./probe.mjs";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Chromium flags, as the benchmark brief gives them. The host-resolver rule
 * makes every name except 127.0.0.1 unresolvable, so a request to a third
 * party (SurveyJS's theme font) fails at once instead of waiting on the
 * network; it is still attempted and counted.
 */
export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];

const VIEWPORT = { width: 1280, height: 800 };

/**
 * Counts what crosses the wire, from CDP Network events: every request the
 * page starts (including failed ones, e.g. a third-party font whose host
 * does not resolve; not data: URLs), the encoded bytes of each finished response (headers
 * included: `encodedDataLength` of `Network.loadingFinished`) and the
 * decoded body bytes (`Network.dataReceived`).
 */
function trackNetwork(cdp) {
  const requests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, encoded: 0, decoded: 0, status: null, failed: null });
  });
  cdp.on("Network.responseReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.status = e.response.status;
      r.mimeType = e.response.mimeType;
      r.contentEncoding = e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? null;
    }
  });
  cdp.on("Network.dataReceived", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  cdp.on("Network.loadingFailed", (e) => {
    const r = requests.get(e.requestId);
    if (r) r.failed = e.errorText;
  });
  return {
    snapshot() {
      const list = [...requests.values()].map((r) => ({ ...r }));
      // Chromium reports data: URLs (e.g. an SVG inlined in CSS) as requests
      // too; nothing crosses the wire for them, so they are listed, not counted.
      const network = list.filter((r) => !r.url.startsWith("data:"));
      return {
        requests: network.length,
        dataUrls: list.length - network.length,
        failed: list.filter((r) => r.failed).length,
        encodedBytes: list.reduce((s, r) => s + r.encoded, 0),
        decodedBytes: list.reduce((s, r) => s + r.decoded, 0),
        list,
      };
    },
  };
}

/**
 * Measures one run of page `kind` at `url`, answering with `answer(page)`.
 * `timeoutMs` bounds each phase, so a page that never gets ready fails the run.
 * `throttle` (`{ latencyMs, downKbps, upKbps }`) emulates a slow connection
 * through CDP; `answer: null` stops after the load phase.
 */
export async function measureRun({ kind, url, answer, timeoutMs = 60_000, throttle = null }) {
  const profile = await mkdtemp(join(tmpdir(), `carestep-bench-${kind}-`));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: VIEWPORT,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript({ content: probeScript(kind) });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Performance.enable");
    if (throttle) {
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: throttle.latencyMs,
        downloadThroughput: (throttle.downKbps * 1000) / 8,
        uploadThroughput: (throttle.upKbps * 1000) / 8,
      });
    }
    const network = trackNetwork(cdp);
    const { product } = await cdp.send("Browser.getVersion");

    await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
    const readyAt = await deadline(page.evaluate(() => window.__bench.whenReady), timeoutMs, `${kind}: first question live`);
    // A person can only press what the browser has drawn. The ready condition can hold
    // before the first frame that shows the control has been produced, and a click sent at
    // that instant would wait for that frame's style, layout and paint (input delay that no
    // visitor can cause). So, for both pages alike, let the next frame run before measuring
    // memory and before the first click; readyAt above is not moved.
    await afterFrames(page, 1);

    // Memory right after ready, after a full garbage collection so that the
    // number is what the page retains, not what it has yet to collect.
    await cdp.send("HeapProfiler.collectGarbage");
    const metrics = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
    const heapUsage = await cdp.send("Runtime.getHeapUsage");
    const atReady = await page.evaluate(() => {
      const b = window.__bench;
      const wasm = performance
        .getEntriesByType("resource")
        .filter((e) => /\.wasm(\?|$)/.test(e.name))
        .map((e) => ({ name: e.name, responseEnd: e.responseEnd }));
      return {
        wasmMemoryBytes: b.wasmMemoryBytes(),
        wasmMemories: b.memories.length,
        instantiatedWith: b.instantiatedWith,
        wasm,
      };
    });
    const networkAtReady = network.snapshot();

    // Answer everything. Wall-clock from Node: from just before the first click
    // to the moment the driver has seen the result screen.
    let flow = { answers: 0, clicks: 0, level: null };
    let answerMs = NaN;
    if (answer) {
      const t0 = performance.now();
      flow = await deadline(answer(page), timeoutMs * 2, `${kind}: answering every question`);
      answerMs = performance.now() - t0;
      await deadline(page.evaluate(() => window.__bench.whenDone), timeoutMs, `${kind}: result screen`);
    }

    // Event Timing entries are queued when the frame after an interaction is
    // presented, and first-contentful-paint may come after the ready condition
    // (the app can be live before its first frame): let a few frames pass, then
    // read both.
    await afterFrames(page, 5);
    const late = await page.evaluate(() => ({ events: window.__bench.flushEvents(), fcp: window.__bench.fcp }));
    const networkAtEnd = network.snapshot();

    return {
      kind,
      browser: product,
      readyMs: readyAt,
      fcpMs: late.fcp,
      wasm: atReady.wasm,
      instantiatedWith: atReady.instantiatedWith,
      jsHeapUsedBytes: metrics.JSHeapUsedSize,
      jsHeapTotalBytes: metrics.JSHeapTotalSize,
      runtimeHeapUsedBytes: heapUsage.usedSize,
      wasmMemoryBytes: atReady.wasmMemoryBytes,
      wasmMemories: atReady.wasmMemories,
      network: networkAtEnd,
      networkAtReady: { requests: networkAtReady.requests, encodedBytes: networkAtReady.encodedBytes },
      answers: flow.answers,
      clicks: flow.clicks,
      level: flow.level,
      answerMs,
      interactions: summarizeInteractions(late.events),
    };
  } finally {
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

/** Resolves once the page has run `frames` animation frames and then one task. */
function afterFrames(page, frames) {
  return page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const tick = (left) => (left === 0 ? setTimeout(resolve, 0) : requestAnimationFrame(() => tick(left - 1)));
        tick(n);
      }),
    frames,
  );
}

/**
 * Groups Event Timing entries into interactions (entries sharing a non-zero
 * `interactionId`: pointerdown, pointerup, click, key events) and returns the
 * longest, INP-style. Hover-only entries (interactionId 0) are not
 * interactions. Durations are what Chromium reports: rounded to 8 ms, and
 * only entries of 16 ms or more are delivered at all, so "no entry" means
 * every interaction was under 16 ms.
 */
export function summarizeInteractions(events) {
  const byId = new Map();
  for (const e of events) {
    if (!e.interactionId) continue;
    const prev = byId.get(e.interactionId);
    if (!prev || e.duration > prev.duration) byId.set(e.interactionId, e);
  }
  const list = [...byId.values()];
  const longest = list.reduce((a, b) => (!a || b.duration > a.duration ? b : a), null);
  // The main-thread part alone (event handlers, and the microtasks in which
  // Yew and Preact render), without the wait for the next frame.
  const busiest = events
    .filter((e) => e.interactionId)
    .reduce((a, b) => (!a || b.processingEnd - b.processingStart > a.processingEnd - a.processingStart ? b : a), null);
  return {
    over16: list.length,
    longestMs: longest ? longest.duration : null,
    longestTarget: longest ? `${longest.name} on ${longest.target}` : null,
    longestProcessingMs: busiest ? busiest.processingEnd - busiest.processingStart : null,
    longestProcessingTarget: busiest ? `${busiest.name} on ${busiest.target}` : null,
  };
}
