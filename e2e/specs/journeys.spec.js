// Journeys (issue 4 §2a): scripted visitors through the real UI of the
// standalone page. For each, the level the widget shows (data-level) must be
// what `carestep score` says for exactly the answers that were entered — the
// suite holds no expected level of its own. Crisis journeys also check that
// the crisis screen replaces the flow right after the answer that fires it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { answerUntilDone, completeJourney, questionnaire, answerItem } from '../support/journey.js';
import { REPO_DIR } from '../support/server.js';
import { BY_LEVEL, phq9All } from '../support/scenarios.js';

// Each scenario names the answers that matter; every other question is
// answered with its least severe option (code 0). `why` says what it covers.
const SCENARIOS = [
  { name: 'self-care: nothing of note', why: 'level self_care', answers: BY_LEVEL.self_care },
  {
    name: 'self-care: mild depression and anxiety',
    why: 'mild bands do not raise the level',
    answers: { 'phq9.1': 1, 'phq9.2': 1, 'phq9.3': 1, 'phq9.4': 1, 'phq9.10': 1, 'gad7.1': 1, 'gad7.2': 2, 'gad7.4': 2 },
  },
  {
    name: 'outpatient: moderate depression',
    why: 'level outpatient (O1)',
    answers: BY_LEVEL.outpatient,
  },
  {
    name: 'iop: severe symptoms, very difficult to function',
    why: 'level iop (I1)',
    answers: BY_LEVEL.iop,
  },
  {
    name: 'iop: heavy drinking on AUDIT-C alone',
    why: 'level iop (I7, AUDIT-C only ≥ 10)',
    answers: { 'audit.1': 4, 'audit.2': 4, 'audit.3': 4 },
  },
  {
    name: 'php: severe symptoms, extremely difficult to function',
    why: 'level php (P1)',
    answers: BY_LEVEL.php,
  },
  {
    name: 'php: iop stepped up by no one to count on',
    why: 'environmental step-up E1',
    answers: { ...phq9All(2), 'phq9.9': 0, 'phq9.10': 2, 'ctx.support': 2 },
  },
  {
    name: 'inpatient: complicated withdrawal',
    why: 'level inpatient (H1)',
    answers: BY_LEVEL.inpatient,
  },
  {
    name: 'out of scope: under 18',
    why: 'level out_of_scope (G1), ends at the gate',
    answers: BY_LEVEL.out_of_scope,
  },
  {
    name: 'counted drug use (number input)',
    why: 'the count question; NIDA positive sets no level',
    answers: { 'nida_sq.1': 12 },
  },
  {
    name: 'declined answers',
    why: 'Skip this question: two PHQ-9 items (no total), a suicide-screen item (O12), optional ctx.sex',
    answers: { 'phq9.1': 'declined', 'phq9.2': 'declined', 'phq9.3': 2, 'asq.1': 'declined', 'ctx.sex': 'declined' },
  },
];

const CRISES = [
  { rule: 'C1', why: 'ctx.emergency = yes', trigger: 'ctx.emergency', answers: { 'ctx.emergency': 1 } },
  { rule: 'C4', why: 'asq.5 = yes', trigger: 'asq.5', answers: { 'asq.1': 1, 'asq.5': 1 } },
  { rule: 'C5', why: 'ctx.harm_others = 2', trigger: 'ctx.harm_others', answers: { 'ctx.harm_others': 2 } },
  { rule: 'C6', why: 'asq.4 = yes and ctx.attempt_3m = yes', trigger: 'ctx.attempt_3m', answers: { 'asq.4': 1, 'ctx.attempt_3m': 1 } },
];

/**
 * The engine's vignettes (engine/tests/vignettes/*.json) that a visitor can
 * enter: default deployment and `flow: true`, i.e. the answers are exactly
 * what the questionnaire asks (the engine's own test checks that with path()).
 */
function enterableVignettes() {
  const dir = path.join(REPO_DIR, 'engine', 'tests', 'vignettes');
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files
    .map((file) => ({ file, ...JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }))
    .filter((v) => v.modules === 'default' && v.flow === true);
}

async function expectShownLevelIsEngineLevel(cs, given, testInfo) {
  await expect(cs.result()).toBeVisible();
  const shown = await cs.level();
  const engine = await score(given, testInfo.outputPath('answers.json'));
  expect(shown, `data-level vs carestep score (${JSON.stringify(given)})`).toBe(engine.level);
  return engine;
}

