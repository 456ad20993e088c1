// Help one tap away in the recommended iframe mode (issue 14 item 5). The frame is
// sized to its content and the clinic's page scrolls, so the frame's own sticky
// crisis bar scrolls away with it. The loader (embed/carestep-embed.js) then shows
// a compact "Get help now" bar on the clinic's page, sticky at the top, while the
// frame is on screen and its top is out of view. At 320 × 640 CSS px on the
// suite's iframe host page: the bar is hidden at the top of the page, on screen in
// the middle of a result, holds real tel:/sms: links of at least 44 × 44 px, is
// reached by Tab and let go of, passes axe, never moves the frame, sends nothing,
// and its Quick exit leaves like the frame's.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { completeJourney } from '../support/journey.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { expectAccessible } from '../support/axe.js';

const EXIT_URL = 'https://neutral.example/weather';
const WIDTH = 320;
const HEIGHT = 640;

test.beforeEach(async ({ context, page }) => {
  await context.route('https://neutral.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!DOCTYPE html><html lang="en"><head><title>Weather</title><link rel="icon" href="data:,"></head><body><h1>Local weather</h1></body></html>',
    }),
  );
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
});

/** The help bar on the clinic's page (hidden elements included, for counting). */
function helpBar(page) {
  return page.getByRole('region', { name: 'Get help now', includeHidden: true });
}

/** The frame's own "Call 988" link (in its crisis bar at the frame's top). */
function framesOwnBar(cs) {
  return cs.scope.locator('.cs-topbar').getByRole('link', { name: 'Call 988' });
}

/** Scrolls the clinic's page so that the middle of the result is in the middle of the viewport. */
async function scrollToResultMiddle(page, cs) {
  const box = await cs.result().boundingBox();
  await page.evaluate((dy) => window.scrollBy(0, dy), Math.round(box.y + box.height / 2 - HEIGHT / 2));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
}

/**
 * The IOP journey to its result. It runs in a viewport as tall as the frame's
 * question screens at 320 px, so the help bar never shows during it; then the
 * viewport is 320 × 640 again. (With the bar on screen, a frame control under it
 * is covered by the bar: a person sees that, but Playwright's click, which
 * checks what is on top only inside the frame, would land on the bar.)
 */
async function journeyToResult(page, cs) {
  await page.setViewportSize({ width: WIDTH, height: 4000 });
  await completeJourney(cs, BY_LEVEL.iop);
  expect(await cs.level()).toBe('iop');
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
}

/** A result on the iframe host page, at the top of the page again; requests made from here on are in `requests`. */
async function resultAtTop(page) {
  await page.goto('/site/before.html');
  const cs = await CareStep.iframe(page);
  await cs.ready();
  // Before the visitor scrolls, at the top of the page, the frame's own bar is the one on screen.
  await expect(framesOwnBar(cs)).toBeInViewport();
  await expect(helpBar(page)).toBeHidden();
  await journeyToResult(page, cs);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  const requests = [];
  page.context().on('request', (r) => requests.push(r.url()));
  return { cs, requests };
}

test('at 320 × 640 the "Get help now" bar stays on screen while the frame scrolls, with tel:/sms: links of 44 × 44 px', async ({ page }) => {
  const { cs, requests } = await resultAtTop(page);
  const bar = helpBar(page);
  const frame = page.getByTitle('Mental health self-check');

  // At the top of the page: the frame's own bar shows, the help bar does not.
  await expect(framesOwnBar(cs)).toBeInViewport();
  await expect(bar).toBeHidden();
  expect(await bar.evaluate((el) => getComputedStyle(el).display)).toBe('none');
  const frameTop = await frame.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);

  await scrollToResultMiddle(page, cs);
  await expect(bar).toBeVisible();
  await expect(bar).toBeInViewport();
  const barBox = await bar.boundingBox();
  expect(barBox.y, 'the bar sticks to the top of the viewport').toBeCloseTo(0, 0);
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(HEIGHT);
  // The frame's own bar has scrolled out of view above.
  const own = await framesOwnBar(cs).boundingBox();
  expect(own.y + own.height, "the frame's own bar is above the viewport").toBeLessThanOrEqual(0);
  // Showing the bar moved nothing: the frame is where it was on the page.
  expect(await frame.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)).toBe(frameTop);

  const links = bar.getByRole('link');
  await expect(links).toHaveText(['Call 988', 'Text 988', 'Call 911']);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:988', 'sms:988', 'tel:911']);
  const sizes = [];
  for (const control of [...(await links.all()), bar.getByRole('button', { name: 'Quick exit' })]) {
    const box = await control.boundingBox();
    const name = await control.innerText();
    sizes.push(`${name} ${Math.round(box.width)}×${Math.round(box.height)}`);
    expect(box.width, `${name} width`).toBeGreaterThanOrEqual(44);
    expect(box.height, `${name} height`).toBeGreaterThanOrEqual(44);
    expect(box.y, `${name} is inside the bar`).toBeGreaterThanOrEqual(barBox.y);
    expect(box.y + box.height).toBeLessThanOrEqual(barBox.y + barBox.height + 0.5);
  }
  // The widget's crisis colours.
  expect(await bar.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el.querySelector('a')).color])).toEqual([
    'rgb(253, 240, 230)',
    'rgb(92, 36, 0)',
  ]);

  // Back at the top of the page the frame's own bar shows again, and the help bar hides.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toBeHidden();
  await expect(framesOwnBar(cs)).toBeInViewport();

  expect(requests, 'requests after the result, while scrolling').toEqual([]);
  figure(`320 px help bar: ${Math.round(barBox.width)}×${Math.round(barBox.height)} at the top; ${sizes.join(', ')}`);
});

