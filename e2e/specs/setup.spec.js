// The set-up page (issue 11): `setup.html`, where a clinic's web admin — no
// developer — fills in a form for every configuration field, sees the real
// widget redraw in a sandboxed preview frame, gets every validator error on
// its field, opens a configuration they already have, copies the snippet and
// checks their hosting. Against the suite's own server (/carestep/setup.html).
//
// What this proves:
//   - axe-core finds nothing on the empty form, with errors, after opening a
//     broken file, with an IOP program ticked, with hosting findings, and in
//     the preview frame on every scene; every form control has a label.
//   - a keyboard alone fills a field, ticks a checkbox, switches the preview
//     and follows an error-summary link to its field.
//   - a hand-written configuration with six mistakes, pasted or opened as a
//     file: each of `carestep check-config`'s messages, word for word, on its
//     field and in the summary linking to that field; malformed JSON: one
//     message with line and column; a complete configuration
//     (schema/example.json) opens without error and comes back out unchanged.
//   - the preview shows the screen of each scene button, the admin's program
//     on the IOP result, and redraws while the admin types.
//   - privacy: nothing requested while the whole form is filled in, every
//     scene shown and every output copied; the hosting check asks for the
//     bundle's three files and nothing else; nothing stored, nothing in the URL.
//   - the iframe snippet: the configuration on one line, the loader's SRI
//     computed from dist/, the base URL the admin typed.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { test, expect, figure } from '../support/fixtures.js';
import { expectAccessible, WCAG_TAGS } from '../support/axe.js';
import { tabTo } from '../support/keyboard.js';
import { bundlePaths, expectNoRequestsSince, inMemory, recordNetwork, storageSnapshot } from '../support/network.js';
import { DIST_DIR, FIXTURES_DIR, REPO_DIR, startServer, sri } from '../support/server.js';
import {
  HOSTING_FILES,
  SCENES,
  SETUP_PATH,
  SetupPage,
  checkConfig,
  shiftTabTo,
  widgetWords,
} from '../support/setup-page.js';

const MISTAKES = path.join(FIXTURES_DIR, 'configs', 'setup-mistakes.json');
const MALFORMED = path.join(FIXTURES_DIR, 'configs', 'setup-malformed.json');

/**
 * Where each of setup-mistakes.json's errors belongs (validator path → the
 * form's field id). The IOP program is the file's SECOND program, so
 * programs[1] must land on the IOP fields; the unknown clinic.fax has no field
 * of its own and sits on the clinic's first field; a licensed module switched
 * on with `true` belongs on its switch.
 */
const PLACES = {
  'clinic.fax': 'f-clinic-name',
  'programs[1].name': 'f-programs-iop-name',
  'programs[1].cta.url': 'f-programs-iop-cta-url',
  'crisis.lines[0].phone': 'f-crisis-lines-0-phone',
  'theme.text': 'f-theme-text',
  'modules.dast10': 'f-modules-dast10-on',
};

