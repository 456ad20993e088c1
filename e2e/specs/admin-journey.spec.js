// Issue 11's "Done when", as a new clinic web admin meets it: the release zip,
// unzipped and put on REAL nginx with the SHIPPED recipe (support/release.js,
// support/servers.js), then — in a browser, with nothing but the set-up page —
//
//   1. open /carestep-<version>/setup.html and fill in the form: the clinic's
//      name and phone, an IOP program (name, button, link), a crisis line with
//      a phone, a colour;
//   2. press "Check my hosting": every finding is OK on nginx with the recipe;
//   3. copy the iframe snippet into a plain page of the site (doctype, title,
//      h1, the snippet: what a CMS's HTML block holds);
//   4. open that page as a visitor: the start screen names the clinic, the
//      admin's crisis line is on every screen of a journey to an IOP result,
//      the level is what `carestep score` says, and the result offers the
//      admin's program with its button.
//
// The whole admin journey is timed and reported in the run's summary.
//
// And "Check my hosting" against a server that is NOT set up right: nginx with
// the recipe minus one header (Access-Control-Allow-Origin, the .wasm type,
// Cache-Control) must answer with one finding (a Problem; for caching, a
// "Could be better") naming what is missing and quoting the shipped recipe's
// lines that add it — so every recipe line the page quotes is held to be in
// the recipes (setup/src/hosting.rs FIX_*).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney } from '../support/journey.js';
import { release } from '../support/release.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { makeSite, startServer, RECIPE } from '../support/servers.js';
import { SetupPage } from '../support/setup-page.js';

const CLINIC = { name: 'Juniper Valley Counseling Center', phone: '(541) 555-0170' };
const IOP = {
  name: 'Juniper Valley Evening IOP',
  label: 'Ask for an IOP assessment',
  url: 'https://juniper-valley.example/iop',
};
const LINE = { label: 'Juniper Valley after-hours line', phone: '(541) 555-0199' };
const COLOUR = '#1f5e59';

/** The page the admin makes for the snippet: the least a CMS page holds. */
function clinicPage(snippet) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Self-check · ${CLINIC.name}</title>
</head>
<body>
  <h1>Which kind of care might fit you?</h1>
