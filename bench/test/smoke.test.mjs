// End-to-end self-test of the harness in the real browser: one run of the
// SurveyJS peer and one of the stand-in bundle (fixtures/standin), whose
// sizes and wasm memory are known, plus a page that never becomes ready.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { copyAssets } from "../surveyjs/copy-assets.mjs";
import { answerCareStep, answerSurveyJs } from "../lib/drivers.mjs";
import { measureRun } from "../lib/measure.mjs";
import { serveFolder } from "../lib/server.mjs";

const folder = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const servers = {};
before(async () => {
  copyAssets();
  servers.surveyjs = await serveFolder(folder("../surveyjs/"));
  servers.standin = await serveFolder(folder("../fixtures/standin/"));
  servers.never = await serveFolder(folder("../fixtures/never-ready/"));
});
after(() => Promise.all(Object.values(servers).map((s) => s.close())));

test("the stand-in bundle: ready, its wasm memory read through the probe, answered to a result", async () => {
  const r = await measureRun({ kind: "carestep", url: servers.standin.url, answer: answerCareStep });
  assert.ok(r.readyMs > 0, `readyMs ${r.readyMs}`);
  // The stand-in's module declares exactly 2 pages of 64 KiB.
  assert.equal(r.wasmMemoryBytes, 2 * 65536);
  assert.deepEqual(r.instantiatedWith, ["instantiateStreaming"]);
  assert.equal(r.network.requests, 3);
  assert.ok(r.network.list.every((x) => x.status === 200 && x.contentEncoding === "gzip"), JSON.stringify(r.network.list));
  assert.ok(r.jsHeapUsedBytes > 0);
  assert.equal(r.answers, 3);
  assert.equal(r.level, "self_care");
  assert.ok(Number.isFinite(r.fcpMs) && r.wasm.length === 1);
});

test("the SurveyJS peer: shipped bundles over gzip, the theme's font attempted and failed, 17 answers", async () => {
  const r = await measureRun({ kind: "surveyjs", url: servers.surveyjs.url, answer: answerSurveyJs });
  const urls = r.network.list.map((x) => x.url);
  for (const file of ["survey.core.min.js", "survey-js-ui.min.js", "survey-core.min.css"]) {
    assert.ok(urls.some((u) => u.endsWith(`/vendor/${file}`)), `${file} requested`);
  }
  const font = r.network.list.find((x) => !x.url.startsWith("http://127.0.0.1"));
  assert.ok(font && font.failed, `a third-party request was attempted and failed: ${JSON.stringify(font)}`);
  assert.ok(r.network.encodedBytes > 300_000, `SurveyJS bytes ${r.network.encodedBytes}`);
  assert.equal(r.wasmMemoryBytes, 0);
  assert.equal(r.answers, 17);
  assert.ok(r.readyMs > 0 && r.answerMs > 0);
});

test("a static placeholder that is never taken over does not count as ready", async () => {
  await assert.rejects(
    measureRun({ kind: "carestep", url: servers.never.url, answer: answerCareStep, timeoutMs: 3000 }),
    /timed out after 3000 ms waiting for carestep: first question live/,
  );
});
