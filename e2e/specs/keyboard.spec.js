// Keyboard only (issue 4 §2e): a whole journey with Tab, Space and Enter and
// nothing else — no mouse, no arrow keys. With Tab alone a native radio group
// can only be entered at its first option, so the visitor takes the first
// option, or "Skip this question" where the first option is not the least
// severe one (the ASQ lists "Yes" first) and on the number question (typing
// digits is not Tab/Space/Enter). The level shown must be the engine's.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { questionnaire } from '../support/journey.js';
import { tabTo } from '../support/keyboard.js';

test('a complete journey with Tab, Space and Enter only', async ({ page }, testInfo) => {
  const q = await questionnaire();
  const cs = await CareStep.standalone(page);
  await cs.ready();
  let presses = 0;
  const press = async (key) => {
    expect(['Tab', 'Space', 'Enter']).toContain(key);
    presses += 1;
    await page.keyboard.press(key);
  };
  const tab = async (target) => {
    const n = await tabTo(page, target);
    presses += n;
  };

  await tab(cs.button('Start'));
  await cs.step(() => press('Enter'));

  const given = {};
  const order = [];
  for (let guard = 0; guard < 80 && (await cs.screen()) === 'question'; guard += 1) {
    const item = q.byHeading(await cs.headingText());
    expect(item, `a question heading: "${await cs.headingText()}"`).not.toBeNull();
    const first = item.answer.type === 'choices' ? item.answer.choices[0] : null;
    if (first && first.code === 0) {
      const radio = cs.radio(first.label);
      await tab(radio);
      await press('Space');
      await expect(radio).toBeChecked();
      given[item.id] = 0;
      await tab(cs.button('Continue'));
    } else {
      given[item.id] = 'declined';
      await tab(cs.button('Skip this question'));
    }
    order.push(item.id);
    // The new screen's heading gets focus (asserted by step()).
    await cs.step(() => press('Enter'));
  }

  expect(await cs.screen()).toBe('check');
  await tab(cs.button('See my result'));
  await cs.step(() => press('Enter'));
  await expect(cs.result()).toBeVisible();
  const engine = await score(given, testInfo.outputPath('answers.json'));
  expect(await cs.level()).toBe(engine.level);
  figure(
    `${order.length} questions (${Object.values(given).filter((v) => v === 'declined').length} skipped) → ` +
      `${engine.level} with ${presses} key presses (Tab/Space/Enter only)`,
  );
});
