// The "Definitions and method" section of RESULTS.md: what each number means
// and how it is taken, so that a reader can check the method without reading
// the code. The two limits that issue 11 item 6 restated live here too, so that
// the rules in report.mjs and the text below cannot disagree.

/** Bytes over the wire: CareStep's at most this share (%) of SurveyJS's in the same run. */
export const BYTES_PERCENT = 31;

/** Longest event processing (processingEnd − processingStart), median of per-run maxima, at most this (ms). */
export const PROCESSING_MS = 16;

export const DEFINITIONS = `## Definitions and method

**Pages.** *CareStep* is the release bundle in \`dist/\` (\`trunk build --release\`), served as built. *SurveyJS* is
\`bench/surveyjs/\`: PHQ-9 items 1–9 plus the difficulty item on page 1 and GAD-7 on page 2, verbatim text and the standard
options, set up as SurveyJS's "Get Started" guide for plain JavaScript shows (default theme CSS, \`survey.core.min.js\`,
\`survey-js-ui.min.js\`, \`new Survey.Model(json)\`, \`survey.render(container)\` on DOMContentLoaded), the files copied
unchanged from the npm packages. The two pages do not ask the same number of questions: CareStep's default deployment also
asks the gate, the suicide screen, PC-PTSD-5, AUDIT-C, the drug question and the context questions (see "Questions answered").

**Runs.** Each run launches Debian's Chromium (\`/usr/bin/chromium\`) through playwright-core with a new profile directory
(\`mkdtemp\`, deleted afterwards), the flags \`--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run
--disable-background-networking --disable-component-update --disable-sync --host-resolver-rules="MAP * ~NOTFOUND ,
EXCLUDE 127.0.0.1"\`, a 1280×800 viewport, and the HTTP cache disabled through CDP \`Network.setCacheDisabled\`. Rounds
alternate the order of the two pages. Each page is served by its own small Node server on 127.0.0.1 (an ephemeral port)
that gzips HTML, JS, CSS, JSON, SVG and wasm at level 9 (compressed once, then served from memory) with the right content
types (\`application/wasm\` for wasm, so \`WebAssembly.instantiateStreaming\` works) and \`Cache-Control: no-store\`.

**Bytes over the wire / requests.** Sum of \`encodedDataLength\` from CDP \`Network.loadingFinished\` over every request
the page made from navigation to the end of the run (response headers included); "decoded" is the sum of
\`Network.dataReceived\` \`dataLength\`. Requests counts every \`Network.requestWillBeSent\`, including failed ones and the
browser's \`/favicon.ico\` request where Chromium makes one (a 404), but not \`data:\` URLs (an image inlined in CSS), which
Chromium reports as requests although nothing crosses the wire; they are listed below. The host-resolver rule makes every host except 127.0.0.1
unresolvable, so SurveyJS's default theme's request for an Open Sans font from a third-party host (fonts.gstatic.com) fails
at once with \`ERR_NAME_NOT_RESOLVED\`: it is **attempted and counted** as a request, with 0 bytes. On the real web it would
also cost a DNS lookup, a TLS connection and about 20–30 KB. "Requests after ready" counts those started after the ready
condition held (a font fetched at first layout, the favicon after the load event).
*Target* (restated by the issue's owner in issue 11 item 6; it was 25%): CareStep's bytes are at most ${BYTES_PERCENT}% of
SurveyJS's **in the same run**, medians compared. Bytes are whole numbers, so the rule is exact (CareStep × 100 ≤ SurveyJS ×
${BYTES_PERCENT}); the verdict shows the limit and the margin in KB, since a share printed as ${BYTES_PERCENT}.0% can be a few bytes over.
The relative target only says how CareStep compares with its peer; the absolute guard on the bundle's size stays
\`budget.toml\` (gzip -9 bytes of the wasm, JS and CSS in \`dist/\`), which \`cargo xtask test\` enforces on every change.

**First answerable control live** (page clock: \`performance.now()\`, milliseconds from navigation start). An init script
(the "probe", \`lib/probe.mjs\`, injected before any page script through CDP \`Page.addScriptToEvaluateOnNewDocument\`)
checks the condition on every DOM mutation with a \`MutationObserver\` and records the time of the first mutation after which
it holds:
- *SurveyJS*: the first radio input of question 1 (\`[data-name="phq9_1"] input[type=radio]\`) is attached to the document and
  not disabled. SurveyJS (Preact) binds its handlers as it renders, so the question can be answered from then on.
- *CareStep*: \`#carestep\` has \`data-ready="true"\` — which the Yew app sets when it has mounted and is interactive — and
  contains an enabled button named "Start" (the app's own Start button, not the static placeholder: the static start screen
  that index.html shows before the wasm loads does not count).

**First contentful paint** is the \`first-contentful-paint\` paint-timing entry. The **start-screen target** compares it with
the \`responseEnd\` of the wasm file's resource-timing entry: FCP < wasm responseEnd means the static start screen was on
screen before the WebAssembly had finished downloading, so it does not depend on it. It must hold in every run.

**After ready, one frame.** For both pages, once the ready condition holds the harness lets the browser run the next
frame (\`requestAnimationFrame\`, then a task) before it measures memory and makes the first click. The ready time above is
not moved. Reason: the condition can hold before the browser has drawn the control even once, and a click sent in that
instant waits for that first frame's style, layout and paint — an input delay no visitor can cause, since nobody presses a
button before it is on screen. (Before this step was added, CareStep's Start click measured 24–40 ms for that reason.)

**Memory after ready.** Right after that frame: a full garbage collection (CDP
\`HeapProfiler.collectGarbage\`), then \`JSHeapUsedSize\` from CDP \`Performance.getMetrics\` (the page's JS heap, which
also holds the probe and anything Playwright has injected so far — the same for both pages), plus the
WebAssembly linear memory. The latter lives outside the JS heap (an ArrayBuffer backing store, which \`JSHeapUsedSize\` does
not include; \`performance.measureUserAgentSpecificMemory\` needs cross-origin isolation, which a clinic's page will not
have). The probe wraps \`WebAssembly.instantiateStreaming\` and \`WebAssembly.instantiate\` — the calls wasm-bindgen's loader
makes — keeps every exported \`WebAssembly.Memory\` of the instances they return, and reads \`memory.buffer.byteLength\`. The
wrapper forwards every call unchanged; it also records which of the two the page used.

**Answer everything → result** (Node's clock, includes Playwright's own per-action overhead of several ms per click). From
just before the first click to the driver seeing the result:
- *SurveyJS*: on each page, click the label of the first option ("Not at all" / "Not difficult at all", code 0) of every question,
  check that every question now has the first option checked, press "Next", then "Complete"; wait for \`.sd-completedpage\`
  (which shows the PHQ-9 and GAD-7 totals, checked to be 0).
- *CareStep*: press "Start"; on every screen with radios check the radio whose \`value\` is 0 (the engine's code for the least
  severe answer; it is the first option on every screen except the four ASQ suicide-screen items, which list "Yes" before
  "No" as the instrument does — their first option would end the run on the crisis screen after 24 answers), on a number
  input type 0, press "Continue";
  wait for the next screen (a DOM mutation that changes the \`<h1>\`); on the check page press "See my result" and wait for
  \`[data-testid="result"]\`. An error summary or the crisis screen fails the run.

**Longest event processing (the interaction target) and longest interaction (information).** Both come from Event Timing
(\`PerformanceObserver({type: "event", durationThreshold: 16, buffered: true})\`); entries with the same non-zero
\`interactionId\` (pointerdown, pointerup, click) form one interaction, and hover events (interactionId 0) are not
interactions.
- *Longest event processing* is the largest \`processingEnd − processingStart\` among those entries: the event handlers
  plus the microtasks in which Yew (and SurveyJS's Preact) re-render — the page's own work, without the input delay and the
  wait for the next frame. *Target* (issue 11 item 6): the median of the per-run maxima is at most ${PROCESSING_MS} ms. The page's
  timestamps are coarsened to 0.1 ms (no cross-origin isolation), so the median is judged as shown, to 0.1 ms: ${PROCESSING_MS}.0 passes,
  ${PROCESSING_MS}.1 fails. Chromium delivers entries only for events of 16 ms or more; processing is part of that duration, so a run
  with no entry at all had less than 16 ms of processing in every interaction: it counts as 0 and is shown as "< 16".
- *Longest interaction* (information, next to it; it was the target until issue 11) is the INP-style length of an
  interaction, its longest entry's \`duration\`: from the input event to the next frame presented after its handlers,
  waiting for that frame included. Chromium rounds it to 8 ms and reports nothing under 16 ms, so "< 16" means no
  interaction reached 16 ms and "16" means about 12–20 ms — the floor for any click that changes the screen at 60 Hz. On
  this VM it mostly measures when the next frame comes, not the page.

Both are reported per run as the longest; the summary gives the median of those per-run maxima and the worst run.

**Statistics.** Median (min–max) over the measured runs. Targets compare medians, except the start-screen paint check,
which must hold in every run. Timings on this shared 2-core machine are noisy (see the load average above); sizes and
memory are nearly constant.
`;
