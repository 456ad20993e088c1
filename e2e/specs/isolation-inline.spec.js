// Isolation, inline mode (issue 4 §2c): the same hostile page, with the widget
// mounted inline in a Shadow DOM root by carestep-inline.js. Inline mode is
// documented as LESS private; this spec records exactly what a page script can
// read, so the documentation (embed/README.md) states facts, and checks that
// the Shadow DOM still keeps the page's CSS out.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { answerItem, questionnaire } from '../support/journey.js';
import { tabTo } from '../support/keyboard.js';

test('inline mode: what a host script can read, and what host CSS cannot reach', async ({ page }) => {
  const q = await questionnaire();
  const cs = await CareStep.inline(page, { hostile: true });
  await cs.ready();
  await cs.start();
  for (const id of ['ctx.adult', 'ctx.emergency']) {
    await answerItem(cs, q, q.byId.get(id), 0);
    await cs.continue();
  }
  expect(q.byHeading(await cs.headingText())?.id).toBe('phq9.1');
  const keysBefore = await page.evaluate(() => window.__hostile.keys.length);
  await tabTo(page, cs.radio(q.label('phq9.1', 0)));
  await page.keyboard.press('Space');
  await cs.radio(q.label('phq9.1', 3)).check();

  const probe = await page.evaluate(() => window.__hostileProbe());
  const seen = await page.evaluate(() => window.__hostile);
  const phq91 = q.byId.get('phq9.1');

  // FACT 1: the shadow root is open, so a page script reads the question and the chosen answer.
  expect(probe.shadowRootIsNull).toBe(false);
  expect(probe.shadowText.value).toContain(phq91.text);
  expect(probe.shadowChecked.value).toBe(q.label('phq9.1', 3));

  // FACT 2: key events bubble out of the shadow root (composed); the page sees
  // each key, retargeted to the host element, and composedPath() names the input.
  const keys = seen.keys.slice(keysBefore).filter((k) => k.type === 'keydown');
  expect(keys.map((k) => k.key)).toContain(' ');
  expect(keys.every((k) => k.target === 'DIV')).toBe(true);
  expect(keys.some((k) => k.innermost === 'INPUT')).toBe(true);

  // FACT 3: click/input events reach the page too, with the radio's state and label.
  const clicks = seen.inputs.filter((e) => e.type === 'click' && e.innermost === 'INPUT');
  expect(clicks.length).toBeGreaterThan(0);
  expect(clicks.some((e) => e.checked === true && e.label === q.label('phq9.1', 3))).toBe(true);

  // FACT 4: a MutationObserver on the page's document does NOT see inside the
  // shadow tree (only the host's attributes); a script must observe the open root itself.
  expect(JSON.stringify(seen.mutations)).not.toContain(phq91.text);
  // FACT 5: the page's own text (light DOM) does not contain the question.
  expect(probe.pageText).not.toContain(phq91.text);

  // Host CSS does not reach the widget's elements.
  const styles = await cs.heading().evaluate((h1) => {
    const s = getComputedStyle(h1);
    const root = h1.getRootNode();
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Continue');
    return {
      inShadow: root instanceof ShadowRoot,
      color: s.color,
      font: s.fontFamily,
      letterSpacing: s.letterSpacing,
      textTransform: s.textTransform,
      wordSpacing: s.wordSpacing,
      buttonDisplay: button ? getComputedStyle(button).display : null,
    };
  });
  expect(styles.inShadow).toBe(true);
  expect(styles.color).not.toBe('rgb(255, 0, 0)');
  expect(styles.font).not.toContain('Comic Sans');
  expect(styles.letterSpacing).toBe('normal');
  expect(styles.textTransform).toBe('none');
  expect(styles.wordSpacing).toBe('0px');
  expect(styles.buttonDisplay).not.toBe('none');
  await expect(cs.button('Continue')).toBeVisible();

  figure(
    `inline: open shadow root → host read the question and the checked answer ("${probe.shadowChecked.value}"); ` +
      `${keys.length} keydown events seen (retargeted to DIV, composedPath → INPUT); ${clicks.length} clicks with label; ` +
      `document MutationObserver saw ${seen.mutations.length} mutations, none with question text; host CSS reached nothing`,
  );
});