test.describe('journeys through the standalone page', () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.name} — ${scenario.why}`, async ({ page }, testInfo) => {
      const cs = await CareStep.standalone(page);
      await cs.ready();
      const run = await completeJourney(cs, scenario.answers);
      expect(run.stoppedAt).toBe('result');
      // Every answer the scenario names was really asked and entered.
      for (const [id, value] of Object.entries(scenario.answers)) expect(run.given[id], id).toBe(value);
      const engine = await expectShownLevelIsEngineLevel(cs, run.given, testInfo);
      figure(`${run.order.length} questions → ${engine.level} (${engine.rules_fired.join(', ') || 'no rule'})`);
    });
  }

  for (const crisis of CRISES) {
    test(`crisis ${crisis.rule}: ${crisis.why} — the crisis screen follows that answer at once`, async ({ page }, testInfo) => {
      const cs = await CareStep.standalone(page);
      await cs.ready();
      const run = await completeJourney(cs, crisis.answers);
      expect(run.stoppedAt).toBe('result');
      expect(await cs.level()).toBe('crisis_now');
      // The last question asked was the trigger: nothing came between it and the crisis screen.
      expect(run.order.at(-1)).toBe(crisis.trigger);
      const engine = await expectShownLevelIsEngineLevel(cs, run.given, testInfo);
      expect(engine.rules_fired).toContain(crisis.rule);
      // Without that last answer the engine sees no crisis: that answer fired it.
      const before = { ...run.given };
      delete before[crisis.trigger];
      const earlier = await score(before, testInfo.outputPath('before-trigger.json'));
      expect(earlier.level).not.toBe('crisis_now');
      // The crisis screen gives the numbers to call.
      await expect(cs.result()).toContainText('988');
      await expect(cs.result()).toContainText('911');
      figure(`${crisis.rule}: crisis screen right after ${crisis.trigger} (question ${run.order.length})`);
    });
  }

  test('back and change: Back keeps answers, Change returns to the check page', async ({ page }, testInfo) => {
    const q = await questionnaire();
    const cs = await CareStep.standalone(page);
    await cs.ready();
    await cs.start();
    const answers = { ...phq9All(2), 'phq9.9': 0, 'phq9.10': 2 };
    // Answer with 0 up to phq9.1, choose "Nearly every day", go on, then come Back.
    let heading = await cs.headingText();
    const given = {};
    while (q.byHeading(heading)?.id !== 'phq9.1') {
      const item = q.byHeading(heading);
      await answerItem(cs, q, item, 0);
      given[item.id] = 0;
      heading = await cs.continue();
    }
    await answerItem(cs, q, q.byId.get('phq9.1'), 3);
    await cs.continue();
    await cs.back();
    expect(q.byHeading(await cs.headingText())?.id).toBe('phq9.1');
    await expect(cs.radio(q.label('phq9.1', 3))).toBeChecked();
    await answerItem(cs, q, q.byId.get('phq9.1'), 2);
    given['phq9.1'] = 2;
    await cs.continue();
    const run = await answerUntilDone(cs, answers, { given });
    expect(run.stoppedAt).toBe('check');

    // Check page: raise phq9.10 from "Very difficult" to "Extremely difficult".
    const before = await score(run.given, testInfo.outputPath('before-change.json'));
    const phq910 = q.byId.get('phq9.10');
    const change = cs.changeControls().filter({ hasText: phq910.text.slice(0, 40) });
    await expect(change).toHaveCount(1);
    await cs.step(() => change.click());
    expect(q.byHeading(await cs.headingText())?.id).toBe('phq9.10');
    await expect(cs.radio(q.label('phq9.10', 2))).toBeChecked();
    await answerItem(cs, q, phq910, 3);
    run.given['phq9.10'] = 3;
    await cs.continue();
    expect(await cs.screen()).toBe('check');
    await cs.seeResult();
    const after = await expectShownLevelIsEngineLevel(cs, run.given, testInfo);
    expect(after.level).not.toBe(before.level);
    figure(`change phq9.10 2→3 on the check page: ${before.level} → ${after.level}`);
  });

  test('check your answers lists every answer with a Change control', async ({ page }, testInfo) => {
    const q = await questionnaire();
    const cs = await CareStep.standalone(page);
    await cs.ready();
    await cs.start();
    const run = await answerUntilDone(cs, { 'phq9.4': 1, 'gad7.3': 2, 'nida_sq.1': 3, 'ctx.attend': 1 });
    expect(run.stoppedAt).toBe('check');
    await expect(cs.changeControls()).toHaveCount(run.order.length);
    for (const id of run.order) {
      const text = q.byId.get(id).text;
      await expect(cs.changeControls().filter({ hasText: text.slice(0, 40) }), `Change control for ${id}`).not.toHaveCount(0);
    }
    await cs.seeResult();
    await expectShownLevelIsEngineLevel(cs, run.given, testInfo);
    figure(`${run.order.length} answers listed, ${run.order.length} Change controls`);
  });

  for (const vignette of enterableVignettes()) {
    test(`engine vignette ${vignette.file}: ${vignette.name}`, async ({ page }, testInfo) => {
      const cs = await CareStep.standalone(page);
      await cs.ready();
      const run = await completeJourney(cs, vignette.answers, { fill: null });
      expect(run.stoppedAt).toBe('result');
      // The UI asked exactly the vignette's questions, and took exactly its answers.
      expect(run.given).toEqual(vignette.answers);
      const engine = await expectShownLevelIsEngineLevel(cs, run.given, testInfo);
      expect(engine.level).toBe(vignette.expect.level);
      figure(`${vignette.file}: ${run.order.length} questions → ${engine.level}`);
    });
  }
});
