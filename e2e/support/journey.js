// Drives the real UI through a scenario and records exactly what was entered,
// so the level the widget shows can be compared with `carestep score` on the
// same answers. The questionnaire (item text → id, option labels → codes)
// comes from the engine's own `carestep questions`, never from a copy here.
import { expect } from '@playwright/test';
import { questions } from './engine.js';

let cached = null;

/** The engine's questionnaire, indexed for the driver. */
export async function questionnaire() {
  if (!cached) {
    // "all" has every licensed module but, as in a deployment, the C-SSRS
    // replaces the ASQ; "default" has the ASQ. Together: every item.
    const lists = await Promise.all(['default', 'all'].map((m) => questions(m)));
    const items = [];
    for (const raw of lists) {
      const list = Array.isArray(raw) ? raw : raw.items;
      if (!Array.isArray(list)) throw new Error('`carestep questions` printed no item list');
      for (const item of list) if (!items.some((i) => i.id === item.id)) items.push(item);
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    const norm = (s) => s.replace(/\s+/g, ' ').trim();
    cached = {
      items,
      byId,
      /** The item whose verbatim text is the heading (or, failing that, the longest text inside it). */
      byHeading(heading) {
        const h = norm(heading);
        const exact = items.filter((item) => norm(item.text) === h);
        if (exact.length === 1) return exact[0];
        const inside = items.filter((item) => h.includes(norm(item.text))).sort((a, b) => b.text.length - a.text.length);
        return inside[0] ?? null;
      },
      /** The verbatim label of `code` for a choice item. */
      label(id, code) {
        const item = byId.get(id);
        const choice = item?.answer?.choices?.find((c) => c.code === code);
        if (!choice) throw new Error(`${id} has no option with code ${code}`);
        return choice.label;
      },
    };
  }
  return cached;
}

/**
 * Answers the questions on screen until the check page, the result or the
 * crisis screen, taking each answer from `answers` ({id: code | "declined"})
 * and `fill` for items the scenario does not mention (0 = the least severe
 * option of every item; for ctx.adult, 0 = "Yes", an adult). With
 * `fill: null` every question asked must be in `answers`.
 *
 * Returns `{ given, order, stoppedAt }`: the answers entered (what the tool
 * is given), the ids in the order they were asked, and the screen reached.
 */
export async function answerUntilDone(cs, answers, { fill = 0, given = {}, order = [] } = {}) {
  const q = await questionnaire();
  let heading = await cs.headingText();
  for (let guard = 0; guard < 200; guard += 1) {
    const screen = await cs.screen();
    if (screen !== 'question') return { given, order, stoppedAt: screen };
    const item = q.byHeading(heading);
    if (!item) throw new Error(`no engine item has the heading "${heading}"`);
    const value = Object.hasOwn(answers, item.id) ? answers[item.id] : fill;
    if (value === null || value === undefined) throw new Error(`the UI asked ${item.id}, which the scenario does not answer`);
    await answerItem(cs, q, item, value);
    given[item.id] = value;
    order.push(item.id);
    const button = value === 'declined' ? 'Skip this question' : 'Continue';
    heading = await cs.step(() => cs.button(button).click(), heading);
  }
  throw new Error('more than 200 screens: the flow does not end');
}

/** Selects (or types) `value` for `item` on the current screen, without moving on. */
export async function answerItem(cs, q, item, value) {
  if (value === 'declined') return;
  if (item.answer.type === 'count') {
    await cs.number().fill(String(value));
    await expect(cs.number()).toHaveValue(String(value));
  } else {
    // check() clicks, then fails unless the radio is checked.
    await cs.radio(q.label(item.id, value)).check();
  }
}

/** From the start screen: Start, every question, then the check page → result. */
export async function completeJourney(cs, answers, options = {}) {
  await cs.start();
  const run = await answerUntilDone(cs, answers, options);
  if (run.stoppedAt === 'check') {
    await cs.seeResult();
    run.stoppedAt = await cs.screen();
  }
  return run;
}
