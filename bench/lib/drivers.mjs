// How the benchmark answers each page: every question with its first option,
// then on to the result. Each driver waits on conditions (locators, DOM
// mutations), never on timers, and checks that what it did took effect, so a
// page that silently ignores a click fails the run instead of producing a
// fast, wrong number.

import { deadline } from "./deadline.mjs";

/** How long one screen may take to follow a click before the run fails. */
const STEP_MS = 15_000;

/** Thrown when a page does not behave as the driver expects. */
export class DriverError extends Error {}

/**
 * SurveyJS: on each page click the first option (code 0) of every question (its label:
 * the input itself is visually hidden by the theme), check that every question
 * now has an answer, press "Next" (then "Complete" on the last page) and wait
 * for the completion page. Returns `{ answers, clicks, level }`.
 */
export async function answerSurveyJs(page) {
  const pages = [
    { first: "phq9_1", questions: 10, button: "Next" },
    { first: "gad7_1", questions: 7, button: "Complete" },
  ];
  let answers = 0;
  let clicks = 0;
  for (const step of pages) {
    await page.locator(`[data-name="${step.first}"] input[type="radio"]`).first().waitFor({ state: "attached" });
    const names = await page.locator("[data-name]").evaluateAll((els) => els.map((el) => el.getAttribute("data-name")));
    if (names.length !== step.questions) {
      throw new DriverError(`SurveyJS page starting at ${step.first}: expected ${step.questions} questions, found ${names.length}`);
    }
    for (const name of names) {
      await page.locator(`[data-name="${name}"] label`).first().click();
      clicks += 1;
    }
    const checked = await page.locator('[data-name] input[type="radio"][value="0"]:checked').count();
    if (checked !== names.length) {
      throw new DriverError(`SurveyJS: ${checked} of ${names.length} questions took the first option`);
    }
    answers += names.length;
    await page.getByRole("button", { name: step.button, exact: true }).click();
    clicks += 1;
  }
  await page.locator(".sd-completedpage").waitFor();
  const text = await page.locator(".sd-completedpage").innerText();
  if (!/PHQ-9 total: 0/.test(text) || !/GAD-7 total: 0/.test(text)) {
    throw new DriverError(`SurveyJS completion page does not show the expected totals: ${JSON.stringify(text)}`);
  }
  return { answers, clicks, level: "completed" };
}

/**
 * Reads the current CareStep screen once the heading differs from `previous`
 * (or a result is shown): `{ kind, heading }` with kind one of "radio",
 * "number", "check", "result", "error". Runs in the page; resolves on the DOM
 * mutation that brings the new screen.
 */
function nextCareStepScreen(previous) {
  const host = document.getElementById("carestep");
  const read = () => {
    const result = host.querySelector('[data-testid="result"]');
    const h1 = host.querySelector("h1");
    const heading = h1 ? h1.textContent.trim().replace(/\s+/g, " ") : "";
    if (result) return { kind: "result", heading, level: result.getAttribute("data-level") };
    const alert = host.querySelector('[role="alert"]');
    if (alert && /There is a problem/.test(alert.textContent)) return { kind: "error", heading: alert.textContent.trim() };
    if (heading === previous || heading === "") return null;
    const named = (name) =>
      [...host.querySelectorAll("button")].some((b) => (b.getAttribute("aria-label") || b.textContent).trim() === name);
    if (named("See my result")) return { kind: "check", heading };
    if (host.querySelector('input[type="number"]')) return { kind: "number", heading };
    if (host.querySelector('input[type="radio"]')) return { kind: "radio", heading };
    return null;
  };
  return new Promise((resolve) => {
    const now = read();
    if (now) return resolve(now);
    const observer = new MutationObserver(() => {
      const state = read();
      if (state) {
        observer.disconnect();
        resolve(state);
      }
    });
    observer.observe(host, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/**
 * CareStep: press Start, then on every question pick the radio whose value
 * (the engine's code) is 0 — the least severe answer — or type 0 into a
 * count, and press Continue, until the check page; press "See my result" and
 * wait for `[data-testid=result]`. Answers of 0 never fire a crisis rule, so
 * the run must end on a non-crisis result.
 * Returns `{ answers, clicks, level }`.
 */
export async function answerCareStep(page, { maxSteps = 200 } = {}) {
  const host = page.locator("#carestep");
  let clicks = 0;
  let answers = 0;
  let heading = await page.evaluate(() => {
    const h1 = document.querySelector("#carestep h1");
    return h1 ? h1.textContent.trim().replace(/\s+/g, " ") : "";
  });
  await host.getByRole("button", { name: "Start", exact: true }).click();
  clicks += 1;
  for (let step = 0; step < maxSteps; step += 1) {
    const screen = await deadline(page.evaluate(nextCareStepScreen, heading), STEP_MS, `the screen after "${heading}"`);
    switch (screen.kind) {
      case "radio": {
        // The option scored 0. It is the first option everywhere except the ASQ
        // items, which list "Yes" (1) before "No" (0) as the instrument does;
        // their first option would end the run on the crisis screen.
        const radio = host.locator('input[type="radio"][value="0"]');
        if ((await radio.count()) === 0) throw new DriverError(`CareStep: no option with value 0 at "${screen.heading}"`);
        await radio.first().check();
        clicks += 1;
        break;
      }
      case "number":
        await host.locator('input[type="number"]').first().fill("0");
        clicks += 1;
        break;
      case "check":
        await host.getByRole("button", { name: "See my result", exact: true }).click();
        clicks += 1;
        await host.locator('[data-testid="result"]').waitFor();
        heading = screen.heading;
        continue;
      case "result":
        if (screen.level === "crisis_now") {
          throw new DriverError(`CareStep ended on the crisis screen after ${answers} answers (at "${heading}")`);
        }
        return { answers, clicks, level: screen.level };
      case "error":
        throw new DriverError(`CareStep showed an error summary at "${heading}": ${screen.heading}`);
      default:
        throw new DriverError(`CareStep: unexpected screen ${JSON.stringify(screen)}`);
    }
    answers += 1;
    heading = screen.heading;
    await host.getByRole("button", { name: "Continue", exact: true }).click();
    clicks += 1;
  }
  throw new DriverError(`CareStep did not reach a result within ${maxSteps} screens`);
}
