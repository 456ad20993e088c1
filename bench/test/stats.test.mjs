import { test } from "node:test";
import assert from "node:assert/strict";
import { median, summarize } from "../lib/stats.mjs";

test("median of an odd count is the middle value, whatever the order", () => {
  assert.equal(median([9, 1, 5]), 5);
});

test("median of an even count is the mean of the two middle values", () => {
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test("summarize gives median, min, max and n without reordering the input", () => {
  const values = [30, 10, 20];
  assert.deepEqual(summarize(values), { median: 20, min: 10, max: 30, n: 3 });
  assert.deepEqual(values, [30, 10, 20]);
});

test("no values is an error, not NaN", () => {
  assert.throws(() => median([]), /no values/);
  assert.throws(() => summarize([]), /no values/);
});
