// A result that fits a phone (issue 14 item 3, "Done when": each result shows
// the level, the next step and the first reason within two screens). At 320 × 640
// CSS px, for every level the default deployment reaches, the level, the primary
// action and the first reason must end within the first 1,280 CSS px of the
// widget (its top edge, not the clinic's page above it); for the reason, its
// sentence (the scores and answers under it are reported, not held to the limit).
// The result page's full height is reported as a figure for the issue's note.
//
// Also at 320 px: help stays one tap away (item 5): the crisis bar stays on screen
// while the page scrolls, it covers nothing it would hide for good (the widget's
// own content starts below it), and its links are at least 44 × 44 CSS px.
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { completeJourney } from '../support/journey.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { REPO_DIR } from '../support/server.js';

const TWO_SCREENS = 1280;

/** The bottom edge of `locator`'s box, in CSS px below the widget's top edge. */
async function bottomBelowWidgetTop(cs, locator) {
  await expect(locator).toBeVisible();
  const widget = await cs.root.boundingBox();
  const box = await locator.boundingBox();
  return Math.round(box.y + box.height - widget.y);
}

/** The same for the text that opens `locator` (a reason's sentence, without the scores
 * and answers listed under it). */
async function textBottomBelowWidgetTop(cs, locator) {
  await expect(locator).toBeVisible();
  const widget = await cs.root.boundingBox();
  const bottom = await locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el.firstChild);
    return range.getBoundingClientRect().bottom;
  });
  return Math.round(bottom - widget.y);
}

for (const [level, answers] of Object.entries(BY_LEVEL)) {
  if (level === 'out_of_scope') continue; // not a level of care: no action, no reasons
  test(`at 320 × 640 the "${level}" result shows its level, next step and first reason within ${TWO_SCREENS} px`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    const cs = await CareStep.standalone(page);
    await cs.ready();
    const run = await completeJourney(cs, answers);
    expect(run.stoppedAt).toBe('result');
    expect(await cs.level()).toBe(level);

    // The whole result at 320 px, for a person to look at (artifacts/ is gitignored).
    await page.screenshot({ path: path.join(REPO_DIR, 'artifacts', 'screenshots', `phone-${level}-320.png`), fullPage: true });
    const height = Math.round((await cs.root.boundingBox()).height);
    figure(`320 px, ${level}: the widget is ${height} px high`);
    const result = cs.result();
    // The first reason (its sentence), or the self-care result's one paragraph in its place.
    const firstReason = result.locator('[data-testid=reasons] li, p[data-testid=reasons]').first();
    const bottoms = {
      level: await bottomBelowWidgetTop(cs, result.getByTestId('level')),
      'next step': await bottomBelowWidgetTop(cs, result.getByTestId('next-step')),
      'first reason': await textBottomBelowWidgetTop(cs, firstReason),
      'first reason with its evidence': await bottomBelowWidgetTop(cs, firstReason),
    };
    figure(
      `320 px, ${level}: bottoms below the widget's top: ${Object.entries(bottoms)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    for (const name of ['level', 'next step', 'first reason']) {
      expect(bottoms[name], `${level}: the ${name} ends ${bottoms[name]} px below the widget's top`).toBeLessThanOrEqual(TWO_SCREENS);
    }
  });
}

test('at 320 × 640 the crisis bar stays on screen while scrolling, and its links are at least 44 × 44 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const cs = await CareStep.standalone(page);
  await cs.ready();
  await completeJourney(cs, BY_LEVEL.iop);
  expect(await cs.level()).toBe('iop');

  const bar = cs.root.getByRole('link', { name: 'Call 988' }).first();
  const sizes = [];
  for (const link of await cs.root.locator('.cs-crisis-bar a').all()) {
    const box = await link.boundingBox();
    sizes.push(`${Math.round(box.width)}×${Math.round(box.height)}`);
    expect(box.width, `${await link.innerText()} width`).toBeGreaterThanOrEqual(44);
    expect(box.height, `${await link.innerText()} height`).toBeGreaterThanOrEqual(44);
  }

  // Scroll to the end of the result: "Call 988" is still inside the viewport.
  await cs.button('Clear my answers').scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  const box = await bar.boundingBox();
  expect(box.y, 'Call 988 is on screen after scrolling').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(640);
  // It does not cover the button the visitor scrolled to.
  const clear = await cs.button('Clear my answers').boundingBox();
  const barBox = await cs.root.locator('.cs-topbar').boundingBox();
  expect(clear.y >= barBox.y + barBox.height || clear.y + clear.height <= barBox.y, 'the bar covers Clear my answers').toBe(true);
  // Tab still leaves the bar: focus is not trapped in it.
  await bar.focus();
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('Tab');
  const inBar = await page.evaluate(() => !!document.activeElement.closest('.cs-topbar'));
  expect(inBar, 'focus left the crisis bar after 8 Tabs').toBe(false);
  figure(`320 px crisis bar links (w×h): ${sizes.join(', ')}; sticky at scrollY ${await page.evaluate(() => Math.round(window.scrollY))}`);
});
