// The preview benchmark's summary (bench/preview.mjs): median, p95 and the longest time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PREVIEW_TARGET_MS, summarize } from "../preview.mjs";

test("summarize gives the median, the 95th percentile and the longest", () => {
  const times = Array.from({ length: 20 }, (_, i) => i + 1); // 1 … 20
  assert.deepEqual(summarize(times), { median: 10.5, p95: 19, max: 20, n: 20 });
  assert.deepEqual(summarize([5, 1, 3]), { median: 3, p95: 5, max: 5, n: 3 });
});

test("the target is issue 11's 150 ms", () => {
  assert.equal(PREVIEW_TARGET_MS, 150);
});
