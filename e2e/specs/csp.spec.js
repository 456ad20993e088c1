// Strict Content-Security-Policy (issue 4 §2d): the standalone page and the
// host pages (iframe and inline) are served with the policy of product.md as
// an HTTP header; a complete journey in each raises zero
// `securitypolicyviolation` events, in any frame. A first test proves the
// listener does catch a violation, so a zero means something.
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney } from '../support/journey.js';
import { STRICT_CSP } from '../support/server.js';

/** Collects violations from every frame (init scripts run in each, sandboxed ones too). */
async function watchViolations(page) {
  const violations = [];
  await page.exposeBinding('__carestepCspViolation', ({ frame }, v) => violations.push({ frame: frame.url(), ...v }));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__carestepCspViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    });
  });
  // Chromium also logs each refusal on the console: a second witness.
  const consoleRefusals = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) consoleRefusals.push(m.text());
  });
  // Every HTML document loaded, with the policy header it came with.
  const documents = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'document') documents.push({ url: r.url(), csp: (await r.allHeaders())['content-security-policy'] });
  });
  return { violations, consoleRefusals, documents };
}

test('the violation listener works (positive control)', async ({ page }) => {
  const watch = await watchViolations(page);
  const response = await page.goto('/csp/carestep/index.html');
  expect(response.headers()['content-security-policy']).toBe(STRICT_CSP);
  // An inline <style> is exactly what the policy forbids.
  await page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'p { color: red }';
    document.head.append(style);
  });
  await expect.poll(() => watch.violations.length).toBeGreaterThan(0);
  expect(watch.violations[0].directive).toBe('style-src-elem');
});

for (const mode of ['standalone', 'iframe', 'inline']) {
  test(`${mode}: a complete journey under the strict policy raises no violation`, async ({ page }, testInfo) => {
    const watch = await watchViolations(page);
    const cs = await CareStep[mode](page, { csp: true });
    await cs.ready();
    const run = await completeJourney(cs, { 'phq9.1': 3, 'phq9.2': 2, 'phq9.10': 2, 'gad7.2': 3, 'nida_sq.1': 2 });
    expect(run.stoppedAt).toBe('result');
    const engine = await score(run.given, testInfo.outputPath('answers.json'));
    expect(await cs.level()).toBe(engine.level);
    // The policy really was in force on every document (the page and its frame).
    expect(watch.documents.length).toBeGreaterThanOrEqual(mode === 'iframe' ? 2 : 1);
    for (const doc of watch.documents) expect(doc.csp, doc.url).toBe(STRICT_CSP);
    expect(watch.violations, 'securitypolicyviolation events').toEqual([]);
    expect(watch.consoleRefusals, 'CSP refusals on the console').toEqual([]);
    figure(`${mode}: 0 violations over ${run.order.length} questions; ${watch.documents.length} document(s), each with the policy header`);
  });
}
