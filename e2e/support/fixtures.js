// The suite's test object: Playwright's, plus the server address from the
// global setup, a record of uncaught page errors (a journey fails on any), and
// `figure()` to report a measured number in the run's summary.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.CARESTEP_BASE_URL;
    if (!url) throw new Error('CARESTEP_BASE_URL is not set: run the suite with `npm test` (global setup starts the server)');
    await use(url);
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      expect(errors.map(String), 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Records a measured figure for the summary reporter (and the HTML/JSON reports). */
export function figure(description) {
  test.info().annotations.push({ type: 'figure', description });
}
