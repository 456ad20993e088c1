// "How this self-check works" (issue 12 item 3): the page is axe-clean, standalone and in
// the sandboxed iframe; it is usable with the keyboard alone (Tab to the link on the
// start screen, Enter, Tab to "Back to your self-check", Enter: focus is back on the
// link; Tab to a Why? on a result, Enter: focus is on that rule's heading); and opening
// it asks nothing of the network and leaves the URL (with its hash) and history.length
// as they were — which rule fired is about the visitor's answers.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { expectAccessible } from '../support/axe.js';
import { completeJourney } from '../support/journey.js';
import { tabTo } from '../support/keyboard.js';
import { recordNetwork, storageSnapshot, expectNothingStored } from '../support/network.js';
import { BY_LEVEL } from '../support/scenarios.js';

const LINK = 'How this self-check works';
const BACK = 'Back to your self-check';

/** The page's heading, once it is on screen. */
async function expectMethodPage(cs) {
  await expect(cs.heading()).toHaveText(LINK);
}

for (const mode of ['standalone', 'iframe']) {
  test(`${mode}: the page has no axe violations, opened from the start and from a result`, async ({ page }) => {
    const cs = mode === 'standalone' ? await CareStep.standalone(page) : await CareStep.iframe(page);
    await cs.ready();
    await cs.step(() => cs.button(LINK).click());
    await expectMethodPage(cs);
    await expect(cs.heading()).toBeFocused();
    const fromStart = await expectAccessible(page, `${mode}: how this self-check works (from start)`);
    // Back puts focus on the link that opened the page, not on the h1: no cs.step here.
    await cs.button(BACK).first().click();
    await expect(cs.button(LINK)).toBeFocused();

    const run = await completeJourney(cs, BY_LEVEL.php);
    expect(run.stoppedAt).toBe('result');
    const whys = cs.scope.getByRole('button', { name: /^Why\? / });
    expect(await whys.count()).toBeGreaterThanOrEqual(2);
    // A Why? moves focus to its rule's heading (an h3), not to the h1: no cs.step here.
    await whys.first().click();
    await expectMethodPage(cs);
    const fromWhy = await expectAccessible(page, `${mode}: how this self-check works (from a Why?)`);
    figure(`methodology ${mode}: axe violations ${fromStart.violations} + ${fromWhy.violations}`);
  });
}

test('keyboard only: the link on the start screen, Back to your self-check, focus returns', async ({ page }) => {
  const cs = await CareStep.standalone(page);
  await cs.ready();
  const start = await cs.headingText();
  const link = cs.button(LINK);
  await tabTo(page, link);
  await cs.step(() => page.keyboard.press('Enter'));
  await expectMethodPage(cs);
  await tabTo(page, cs.button(BACK).first());
  await page.keyboard.press('Enter');
  await expect(cs.heading()).toHaveText(start);
  await expect(link).toBeFocused();
});

test('keyboard only: a Why? on the result puts focus on its rule’s heading, and Back returns to it', async ({ page }) => {
  const cs = await CareStep.standalone(page);
  await cs.ready();
  const run = await completeJourney(cs, BY_LEVEL.php);
  expect(run.stoppedAt).toBe('result');
  const reasons = cs.scope.getByTestId('reasons').locator(':scope > li');
  const count = await reasons.count();
  expect(count).toBeGreaterThanOrEqual(2);
  const names = new Set();
  for (let i = 0; i < count; i += 1) {
    const reason = reasons.nth(i);
    const rule = await reason.getAttribute('data-rule');
    const why = reason.getByRole('button', { name: /^Why\? / });
    // Each Why? is named after its reason, so a list of buttons is not ten identical "Why?".
    const name = await why.evaluate((el) =>
      el
        .getAttribute('aria-labelledby')
        .split(' ')
        .map((id) => el.getRootNode().getElementById(id).textContent)
        .join(' '),
    );
    names.add(name);
    await tabTo(page, why);
    await page.keyboard.press('Enter');
    await expectMethodPage(cs);
    const heading = cs.scope.getByRole('heading', { level: 3, name: rule, exact: true });
    await expect(heading).toBeFocused();
    await expect(heading).toHaveAttribute('id', `rule-${rule.toLowerCase()}`);
    await expect(heading).toBeInViewport();
    await tabTo(page, cs.button(BACK).first());
    await page.keyboard.press('Enter');
    await expect(cs.result()).toBeVisible();
    await expect(why).toBeFocused();
  }
  expect(names.size).toBe(count);
  figure(`methodology keyboard: ${count} Why? buttons, each lands on its rule`);
});

for (const mode of ['standalone', 'iframe']) {
  test(`${mode}: opening the page from a result asks nothing of the network and leaves URL, hash and history alone`, async ({ page }) => {
    const net = await recordNetwork(page, { cdp: mode === 'standalone' });
    const cs = mode === 'standalone' ? await CareStep.standalone(page) : await CareStep.iframe(page);
    await cs.ready();
    const frame = mode === 'standalone' ? page.mainFrame() : page.frames().find((f) => f !== page.mainFrame());
    const run = await completeJourney(cs, BY_LEVEL.php);
    expect(run.stoppedAt).toBe('result');
    const before = await storageSnapshot(frame);
    const topBefore = await storageSnapshot(page.mainFrame());
    const mark = net.mark();

    // The link, every Why?, Back each time, and the print appendix ticked and unticked.
    await cs.step(() => cs.button(LINK).click());
    await cs.button(BACK).first().click();
    await expect(cs.button(LINK)).toBeFocused();
    const whys = cs.scope.getByRole('button', { name: /^Why\? / });
    const count = await whys.count();
    for (let i = 0; i < count; i += 1) {
      await whys.nth(i).click();
      await expectMethodPage(cs);
      await cs.button(BACK).first().click();
      await expect(cs.result()).toBeVisible();
    }
    const checkbox = cs.scope.getByLabel("Add 'How this self-check works' to the printout");
    await expect(checkbox).not.toBeChecked();
    await checkbox.check();
    await expect(cs.scope.getByTestId('method-appendix')).toBeAttached();
    await checkbox.uncheck();
    await expect(cs.scope.getByTestId('method-appendix')).toHaveCount(0);

    const after = await storageSnapshot(frame);
    const topAfter = await storageSnapshot(page.mainFrame());
    expect(after.url, 'URL (incl. hash) unchanged').toBe(before.url);
    expect(new URL(after.url).hash).toBe(new URL(before.url).hash);
    expect(after.historyLength, 'history.length unchanged').toBe(before.historyLength);
    expect(topAfter.url).toBe(topBefore.url);
    expect(topAfter.historyLength).toBe(topBefore.historyLength);
    expectNothingStored([
      [`${mode} frame`, after],
      ['top page', topAfter],
    ]);
    const since = net.since(mark);
    expect(since.requests, 'requests after opening the page').toEqual([]);
    expect(since.cdpRequests, 'requests seen by CDP').toEqual([]);
    expect(net.sockets).toEqual([]);
    figure(`methodology ${mode}: ${count} Why? + link opened, 0 requests, URL and history unchanged`);
  });
}