/** axe on the preview frame's document only (the page around it is checked on its own). */
async function expectFrameAccessible(page, screen) {
  const results = await new AxeBuilder({ page }).include('iframe.setup-frame').withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`,
  );
  expect(found, `axe violations in the preview frame on "${screen}"`).toEqual([]);
  expect(results.passes.length, `axe checked something in the frame on "${screen}"`).toBeGreaterThan(0);
  return results;
}

/** Waits until the preview frame shows `scene` (its h1; a result's level). */
async function expectScene(setup, scene) {
  const words = await widgetWords();
  const frame = setup.preview();
  const h1 = frame.getByRole('heading', { level: 1 });
  if (scene.screen === 'start') await expect(h1).toHaveText(words.START_TITLE);
  if (scene.screen === 'question') await expect(h1).toHaveText(words.firstQuestion);
  if (scene.screen === 'crisis') await expect(h1).toHaveText(words.CRISIS_TITLE);
  if (scene.screen === 'result') {
    await expect(h1).toHaveText(words.RESULT_TITLE);
    await expect(frame.getByText(words.levelName[scene.level], { exact: true })).toBeVisible();
  }
  if (scene.level) await expect(frame.getByTestId('result')).toHaveAttribute('data-level', scene.level);
  await expect(frame.getByTestId('result')).toHaveCount(scene.level ? 1 : 0);
}

/** Ticks the IOP program and fills in its name, button and link. */
async function offerIop(setup, iop) {
  await setup.field('programs.iop.offered').check();
  await setup.field('programs.iop.name').fill(iop.name);
  await setup.field('programs.iop.cta.label').fill(iop.label);
  await setup.field('programs.iop.cta.url').fill(iop.url);
}

const IOP = {
  name: 'Riverbend Evening Intensive Outpatient Program',
  label: 'Request an IOP assessment',
  url: 'https://riverbend.example/iop/assessment',
};

test.beforeAll(async () => {
  try {
    await access(path.join(DIST_DIR, 'setup.html'));
  } catch {
    throw new Error(`${path.join(DIST_DIR, 'setup.html')} is missing: build both apps first (\`cargo xtask dist\`)`);
  }
});

