// Quick exit (issue 4 §2f): the button and the Shift×3 shortcut leave for the
// configured neutral URL (fixtures/configs/demo.json: https://neutral.example/weather,
// answered locally by a route — nothing leaves the machine), the page is
// replaced rather than pushed, so Back goes to the page before the self-check,
// never to the answers. Covered in all three deployments; in the iframe the
// shortcut is tried both inside the frame and on the clinic's page.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { answerItem, questionnaire } from '../support/journey.js';

const EXIT_URL = 'https://neutral.example/weather';

test.beforeEach(async ({ context }) => {
  await context.route('https://neutral.example/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!DOCTYPE html><html lang="en"><head><title>Weather</title><link rel="icon" href="data:,"></head><body><h1>Local weather</h1></body></html>',
    }),
  );
});

/** From an earlier page, open the self-check and answer the first three questions. */
async function startAnswering(page, mode) {
  await page.goto('/site/before.html');
  const cs = await CareStep[mode](page, { config: 'demo' });
  await cs.ready();
  await cs.start();
  const q = await questionnaire();
  for (const [id, value] of [
    ['ctx.adult', 0],
    ['ctx.emergency', 0],
  ]) {
    await answerItem(cs, q, q.byId.get(id), value);
    await cs.continue();
  }
  await answerItem(cs, q, q.byId.get('phq9.1'), 3);
  await cs.continue();
  return cs;
}

async function expectLeftAndBackSkipsAnswers(page) {
  await expect(page).toHaveURL(EXIT_URL);
  await expect(page.getByRole('heading', { name: 'Local weather' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/site\/before\.html$/);
  await expect(page.getByRole('heading', { name: 'An earlier page' })).toBeVisible();
}

const WAYS = {
  button: async (cs) => cs.button('Quick exit').click(),
  'Shift×3 in the widget': async (cs) => {
    await expect(cs.heading()).toBeFocused();
    for (let i = 0; i < 3; i += 1) await cs.page.keyboard.press('Shift');
  },
};

for (const mode of ['standalone', 'iframe', 'inline']) {
  for (const [way, act] of Object.entries(WAYS)) {
    test(`${mode}: ${way} leaves for the neutral URL and Back does not return to the answers`, async ({ page }) => {
      const cs = await startAnswering(page, mode);
      const historyBefore = await page.evaluate(() => history.length);
      await act(cs);
      await expectLeftAndBackSkipsAnswers(page);
      figure(`${mode}, ${way}: left for ${EXIT_URL}; Back → before.html (history.length was ${historyBefore})`);
    });
  }
}

test('iframe: Shift×3 on the clinic page (focus outside the frame) leaves too', async ({ page }) => {
  await startAnswering(page, 'iframe');
  // Focus moves to the clinic's own page, outside the frame (its footer link).
  await page.getByRole('link', { name: 'Write to us' }).focus();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Write to us');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  await expectLeftAndBackSkipsAnswers(page);
});

test('Shift pressed twice, then another key, does not leave', async ({ page }) => {
  const cs = await startAnswering(page, 'standalone');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift');
  // Still here: the widget still answers (Back changes the screen), and the URL is the same.
  await cs.back();
  expect(page.url()).toMatch(/\/carestep\/index\.html$/);
});
