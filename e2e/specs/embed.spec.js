// The embedding loaders (issue 4 §1): what carestep-embed.js builds (sandbox
// flags, title, a frame URL with no configuration in it, an opaque origin), the
// configuration arriving by postMessage, the frame sized to its content,
// forged messages ignored, why the bundle needs Access-Control-Allow-Origin,
// Print and Save from inside the sandbox, the inline mount, and the SRI
// hashes published in embed/README.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { completeJourney, answerItem, questionnaire } from '../support/journey.js';
import { EMBED_DIR, FIXTURES_DIR, sri, startServer } from '../support/server.js';
import { BY_LEVEL } from '../support/scenarios.js';

const SANDBOX = [
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-scripts',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
];

function frameOf(page) {
  return page.frames().find((f) => f !== page.mainFrame());
}

test('the iframe: sandbox flags, title, opaque origin, no configuration in any URL', async ({ page }) => {
  const server = await startServer();
  try {
    await page.goto(`${server.url}/site/iframe.html`);
    const cs = new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
    await cs.ready();
    const iframe = page.getByTitle(FRAME_TITLE);
    await expect(iframe).toHaveCount(1);
    const sandbox = (await iframe.getAttribute('sandbox')).split(/\s+/).sort();
    expect(sandbox).toEqual(SANDBOX);
    expect(sandbox).not.toContain('allow-same-origin');
    const src = new URL(await iframe.getAttribute('src'));
    expect(src.pathname).toBe('/carestep/embed/frame.html');
    expect(src.search + src.hash).toBe('');
    expect(await frameOf(page).evaluate(() => self.origin)).toBe('null');

    // The configuration reached the widget: the clinic's own crisis line shows in the frame.
    const config = JSON.parse(await readFile(path.join(FIXTURES_DIR, 'configs', 'demo.json'), 'utf8'));
    await expect(cs.root.getByText(config.crisis.lines[0].label).first()).toBeVisible();
    // …and no request carried any of it.
    const leaked = server.requests.filter((r) => /Riverbend|541|programs|quick_exit/.test(decodeURIComponent(r.path + r.search)));
    expect(leaked).toEqual([]);
    figure(`sandbox="${sandbox.join(' ')}"; frame origin "null"; ${server.requests.length} requests, none with configuration text`);
  } finally {
    await server.close();
  }
});

test('the iframe is sized to its content at every step (no inner scrollbar)', async ({ page }) => {
  const q = await questionnaire();
  const cs = await CareStep.iframe(page);
  await cs.ready();
  const iframe = page.getByTitle(FRAME_TITLE);
  const sizes = [];
  const fits = async (screen) => {
    const content = () => frameOf(page).evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await expect
      .poll(async () => Math.abs((await iframe.boundingBox()).height - (await content())), `frame height vs content on ${screen}`)
      .toBeLessThanOrEqual(1);
    const inner = await frameOf(page).evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(inner, `inner scroll on ${screen}`).toBeLessThanOrEqual(1);
    sizes.push(`${screen} ${await content()}px`);
  };
  await fits('start');
  await cs.start();
  await fits('gate');
  await cs.button('Continue').click();
  await expect(cs.errorSummary()).toBeVisible();
  await fits('error summary');
  await answerItem(cs, q, q.byId.get('ctx.adult'), 0);
  await cs.continue();
  await answerItem(cs, q, q.byId.get('ctx.emergency'), 1);
  await cs.continue();
  expect(await cs.level()).toBe('crisis_now');
  await fits('crisis');
  figure(`frame height follows content: ${sizes.join(' · ')}`);
});

