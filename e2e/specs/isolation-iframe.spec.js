// Isolation, iframe mode (issue 4 §2c): a hostile page (fixtures/site/hostile.js
// and hostile.css) embeds the widget with carestep-embed.js. While a visitor
// answers — with the mouse and the keyboard — the page's script listens to
// every key, input and postMessage, watches every DOM change and tries to read
// the frame. It must learn nothing, and none of its CSS may reach the widget.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { answerItem, questionnaire } from '../support/journey.js';
import { tabTo } from '../support/keyboard.js';

test('a hostile host page learns nothing from the sandboxed frame', async ({ page }) => {
  const q = await questionnaire();
  const cs = await CareStep.iframe(page, { hostile: true });
  await cs.ready();
  await cs.start();

  // Answer the gate and emergency questions with the mouse, phq9.1 with the
  // keyboard (Tab into the radio group, Space), and remember what was shown.
  const secrets = [];
  for (const [id, value] of [
    ['ctx.adult', 0],
    ['ctx.emergency', 0],
  ]) {
    expect(q.byHeading(await cs.headingText())?.id).toBe(id);
    await answerItem(cs, q, q.byId.get(id), value);
    await cs.continue();
  }
  const phq91 = q.byId.get('phq9.1');
  expect(q.byHeading(await cs.headingText())?.id).toBe('phq9.1');
  await tabTo(page, cs.radio(q.label('phq9.1', 0)));
  await page.keyboard.press('Space');
  await expect(cs.radio(q.label('phq9.1', 0))).toBeChecked();
  await cs.radio(q.label('phq9.1', 3)).check();
  secrets.push(phq91.text, q.label('phq9.1', 3), 'phq9');
  await cs.continue();
  secrets.push(await cs.headingText());

  const probe = await page.evaluate(() => window.__hostileProbe());
  const seen = await page.evaluate(() => window.__hostile);

  // Direct reads of the frame: null or a SecurityError, never content.
  expect(probe.hasFrame).toBe(true);
  expect(probe.contentDocument).toEqual({ threw: null, value: null });
  expect(probe.contentWindowDocument.threw).toBe('SecurityError');
  expect(probe.framesDocument.threw).toBe('SecurityError');
  expect(probe.frameLocation.threw).toBe('SecurityError');
  expect(probe.frameStorage.threw).toBe('SecurityError');
  // A cross-origin window lists no properties at all (only its frames, and it has none).
  expect(probe.frameGlobals).toEqual({ threw: null, value: 0 });

  // Keys, clicks and inputs inside the frame never reach the page's listeners.
  expect(seen.keys, 'keyboard events seen by the host').toEqual([]);
  expect(seen.inputs, 'input/click/focus events seen by the host').toEqual([]);

  // Messages: only the loader's protocol, carrying no answer text.
  const types = [...new Set(seen.messages.map((m) => JSON.parse(m.data).type))].sort();
  expect(types.every((t) => ['hello', 'height', 'ready'].includes(t)), `message types ${types}`).toBe(true);
  const everything = JSON.stringify([seen.messages, seen.mutations, probe.pageText]);
  for (const secret of secrets) expect(everything, `host saw "${secret}"`).not.toContain(secret);

  // Hostile CSS does not reach inside the frame.
  const styles = await cs.heading().evaluate((h1) => {
    const s = getComputedStyle(h1);
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Continue');
    return {
      color: s.color,
      font: s.fontFamily,
      letterSpacing: s.letterSpacing,
      textTransform: s.textTransform,
      buttonDisplay: button ? getComputedStyle(button).display : null,
    };
  });
  expect(styles.color).not.toBe('rgb(255, 0, 0)');
  expect(styles.font).not.toContain('Comic Sans');
  expect(styles.letterSpacing).toBe('normal');
  expect(styles.textTransform).toBe('none');
  expect(styles.buttonDisplay).not.toBe('none');
  await expect(cs.button('Continue')).toBeVisible();
  await expect(cs.heading()).toBeVisible();

  figure(
    `host learnt: contentDocument=null, 4 reads → SecurityError, 0 window properties, ${seen.keys.length} keys, ` +
      `${seen.inputs.length} input events, ${seen.messages.length} messages (types ${types.join('/')}; no answer text), ` +
      `${seen.mutations.length} DOM mutations (no answer text); hostile CSS reached nothing inside`,
  );
});