${snippet}
</body>
</html>
`;
}

/**
 * The widget, with a check run on every screen it steps to (every journey
 * step of support/journey.js goes through `step`).
 */
class WatchedCareStep extends CareStep {
  constructor(page, scope, mode, onScreen) {
    super(page, scope, mode);
    this.onScreen = onScreen;
    this.screens = 0;
  }

  async step(action, before = null) {
    const heading = await super.step(action, before);
    await this.onScreen(this, heading);
    this.screens += 1;
    return heading;
  }
}

/** The admin's crisis line is in the widget's crisis bar, with its phone as a link. */
async function expectCrisisLine(cs, heading) {
  const line = cs.scope.getByText(`${LINE.label}:`);
  await expect(line, `the crisis line on "${heading}"`).toBeVisible();
  await expect(cs.scope.getByRole('link', { name: `Call ${LINE.phone}`, exact: true }), `its phone on "${heading}"`).toBeVisible();
}

/** Every line of a shipped recipe file, trimmed. */
async function recipeLines(dir, kind) {
  const text = await readFile(path.join(dir, 'hosting', RECIPE[kind]), 'utf8');
  return new Set(text.split('\n').map((l) => l.trim()).filter(Boolean));
}

test.describe('a new clinic web admin, on nginx with the shipped recipe', () => {
  let rel;
  let site;
  let server;
  test.beforeAll(async () => {
    rel = await release();
    site = await makeSite(rel);
    server = await startServer('nginx', site, { recipesDir: path.join(rel.dir, 'hosting') });
  });
  test.afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  test('setup.html → form → "Check my hosting" all OK → snippet on a plain page → a visitor reaches the IOP result with the admin\'s program', async ({
    page,
  }, testInfo) => {
    const started = Date.now();
    const lap = {};

    // 1. The set-up page, from the uploaded folder.
    const setup = new SetupPage(page);
    await setup.open(`${server.url}${site.folder}setup.html`);
    lap.open = Date.now() - started;
    await setup.field('clinic.name').fill(CLINIC.name);
    await setup.field('clinic.phone').fill(CLINIC.phone);
    await setup.field('programs.iop.offered').check();
    await setup.field('programs.iop.name').fill(IOP.name);
    await setup.field('programs.iop.cta.label').fill(IOP.label);
    await setup.field('programs.iop.cta.url').fill(IOP.url);
    await setup.field('crisis.lines.0.label').fill(LINE.label);
    await setup.field('crisis.lines.0.phone').fill(LINE.phone);
    await setup.field('theme.primary').fill(COLOUR);
    await expect(setup.summary(), 'no problem with the configuration').toHaveCount(0);
    // What the admin sees before copying: their program in the preview.
    await setup.showScene('Result: IOP');
    await expect(setup.preview().getByTestId('clinic-offer')).toContainText(IOP.name);
    lap.form = Date.now() - started;

    // 2. Check my hosting: nginx with the recipe is right on every count.
    const findings = await setup.checkHosting();
    expect(findings.length, 'findings').toBeGreaterThanOrEqual(4);
    expect(
      findings.filter((f) => f.status !== 'ok').map((f) => f.text),
      'findings other than OK on nginx with the shipped recipe',
    ).toEqual([]);
    for (const f of findings) expect(f.text).toMatch(/^OK: /);
    lap.hosting = Date.now() - started;

    // 3. The snippet, for this folder (the default base URL), on a plain page.
    await expect(page.locator('#f-base')).toHaveValue(`${server.url}${site.folder}`);
    const snippet = await setup.output('out-iframe').inputValue();
    await writeFile(path.join(site.root, 'self-check.html'), clinicPage(snippet), { mode: 0o644 });
    await writeFile(testInfo.outputPath('self-check.html'), clinicPage(snippet));
    lap.snippet = Date.now() - started;

    // 4. A visitor on that page.
    await page.goto(`${server.url}/self-check.html`);
    const cs = new WatchedCareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe', expectCrisisLine);
    await cs.ready();
    await expect(cs.scope.getByText(`To talk to someone at ${CLINIC.name}, call`), 'the start screen names the clinic').toBeVisible();
    await expectCrisisLine(cs, 'start');
    const run = await completeJourney(cs, BY_LEVEL.iop);
    expect(run.stoppedAt).toBe('result');
    const engine = await score(run.given, testInfo.outputPath('answers.json'));
    expect(await cs.level(), 'the level shown = carestep score').toBe(engine.level);
    expect(engine.level, 'the scenario reaches the level the admin offers a program at').toBe('iop');
    const offer = cs.scope.getByTestId('clinic-offer');
    await expect(offer).toContainText(`${CLINIC.name} offers this level of care: ${IOP.name}.`);
    const cta = offer.getByRole('link', { name: IOP.label, exact: true });
    await expect(cta).toBeVisible();
    await expect(cta).toHaveAttribute('href', IOP.url);
    const total = Date.now() - started;

    const timing =
      `admin journey ${(total / 1000).toFixed(1)} s: set-up page ready ${(lap.open / 1000).toFixed(1)} s, ` +
      `form filled ${(lap.form / 1000).toFixed(1)} s, hosting checked ${(lap.hosting / 1000).toFixed(1)} s, ` +
      `snippet on the page ${(lap.snippet / 1000).toFixed(1)} s, visitor at the IOP result ${(total / 1000).toFixed(1)} s`;
    console.log(`admin-journey: ${timing}`);
    figure(
      `nginx + recipe: ${findings.length} hosting findings, all OK; snippet (${snippet.length} chars) on a plain page; ` +
        `crisis line on all ${cs.screens + 1} screens; ${run.order.length} questions → ${engine.level} (= carestep score) with "${IOP.name}" and "${IOP.label}"; ${timing}`,
    );
  });
});

test.describe('"Check my hosting" on nginx with the recipe minus one header', () => {
  let rel;
  let site;
  const servers = [];
  test.beforeAll(async () => {
    rel = await release();
    site = await makeSite(rel);
  });
  test.afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await site?.remove();
  });

  // Each header the hosting check reads, removed from the recipe: a Problem
  // where visitors would lose the self-check, a "Could be better" for caching.
  const CASES = [
    { without: 'Access-Control-Allow-Origin', status: 'fail', word: 'Problem', says: /Access-Control-Allow-Origin/, nginx: /^add_header Access-Control-Allow-Origin / },
    { without: 'Content-Type', status: 'fail', word: 'Problem', says: /application\/wasm/, nginx: /application\/wasm/ },
    { without: 'Cache-Control', status: 'warn', word: 'Could be better', says: /Cache-Control/, nginx: /^add_header Cache-Control / },
  ];
  for (const { without, status, word, says, nginx } of CASES) {
    test(`without ${without}: one "${word}" naming it, with the shipped recipe's lines`, async ({ page }) => {
      const server = await startServer('nginx', site, { recipesDir: path.join(rel.dir, 'hosting'), without });
      servers.push(server);
      const setup = new SetupPage(page);
      // Without CORS the sandboxed preview cannot load its WebAssembly: the page says so.
      await setup.open(`${server.url}${site.folder}setup.html`, { preview: without !== 'Access-Control-Allow-Origin' });
      if (without === 'Access-Control-Allow-Origin') {
        await expect(setup.previewSection().getByRole('alert')).toContainText('The preview could not start');
      }

      const findings = await setup.checkHosting();
      const flagged = findings.filter((f) => f.status !== 'ok');
      expect(flagged.map((f) => f.text), `exactly one finding other than OK`).toHaveLength(1);
      const [finding] = flagged;
      expect(finding.status).toBe(status);
      expect(finding.text.startsWith(`${word}: `), finding.text).toBe(true);
      // The finding's own sentence names the header that is missing.
      expect(finding.line).toMatch(says);
      expect.soft(finding.line, `the finding names the ${without} header`).toContain(without);
      // It quotes the recipe lines that add it, each a line of the recipe shipped in the zip.
      expect(finding.recipe, 'nginx, Apache and Caddy lines').toHaveLength(3);
      expect(finding.recipe[0]).toMatch(nginx);
      const kinds = ['nginx', 'apache2', 'caddy'];
      for (const [i, quoted] of finding.recipe.entries()) {
        expect([...(await recipeLines(rel.dir, kinds[i]))], `"${quoted}" is a line of hosting/${RECIPE[kinds[i]]}`).toContain(quoted);
      }
      figure(`nginx without ${without}: "${finding.line}" — quotes ${finding.recipe.map((r) => `«${r}»`).join(', ')}`);
    });
  }
});