test('forged messages from anything but the frame are ignored', async ({ page }) => {
  const cs = await CareStep.iframe(page);
  await cs.ready();
  const iframe = page.getByTitle(FRAME_TITLE);
  const before = (await iframe.boundingBox()).height;
  // The page (or any other window) posting the loader's own messages.
  await page.evaluate(() => {
    for (const type of ['height', 'failed', 'quick-exit']) window.postMessage({ carestep: 1, type, height: 5 }, '*');
  });
  // Let those messages be delivered: a round trip through the frame's own protocol.
  await cs.start();
  expect((await iframe.boundingBox()).height).not.toBe(5);
  await expect(iframe).toHaveCount(1);
  await expect(page.locator('[data-carestep]')).toHaveAttribute('data-carestep-state', 'ready');
  expect(page.url()).toMatch(/\/site\/iframe\.html$/);
  figure(`forged height/failed/quick-exit from the page: ignored (height ${before}px, still ready, not navigated)`);
});

test('without Access-Control-Allow-Origin the sandboxed frame cannot load the widget; the fallback stays', async ({ page }) => {
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto('/nocors/site/iframe.html');
  const host = page.locator('[data-carestep]');
  await expect(host).toHaveAttribute('data-carestep-state', 'failed');
  await expect(host.getByRole('link', { name: /988/ })).toBeVisible();
  figure(`no CORS header → frame reported "failed"; fallback kept (blocked: ${failed.map((u) => path.basename(u)).join(', ') || 'by CORS check'})`);
});

test('Print and Save work from inside the sandbox (allow-modals, allow-downloads)', async ({ page }) => {
  const refused = [];
  page.on('console', (m) => /sandbox|allow-modals|allow-downloads/i.test(m.text()) && refused.push(m.text()));
  const cs = await CareStep.iframe(page);
  await cs.ready();
  await completeJourney(cs, { 'phq9.1': 2, 'phq9.2': 2 });
  await expect(cs.result()).toBeVisible();
  await cs.button('Print').click();
  const download = page.waitForEvent('download');
  await cs.button('Save a copy').click();
  const file = await download;
  expect((await readFile(await file.path(), 'utf8')).length).toBeGreaterThan(0);
  expect(refused, 'sandbox refusals on the console').toEqual([]);
});

test("a link in the frame (the clinic's call to action) opens in the clinic's tab", async ({ page, context }) => {
  const config = JSON.parse(await readFile(path.join(FIXTURES_DIR, 'configs', 'demo.json'), 'utf8'));
  const iop = config.programs.find((p) => p.level === 'iop');
  await context.route('https://riverbend.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>Booking</title><h1>Book an assessment</h1>' }),
  );
  const cs = await CareStep.iframe(page);
  await cs.ready();
  await completeJourney(cs, BY_LEVEL.iop);
  expect(await cs.level()).toBe('iop');
  await cs.scope.getByRole('link', { name: iop.cta.label }).click();
  // The whole tab went there (base target _top + allow-top-navigation-by-user-activation).
  await expect(page).toHaveURL(iop.cta.url);
  figure(`CTA "${iop.cta.label}" in the frame → top-level navigation to ${iop.cta.url}`);
});

test('inline: the widget mounts in a shadow root through the exported mount()', async ({ page }) => {
  const cs = await CareStep.inline(page);
  await cs.ready();
  const facts = await page.locator('[data-carestep]').evaluate((host) => ({
    open: host.shadowRoot !== null,
    lightDomMount: document.getElementById('carestep') !== null,
    shadowMount: host.shadowRoot?.getElementById('carestep') !== null,
    ready: host.shadowRoot?.getElementById('carestep')?.getAttribute('data-ready'),
  }));
  expect(facts).toEqual({ open: true, lightDomMount: false, shadowMount: true, ready: 'true' });
  await cs.start();
  await expect(cs.radios().first()).toBeVisible();
});

test('embed/README.md publishes the current SRI hashes of both loaders', async () => {
  const readme = await readFile(path.join(EMBED_DIR, 'README.md'), 'utf8');
  for (const file of ['carestep-embed.js', 'carestep-inline.js']) {
    const hash = sri(await readFile(path.join(EMBED_DIR, file)));
    expect(readme, `README has ${file}'s ${hash}`).toContain(hash);
  }
});
