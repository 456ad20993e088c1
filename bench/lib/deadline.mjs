// A guard for promises that should settle: rejects after `ms` with `what` in
// the message, so a page that stops responding fails its run with a clear
// reason instead of hanging. It never delays a promise that settles in time.
export function deadline(promise, ms, what) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}