test.describe('with the suite server', () => {
  let setup;
  test.beforeEach(async ({ page }) => {
    setup = new SetupPage(page);
    await setup.open(SETUP_PATH);
  });

  test('axe finds nothing: the empty form, an IOP program ticked, errors typed in, hosting findings', async ({ page }) => {
    const figures = [];
    const check = async (state) => {
      const r = await expectAccessible(page, state);
      figures.push(`${state} ${r.violations}`);
    };
    await check('empty form');

    await offerIop(setup, { name: '', label: '', url: '' });
    await expect(setup.field('programs.iop.name')).toBeVisible();
    await check('IOP ticked (its empty fields in error)');

    await setup.field('programs.iop.name').fill(IOP.name);
    await setup.field('programs.iop.cta.label').fill(IOP.label);
    await setup.field('programs.iop.cta.url').fill('javascript:alert(1)');
    await setup.field('crisis.lines.0.phone').fill('12');
    await setup.field('theme.primary').fill('#eeeeee');
    await expect(setup.summary().getByRole('link')).toHaveCount(4);
    await expect(setup.field('crisis.lines.0.phone')).toHaveAttribute('aria-invalid', 'true');
    await check('errors typed into the form');

    const findings = await setup.checkHosting();
    expect(findings.length).toBeGreaterThan(0);
    await check('hosting findings');
    figure(`set-up page, axe violations: ${figures.join(' · ')}`);
  });

  test('every form control has a label (every program, module and crisis line shown), found by it', async ({ page }) => {
    // Every control shown at once: every program ticked, every module on,
    // every crisis line row added. Each must have an accessible name that
    // Playwright's own accessible-name computation finds it by, and ids must
    // be unique (a duplicate id would give a label to the wrong control).
    for (const box of await page.locator('input[type="checkbox"]').all()) await box.check();
    const addLine = page.getByRole('button', { name: 'Add a crisis line' });
    while (await addLine.count()) await addLine.click();
    await expect(setup.field('crisis.lines.4.label')).toBeVisible();
    const controls = await page.locator('input, textarea, select').evaluateAll((nodes) =>
      nodes.map((el) => {
        const byIds = (ids) =>
          (ids ?? '')
            .split(/\s+/)
            .filter(Boolean)
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ');
        const name =
          byIds(el.getAttribute('aria-labelledby')) ||
          el.getAttribute('aria-label') ||
          [...(el.labels ?? [])].map((l) => l.textContent).join(' ');
        return { id: el.id, type: el.type, name: name.replace(/\s+/g, ' ').trim() };
      }),
    );
    expect(controls.length).toBeGreaterThan(60);
    const unnamed = controls.filter((c) => !c.name);
    expect(unnamed, 'form controls without a label').toEqual([]);
    const ids = controls.map((c) => c.id);
    expect(ids.filter((id, i) => !id || ids.indexOf(id) !== i), 'controls without an id, or with a duplicate one').toEqual([]);
    for (const c of controls) {
      const found = await page.getByLabel(c.name, { exact: true }).evaluateAll((els) => els.map((e) => e.id));
      expect(found, `"${c.name}" (#${c.id}) is found by its label`).toContain(c.id);
    }
    const types = {};
    for (const c of controls) types[c.type] = (types[c.type] ?? 0) + 1;
    figure(`set-up page: ${controls.length} form controls, all labelled (${Object.entries(types).map(([t, n]) => `${n} ${t}`).join(', ')})`);
  });

  test('keyboard only: type in a field, follow an error link, tick a program with Space, switch the preview with Enter', async ({ page }) => {
    let presses = 0;
    const tab = async (target) => (presses += await tabTo(page, target, { max: 80 }));
    const press = async (key) => {
      presses += 1;
      await page.keyboard.press(key);
    };

    // Tab to the clinic's name, type it, Tab on to the phone.
    const name = setup.field('clinic.name');
    await tab(name);
    await page.keyboard.type('Riverbend Community Mental Health');
    await expect(name).toHaveValue('Riverbend Community Mental Health');
    await press('Tab');
    const phone = setup.field('clinic.phone');
    await expect(phone).toBeFocused();

    // A phone number with too few digits: its error is in the summary; back up
    // to the summary's link and follow it with Enter: focus lands on the field.
    await page.keyboard.type('12');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    const link = setup.summary().locator('a[href="#f-clinic-phone"]');
    await expect(link).toHaveCount(1);
    presses += await shiftTabTo(page, link);
    await press('Enter');
    await expect(phone, 'Enter on the summary\'s link focuses the phone field').toBeFocused();
    expect(new URL(page.url()).hash, 'following a summary link leaves the URL alone').toBe('');
    await press('Backspace');
    await press('Backspace');
    await page.keyboard.type('(541) 555-0142');
    await expect(setup.summary()).toHaveCount(0);

    // Tick the IOP program with Space; Tab goes on into its fields.
    const iop = setup.field('programs.iop.offered');
    await tab(iop);
    await press('Space');
    await expect(iop).toBeChecked();
    for (const [field, value] of [['name', IOP.name], ['cta.label', IOP.label], ['cta.url', IOP.url]]) {
      await press('Tab');
      await expect(setup.field(`programs.iop.${field}`)).toBeFocused();
      await page.keyboard.type(value);
    }
    await expect(setup.summary()).toHaveCount(0);

    // The preview's scene buttons, with Enter; the preview never takes the focus.
    for (const label of ['Crisis screen', 'Result: IOP']) {
      const button = setup.sceneButton(label);
      await tab(button);
      await press('Enter');
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      await expectScene(setup, SCENES.find((s) => s.label === label));
      await expect(button, 'focus stays on the scene button').toBeFocused();
    }
    await expect(setup.preview().getByTestId('clinic-offer')).toContainText(IOP.name);
    figure(`keyboard only: 2 fields, 1 summary link, 1 checkbox, 3 program fields and 2 scenes with ${presses} key presses (Tab/Shift+Tab/Space/Enter/Backspace, plus typing)`);
  });

  for (const how of ['paste', 'file']) {
    test(`a configuration with six mistakes, opened by ${how}: each check-config message on its field and in the summary`, async ({ page }) => {
      const cli = await checkConfig(MISTAKES);
      expect(cli.ok).toBe(false);
      expect(cli.errors.map((e) => e.path).sort()).toEqual(Object.keys(PLACES).sort());

      if (how === 'paste') await setup.openPasted(await readFile(MISTAKES, 'utf8'));
      else await setup.openFile(MISTAKES);
      await expect(setup.openNote()).toContainText(how === 'paste' ? 'Opened the pasted configuration.' : 'Opened setup-mistakes.json.');
      // The unknown field is named as left out of the form.
      await expect(setup.openNote()).toContainText('clinic.fax');
      await expect(setup.summary()).toBeVisible();
      await expect(setup.summary(), 'Open moves focus to the error summary').toBeFocused();

      // The summary: one entry per message, in the tool's order and words, each linking to its field.
      const entries = await setup.summaryEntries();
      expect(entries.map((e) => e.text)).toEqual(cli.errors.map((e) => `${e.path}: ${e.text}`));
      expect(entries.map((e) => e.target)).toEqual(cli.errors.map((e) => PLACES[e.path]));

      // On each field: the message without its path, and the field marked invalid and described by it.
      for (const error of cli.errors) {
        const id = PLACES[error.path];
        const field = page.locator(`#${id}`);
        await expect(page.locator(`#${id}-error span`)).toHaveText([`Error: ${error.text}`]);
        // Soft: a missing aria-invalid is reported without hiding the checks after it (and,
        // drawn in the same pass as the error just found, it needs no long wait).
        await expect.soft(field, `#${id} is marked aria-invalid`).toHaveAttribute('aria-invalid', 'true', { timeout: 1000 });
        await expect(field).toHaveAttribute('aria-describedby', new RegExp(`(^| )${id}-error( |$)`));
      }
      const onFields = await setup.allFieldErrors();
      expect(onFields.length, 'no other field errors').toBe(cli.errors.length);

      // The form shows what was opened, mistakes included, so they can be fixed in place.
      await expect(setup.field('programs.iop.offered')).toBeChecked();
      await expect(setup.field('programs.iop.cta.url')).toHaveValue('javascript:alert(1)');
      await expect(setup.field('crisis.lines.0.phone')).toHaveValue('12');

      // Each summary link takes focus to its field.
      for (const error of cli.errors) {
        await setup.summary().locator(`a[href="#${PLACES[error.path]}"]`).click();
        await expect(page.locator(`#${PLACES[error.path]}`)).toBeFocused();
      }
      if (how === 'file') await expectAccessible(page, 'after opening a broken file');
      figure(`opened by ${how}: ${cli.count} check-config messages, each on its field and in the summary`);
    });
  }

  test('a complete configuration (schema/example.json), opened as a file: no error, and it comes back out unchanged', async ({ page }) => {
    const file = path.join(REPO_DIR, 'schema', 'example.json');
    const original = JSON.parse(await readFile(file, 'utf8'));
    expect((await checkConfig(file)).ok).toBe(true);
    await setup.openFile(file);
    await expect(setup.openNote()).toHaveText('Opened example.json.');
    await expect(setup.openNote(), 'with nothing to fix, focus goes to the note').toBeFocused();
    await expect(setup.summary()).toHaveCount(0);
    await expect(setup.field('programs.inpatient.cta.url')).toHaveValue(original.programs[4].cta.url);
    await expect(setup.field('modules.dast10.permission')).toHaveValue(original.modules.dast10.permission);
    const out = JSON.parse(await setup.output('out-config').inputValue());
    // Every section the clinic wrote, as it wrote it (the form leaves out only
    // what equals the defaults: locale "en", modules as they are by default).
    for (const key of ['clinic', 'programs', 'crisis', 'quick_exit_url', 'theme']) {
      expect(out[key], `${key} after the round trip`).toEqual(original[key]);
    }
    expect(out.modules?.dast10).toEqual(original.modules.dast10);
    const roundTrip = test.info().outputPath('round-trip.json');
    await writeFile(roundTrip, JSON.stringify(out, null, 2));
    const [before, after] = [await checkConfig(file), await checkConfig(roundTrip)];
    expect(after.line, 'check-config says the same of both').toBe(before.line);
    await expect(setup.preview().getByRole('heading', { level: 1 })).toHaveText((await widgetWords()).START_TITLE);
    await expect(setup.preview().getByText(`To talk to someone at ${original.clinic.name}, call`)).toBeVisible();
    figure(`schema/example.json opened and written back: ${before.line}`);
  });

  test('malformed JSON (a trailing comma), pasted and as a file: one message with its line and column', async ({ page }) => {
    const cli = await checkConfig(MALFORMED);
    expect(cli.count).toBe(1);
    expect(cli.errors[0].text).toMatch(/line \d+, column \d+/);
    for (const how of ['paste', 'file']) {
      if (how === 'paste') await setup.openPasted(await readFile(MALFORMED, 'utf8'));
      else await setup.openFile(MALFORMED);
      await expect(setup.openNote()).toContainText(how === 'paste' ? 'Could not read the pasted configuration' : 'Could not read setup-malformed.json');
      const entries = await setup.summaryEntries();
      expect(entries.map((e) => e.text), `${how}: the summary`).toEqual([cli.errors[0].text]);
      // No field to put it on: the link goes to the box the text was pasted into.
      expect(entries.map((e) => e.target)).toEqual(['f-open-text']);
      expect(await setup.allFieldErrors()).toEqual([]);
    }
    await expectAccessible(page, 'after opening a malformed file');
    figure(`malformed JSON: "${cli.errors[0].text}" (paste and file)`);
  });

  test('preview: each scene button shows its screen; the IOP result shows the admin\'s program; typing redraws it', async ({ page }) => {
    const words = await widgetWords();
    await setup.field('clinic.name').fill('Riverbend');
    await setup.field('clinic.phone').fill('(541) 555-0142');
    await offerIop(setup, IOP);
    await expect(setup.summary()).toHaveCount(0);
    const timings = [];
    for (const scene of SCENES) {
      await setup.showScene(scene.label);
      for (const other of SCENES.filter((s) => s !== scene)) {
        await expect(setup.sceneButton(other.label)).toHaveAttribute('aria-pressed', 'false');
      }
      await expectScene(setup, scene);
      await expectFrameAccessible(page, scene.label);
      timings.push(`${scene.label} ${await setup.previewSection().getAttribute('data-preview-ms')} ms`);
    }

    // The IOP result offers the admin's program, its button and link.
    await setup.showScene('Result: IOP');
    const offer = setup.preview().getByTestId('clinic-offer');
    await expect(offer).toContainText(IOP.name);
    const cta = offer.getByRole('link', { name: IOP.label, exact: true });
    await expect(cta).toBeVisible();
    await expect(cta).toHaveAttribute('href', IOP.url);
    // Another level's result does not (the program is offered at IOP only).
    await setup.showScene('Result: Outpatient');
    await expect(setup.preview().getByTestId('result')).toHaveAttribute('data-level', 'outpatient');
    await expect(setup.preview().getByTestId('clinic-offer')).toHaveCount(0);

    // Typing the clinic's name redraws the start screen, with no click: the
    // phone line names the clinic. (With the name empty the configuration is
    // broken — a clinic needs a name — and the preview shows the notice
    // visitors would see.)
    await setup.showScene('Start screen');
    await expectScene(setup, SCENES[0]);
    const name = setup.field('clinic.name');
    await name.fill('');
    await expect(setup.preview().getByText('To talk to someone at Riverbend, call')).toHaveCount(0);
    await name.focus();
    await name.pressSequentially('Riverbend', { delay: 20 });
    await expect(setup.preview().getByText('To talk to someone at Riverbend, call')).toBeVisible();
    await name.pressSequentially(' Clinic');
    await expect(setup.preview().getByText('To talk to someone at Riverbend Clinic, call')).toBeVisible();
    await expect(name, 'the admin keeps the focus while the preview redraws').toBeFocused();
    const ms = Number(await setup.previewSection().getAttribute('data-preview-ms'));
    expect(ms).toBeGreaterThanOrEqual(0);
    await expect(setup.preview().getByRole('heading', { level: 1 })).toHaveText(words.START_TITLE);
    figure(`preview: 8 scenes, each axe-clean in the frame; edit → redraw ${timings.join(', ')}; typing → ${ms} ms`);
  });

  test('the iframe snippet: the configuration on one line, the loader\'s SRI from dist/, the base URL typed', async ({ page }) => {
    await setup.field('clinic.name').fill('Riverbend & <Sons> Clinic');
    await setup.field('clinic.phone').fill('(541) 555-0142');
    await offerIop(setup, IOP);
    await setup.field('crisis.lines.0.label').fill('Riverbend after-hours line');
    await setup.field('crisis.lines.0.phone').fill('(541) 555-0199');
    await setup.field('theme.primary').fill('#1f5e59');
    // Default base URL: the folder setup.html came from.
    await expect(page.locator('#f-base')).toHaveValue(new URL('./', page.url()).href);
    const base = 'https://www.riverbend.example/carestep-test/';
    await page.locator('#f-base').fill(base.slice(0, -1)); // without the slash: the page adds it
    await expect(setup.summary()).toHaveCount(0);

    const config = JSON.parse(await setup.output('out-config').inputValue());
    expect(config.clinic.name).toBe('Riverbend & <Sons> Clinic');
    // The page's configuration passes the validator the widget runs.
    const file = test.info().outputPath('from-the-form.json');
    await writeFile(file, JSON.stringify(config, null, 2));
    expect((await checkConfig(file)).ok, 'carestep check-config accepts the form\'s configuration').toBe(true);

    const snippet = await setup.output('out-iframe').inputValue();
    const block = /<script type="application\/json" id="carestep-config">(.*?)<\/script>/s.exec(snippet);
    expect(block, 'the snippet has the configuration block').not.toBeNull();
    expect(block[1], 'the configuration is on one line').not.toMatch(/[\r\n]/);
    // The same configuration, less the "$schema" line (it is for editors of the file).
    const { $schema, ...withoutSchema } = config;
    expect(JSON.parse(block[1]), 'the block is the configuration').toEqual(withoutSchema);
    const loader = await readFile(path.join(DIST_DIR, 'embed', 'carestep-embed.js'));
    const script = new RegExp(`<script src="([^"]+)" integrity="([^"]+)" crossorigin="anonymous" defer></script>`).exec(snippet);
    expect(script, 'the snippet loads carestep-embed.js').not.toBeNull();
    expect(script[1]).toBe(`${base}embed/carestep-embed.js`);
    expect(script[2], 'the SRI of dist/embed/carestep-embed.js').toBe(sri(loader));
    // The placeholder shows the crisis numbers and the clinic's phone, escaped.
    expect(snippet).toContain('<a href="tel:988">988</a>');
    expect(snippet).toContain('Riverbend &amp; &lt;Sons&gt; Clinic');
    expect(snippet).toContain('(541) 555-0199');

    const inline = await setup.output('out-inline').inputValue();
    expect(inline).toContain(`src="${base}embed/carestep-inline.js" integrity="${sri(await readFile(path.join(DIST_DIR, 'embed', 'carestep-inline.js')))}"`);
    await expect(setup.output('out-csp')).toHaveValue(/script-src https:\/\/www\.riverbend\.example; frame-src https:\/\/www\.riverbend\.example;/);
    figure(`snippet: ${snippet.length} chars, configuration on 1 line (${block[1].length} chars), SRI ${script[2].slice(0, 19)}…`);
  });
});

