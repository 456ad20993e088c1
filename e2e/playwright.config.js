// Playwright configuration of the CareStep end-to-end suite.
//
// The suite runs the release bundle (`../dist`, from `trunk build --release`)
// in Debian's Chromium, never a downloaded browser. A static server of our own
// (support/server.js) is started once per run by support/global-setup.js on a
// free port of 127.0.0.1; its address reaches the tests as CARESTEP_BASE_URL.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  testMatch: '*.spec.js',
  globalSetup: './support/global-setup.js',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // Generous per test (a journey is ~40 screens and the machine may be busy);
  // each action and assertion still fails within 10 s.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  reporter: [['list'], ['./support/summary-reporter.js']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    acceptDownloads: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // Recording a trace costs about a third of the suite's CPU on every test;
    // a failure still leaves a screenshot and the page's ARIA snapshot
    // (error-context.md). For a trace: `npm test -- --trace on`.
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Everything except the test server resolves to "not found": a request
        // to any other host fails instead of leaving the machine.
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ],
    },
  },
});
