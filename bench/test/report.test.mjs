import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateTargets, renderMarkdown, summarizeRuns } from "../lib/report.mjs";

/** A run as measureRun returns it, with plausible numbers unless overridden. */
function run(kind, o = {}) {
  const surveyjs = kind === "surveyjs";
  return {
    kind,
    round: o.round ?? 1,
    browser: "Chrome/test",
    readyMs: o.readyMs ?? (surveyjs ? 200 : 100),
    fcpMs: "fcpMs" in o ? o.fcpMs : 50,
    wasm: surveyjs ? [] : [{ name: "x.wasm", responseEnd: o.wasmEnd ?? 80 }],
    instantiatedWith: surveyjs ? [] : ["instantiateStreaming"],
    jsHeapUsedBytes: o.heap ?? (surveyjs ? 8_000_000 : 1_000_000),
    wasmMemoryBytes: o.wasmMem ?? (surveyjs ? 0 : 1_114_112),
    wasmMemories: surveyjs ? 0 : 1,
    networkAtReady: { requests: 5, encodedBytes: 1 },
    network: { requests: 5, failed: 0, encodedBytes: o.bytes ?? (surveyjs ? 420_000 : 80_000), decodedBytes: 1, list: [] },
    answers: 17,
    clicks: 19,
    level: surveyjs ? "completed" : "self_care",
    answerMs: 1000,
    interactions: { over16: 0, longestMs: o.longest ?? null, longestProcessingMs: null, longestTarget: null },
  };
}

function verdicts(runs) {
  const summary = summarizeRuns(runs);
  return Object.fromEntries(evaluateTargets(summary, runs).map((t) => [t.id, t.pass]));
}

const sj = (o) => run("surveyjs", o);
const cs = (o) => run("carestep", o);

test("plausible numbers meet every target", () => {
  assert.deepEqual(verdicts([sj(), cs(), sj(), cs(), sj(), cs()]), {
    bytes: true,
    ready: true,
    memory: true,
    interaction: true,
    paint: true,
  });
});

test("bytes: 25% passes, just over fails (medians compared)", () => {
  assert.equal(verdicts([sj({ bytes: 400_000 }), cs({ bytes: 100_000 })]).bytes, true);
  assert.equal(verdicts([sj({ bytes: 400_000 }), cs({ bytes: 100_001 })]).bytes, false);
});

test("ready: a tie passes, later fails", () => {
  assert.equal(verdicts([sj({ readyMs: 150 }), cs({ readyMs: 150 })]).ready, true);
  assert.equal(verdicts([sj({ readyMs: 150 }), cs({ readyMs: 150.5 })]).ready, false);
});

test("memory counts the wasm linear memory with the JS heap", () => {
  // 1 MB heap alone would pass against 8 MB; with 4 MB of wasm memory it does not.
  assert.equal(verdicts([sj(), cs({ heap: 1_000_000, wasmMem: 0 })]).memory, true);
  assert.equal(verdicts([sj(), cs({ heap: 1_000_000, wasmMem: 4_000_000 })]).memory, false);
});

test("interaction: under 16 ms (no Event Timing entry) and exactly 16 pass, 24 fails", () => {
  assert.equal(verdicts([sj(), cs({ longest: null })]).interaction, true);
  assert.equal(verdicts([sj(), cs({ longest: 16 })]).interaction, true);
  assert.equal(verdicts([sj(), cs({ longest: 24 })]).interaction, false);
  // Median of per-run longest: one slow run out of three does not decide it.
  assert.equal(verdicts([sj(), cs({ longest: 16 }), cs({ longest: 40 }), cs({ longest: null })]).interaction, true);
});

test("paint must come before the wasm arrives in every run", () => {
  assert.equal(verdicts([sj(), cs({ fcpMs: 50, wasmEnd: 80 }), cs({ fcpMs: 60, wasmEnd: 90 })]).paint, true);
  assert.equal(verdicts([sj(), cs({ fcpMs: 50, wasmEnd: 80 }), cs({ fcpMs: 95, wasmEnd: 90 })]).paint, false);
  assert.equal(verdicts([sj(), cs({ fcpMs: null })]).paint, false);
});

test("the Markdown states every verdict and the per-run raw numbers", () => {
  const runs = [sj(), cs({ bytes: 200_000 })];
  const summary = summarizeRuns(runs);
  const targets = evaluateTargets(summary, runs);
  const meta = {
    date: "2026-01-01T00:00:00Z",
    runs: 1,
    warmup: 0,
    browser: "Chrome/test",
    versions: { "survey-core": "1.0.0", "survey-js-ui": "1.0.0" },
    commit: "abc",
    dist: "/d",
    distBuilt: "now",
    node: "20",
    playwright: "1",
    gzipLevel: 9,
    machine: { cpus: 2, model: "cpu", memGiB: "1", os: "linux", loadBefore: "0", loadAfter: "0" },
    definitions: "## Definitions",
  };
  const md = renderMarkdown({ meta, runs, summary, targets });
  assert.match(md, /## Targets — NOT all met/);
  assert.match(md, /Bytes over the wire ≤ 25% of SurveyJS's \| 195\.3 KB vs 410\.2 KB = 47\.6% \| \*\*FAIL\*\*/);
  assert.match(md, /\| 1 \| carestep \| 200000 \|/);
  assert.match(md, /## Definitions/);
});