test.describe('privacy', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  let server;
  test.beforeEach(async () => {
    server = await startServer();
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('after the preview said hello: nothing requested while filling, previewing, copying; hosting check reads only its 3 files; nothing stored', async ({ page }) => {
    const net = await recordNetwork(page);
    const setup = new SetupPage(page);
    await setup.open(server.url + SETUP_PATH);
    const atReady = net.mark();
    const serverAtReady = server.requests.length;
    const frame = setup.previewFrame();
    const first = { page: await storageSnapshot(page.mainFrame()), frame: await storageSnapshot(frame) };

    // The whole form.
    const filled = await fillEverything(page, setup);
    await expect(setup.summary(), 'the whole form, filled in, is a valid configuration').toHaveCount(0, { timeout: 1000 }).catch(async () => {
      expect(await setup.summaryEntries(), 'the whole form, filled in, is a valid configuration').toEqual([]);
    });
    // Every scene.
    for (const scene of SCENES) {
      await setup.showScene(scene.label);
      if (scene.level) await expect(setup.preview().getByTestId('result')).toHaveAttribute('data-level', scene.level);
      else await expect(setup.preview().getByTestId('result')).toHaveCount(0);
    }
    // Every output copied (to the clipboard, read back), and the download.
    for (const id of ['out-config', 'out-iframe', 'out-inline', 'out-csp']) {
      const block = page.locator('.setup-output').filter({ has: page.locator(`#${id}`) });
      await block.getByRole('button', { name: 'Copy', exact: true }).click();
      const text = await setup.output(id).inputValue();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { message: `Copy puts #${id} on the clipboard` }).toBe(text);
      await expect(page.getByText(`${await page.locator(`label[for="${id}"]`).textContent()} copied.`)).toBeAttached();
    }
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download carestep-config.json' }).click();
    const saved = await download;
    expect(saved.url()).toMatch(/^(blob|data):/);
    expect(JSON.parse(await readFile(await saved.path(), 'utf8'))).toEqual(JSON.parse(await setup.output('out-config').inputValue()));

    expectNoRequestsSince(net, atReady, 'after hello');
    expect(server.requests.slice(serverAtReady).map((r) => `${r.method} ${r.path}`), 'requests after hello (server log)').toEqual([]);

    // Check my hosting: the bundle's own three files, nothing else.
    const beforeCheck = net.mark();
    const serverBeforeCheck = server.requests.length;
    const findings = await setup.checkHosting();
    expect(findings.length).toBeGreaterThan(0);
    const wanted = HOSTING_FILES.map((f) => `/carestep/${f}`).sort();
    const checked = net.since(beforeCheck).requests.filter((r) => !inMemory(r));
    expect(checked.map((r) => new URL(r.url).pathname).sort(), 'the hosting check\'s requests (browser)').toEqual(wanted);
    expect(checked.every((r) => r.url.startsWith(server.url) && r.method === 'GET')).toBe(true);
    expect(server.requests.slice(serverBeforeCheck).map((r) => r.path).sort(), 'the hosting check\'s requests (server log)').toEqual(wanted);

    // Before hello: the bundle's own files only; never another host, never a cookie.
    const bundle = bundlePaths(DIST_DIR);
    expect(server.requests.slice(0, serverAtReady).filter((r) => !bundle.has(r.path)).map((r) => r.path)).toEqual([]);
    expect([...net.requests, ...net.cdpRequests].filter((r) => !r.url.startsWith(server.url) && !inMemory(r)).map((r) => r.url)).toEqual([]);
    expect(server.requests.filter((r) => r.method !== 'GET' || r.cookie).length, 'non-GET requests or cookies').toBe(0);
    expect(net.sockets, 'WebSockets').toEqual([]);
    expect(net.workers, 'service workers').toEqual([]);

    // Nothing kept, nothing in the URL: the page and the frame.
    const end = { page: await storageSnapshot(page.mainFrame()), frame: await storageSnapshot(frame) };
    const EMPTY = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDB: [], cacheStorage: [], serviceWorkers: 0 };
    for (const [where, snap] of [['page at hello', first.page], ['page at the end', end.page], ['frame at hello', first.frame], ['frame at the end', end.frame]]) {
      for (const [key, empty] of Object.entries(EMPTY)) {
        const value = snap[key];
        if (typeof value === 'string' && value.startsWith('blocked (')) continue;
        expect(value, `${where}: ${key}`).toEqual(empty);
      }
    }
    expect(end.frame.localStorage, 'the preview frame is an opaque origin').toMatch(/^blocked/);
    expect(await page.context().cookies()).toEqual([]);
    expect(end.page.url, 'the page\'s URL (and hash) never changes').toBe(server.url + SETUP_PATH);
    expect(end.page.historyLength).toBe(first.page.historyLength);
    expect(new URL(end.frame.url).pathname.endsWith('/preview.html') && !new URL(end.frame.url).search && !new URL(end.frame.url).hash).toBe(true);
    expect(end.frame.historyLength).toBe(first.frame.historyLength);

    figure(
      `set-up page: ${serverAtReady} requests until the preview said hello (bundle files); ` +
        `0 while filling ${filled} fields, showing ${SCENES.length} scenes and copying 4 outputs + 1 download; ` +
        `hosting check: ${checked.length} requests (${HOSTING_FILES.join(', ')}); nothing stored, URL unchanged`,
    );
  });
});

