// Screenshots (issue 4 §2h): start, a question, the crisis screen and a
// result (plus both embeddings on a hostile page), at 320 px and 1280 px wide, written to artifacts/screenshots/ at the
// repository root (gitignored) for a person to look at. Each is also checked
// to be the screen it claims to be, so a broken screen cannot pass as a picture.
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { answerItem, completeJourney, questionnaire } from '../support/journey.js';
import { REPO_DIR } from '../support/server.js';
import { BY_LEVEL } from '../support/scenarios.js';

const SCREENSHOT_DIR = path.join(REPO_DIR, 'artifacts', 'screenshots');

for (const width of [320, 1280]) {
  test(`screenshots at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width === 320 ? 640 : 900 });
    const shots = [];
    const shoot = async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      shots.push(path.relative(REPO_DIR, file));
    };
    const q = await questionnaire();

    let cs = await CareStep.standalone(page);
    await cs.ready();
    await expect(cs.button('Start')).toBeVisible();
    await shoot('start');

    await cs.start();
    for (const id of ['ctx.adult', 'ctx.emergency']) {
      await answerItem(cs, q, q.byId.get(id), 0);
      await cs.continue();
    }
    expect(q.byHeading(await cs.headingText())?.id).toBe('phq9.1');
    await answerItem(cs, q, q.byId.get('phq9.1'), 2);
    await shoot('question');

    cs = await CareStep.standalone(page);
    await cs.ready();
    await completeJourney(cs, BY_LEVEL.crisis_now);
    expect(await cs.level()).toBe('crisis_now');
    await shoot('crisis');

    cs = await CareStep.standalone(page);
    await cs.ready();
    await completeJourney(cs, BY_LEVEL.iop);
    expect(await cs.level()).toBe('iop');
    await shoot('result-iop');

    // The two embeddings, on a hostile clinic page (its CSS must not reach the widget).
    for (const mode of ['iframe', 'inline']) {
      cs = await CareStep[mode](page, { hostile: true });
      await cs.ready();
      await cs.start();
      await answerItem(cs, q, q.byId.get('ctx.adult'), 0);
      await shoot(`${mode}-hostile-host`);
    }
    figure(`${width} px: ${shots.join(', ')}`);
  });
}