test('at 320 × 640 Tab reaches the help bar and moves on; axe passes with it on screen', async ({ page }) => {
  const { cs, requests } = await resultAtTop(page);
  const bar = helpBar(page);
  await scrollToResultMiddle(page, cs);
  await expect(bar).toBeVisible();

  // A click on the bar's own background (not a link) puts the keyboard's starting
  // point there; Tab then walks its links and button, in order, and leaves.
  await bar.click({ position: { x: 1, y: 1 } });
  const order = [];
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => (document.activeElement.closest('[data-carestep-help]') ? document.activeElement.textContent : null)));
  }
  expect(order).toEqual(['Call 988', 'Text 988', 'Call 911', 'Quick exit']);
  await page.keyboard.press('Tab');
  await expect
    .poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-carestep-help]')), { message: 'focus left the help bar' })
    .toBe(false);
  expect(requests, 'requests after the result, while tabbing').toEqual([]);

  // axe (it fetches the stylesheets again itself, so after the request check), with the bar on screen.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(bar).toBeHidden();
  await scrollToResultMiddle(page, cs);
  await expect(bar).toBeVisible();
  const a11y = await expectAccessible(page, 'iframe result at 320 px, help bar on screen');
  figure(`help bar: Tab order ${order.join(' → ')} → out; axe ${a11y.violations} violations, ${a11y.passes} passes`);
});

test("the help bar's Quick exit leaves like the frame's, and Back does not return to the answers", async ({ page }) => {
  const { cs } = await resultAtTop(page);
  const bar = helpBar(page);
  await scrollToResultMiddle(page, cs);
  await bar.getByRole('button', { name: 'Quick exit' }).click();
  await expect(page).toHaveURL(EXIT_URL);
  await expect(page.getByRole('heading', { name: 'Local weather' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/site\/before\.html$/);
});

test("outside the US the help bar holds the clinic's own crisis lines", async ({ page }) => {
  // The demo configuration with another country and a line of its own.
  await page.route('**/site/iframe.html', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const swapped = html.replace(
      /"crisis":\s*\{[\s\S]*?\]\s*\}/,
      '"crisis": {"country": "GB", "lines": [{"label": "Samaritans", "phone": "116 123"}, {"label": "Shout", "sms": "85258"}]}',
    );
    expect(swapped).not.toBe(html);
    await route.fulfill({ response, body: swapped });
  });
  const cs = await CareStep.iframe(page);
  await cs.ready();
  await journeyToResult(page, cs);
  await scrollToResultMiddle(page, cs);
  const bar = helpBar(page);
  await expect(bar).toBeVisible();
  const links = bar.getByRole('link');
  await expect(links).toHaveText(['Call Samaritans', 'Text Shout']);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['tel:116123', 'sms:85258']);
  await expect(bar.getByRole('button', { name: 'Quick exit' })).toBeVisible();
});

test('when the frame fails there is no help bar: the placeholder with the phone shows', async ({ page }) => {
  await page.goto('/nocors/site/iframe.html');
  const host = page.locator('[data-carestep]');
  await expect(host).toHaveAttribute('data-carestep-state', 'failed');
  await expect(host.getByRole('link', { name: '(541) 555-0142' })).toBeVisible();
  await expect(helpBar(page)).toHaveCount(0);
  await expect(page.locator('[data-carestep-help], [data-carestep-help-sentinel]')).toHaveCount(0);
});