/**
 * Fills in every field of the form with valid values: the clinic, every
 * program (all seven fields), every crisis line row, quick exit, the theme,
 * and every module switched (licensed ones with a permission). Returns how
 * many fields and switches were set.
 */
async function fillEverything(page, setup) {
  let n = 0;
  const fill = async (formPath, value) => {
    await setup.field(formPath).fill(value);
    n += 1;
  };
  await fill('clinic.name', 'Riverbend Community Mental Health');
  await fill('clinic.phone', '(541) 555-0142');
  await fill('clinic.contact_url', 'https://riverbend.example/contact');
  for (const level of ['self_care', 'outpatient', 'iop', 'php', 'inpatient']) {
    await setup.field(`programs.${level}.offered`).check();
    n += 1;
    await fill(`programs.${level}.name`, `Riverbend ${level} program`);
    await fill(`programs.${level}.cta.label`, `Contact the ${level} team`);
    await fill(`programs.${level}.cta.url`, `https://riverbend.example/${level}`);
    await fill(`programs.${level}.schedule`, 'Mon, Tue, Thu 5:30–8:30 pm, in person or by video');
    await fill(`programs.${level}.therapies`, 'CBT\nDBT skills');
    await fill(`programs.${level}.credentials`, 'Licensed therapists (LCSW, LPC)');
    await fill(`programs.${level}.outcomes`, '8 in 10 finish the program');
  }
  const addLine = page.getByRole('button', { name: 'Add a crisis line' });
  while (await addLine.count()) await addLine.click();
  for (let i = 0; i < 5; i += 1) {
    await fill(`crisis.lines.${i}.label`, `Riverbend line ${i + 1}`);
    await fill(`crisis.lines.${i}.phone`, `(541) 555-01${90 + i}`);
    await fill(`crisis.lines.${i}.sms`, `(541) 555-01${80 + i}`);
    await fill(`crisis.lines.${i}.hours`, '24/7');
  }
  await fill('quick_exit_url', 'https://www.weather.gov/');
  await fill('theme.primary', '#1f5e59');
  await fill('theme.text', '#1b1b1b');
  await fill('theme.background', '#ffffff');
  await fill('theme.radius', '8px');
  await fill('theme.font', 'Georgia, serif');
  // Every module that is off by default goes on (a licensed one with its
  // permission); one that is on by default goes off. (The validator refuses
  // the AUDIT-C or the drug question off while the full AUDIT or the DAST-10,
  // which continue from them, are on.)
  for (const box of await page.locator('input[type="checkbox"][id^="f-modules-"]').all()) {
    if (await box.isChecked()) continue;
    await box.check();
    n += 1;
    const id = await box.getAttribute('id');
    const permission = page.locator(`#${id.replace(/-on$/, '-permission')}`);
    if (await permission.count()) {
      await permission.fill('Licence agreement of 3 March 2026, ref. 1234');
      n += 1;
    }
  }
  await setup.field('modules.trauma.on').uncheck();
  n += 1;
  return n;
}
