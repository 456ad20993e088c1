// Summary statistics for the benchmark's per-run samples.

/** Median of a non-empty list of numbers (mean of the two middle values when even). */
export function median(values) {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `{ median, min, max, n }` of a non-empty list of numbers. */
export function summarize(values) {
  if (values.length === 0) throw new Error("summary of no values");
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}
