// The clinician page (issue 13 items 3 and 4): `clinician.html` reads a visitor's handoff
// code — typed, from a photo or screenshot of its QR code, or from the camera — and shows
// the full report, and downloads it as FHIR R4. Against the suite's own server
// (/carestep/clinician.html), each test with a server of its own so its log is a witness.
//
// What this proves:
//   - the whole path (issue 13 item 5): a visitor's journey in the widget ends on the IOP
//     result or the crisis screen, they open "Show a code for your clinician", and the code
//     they read out, a screenshot of their QR code and the camera pointed at it each give
//     the clinician page the report of `carestep score` for their answers;
//   - typed: every flow vignette's code from `carestep handoff encode`, typed in lower case
//     with spaces for dashes and O/L for 0/1, shows the level, the rules (in order), every
//     answer with its verbatim question and option label, and a score row per score, as
//     `carestep score` says for the same answers; and the date in the code;
//   - image: a PNG screenshot and a small JPEG "photo" of the QR code drawn by the
//     visitor's own panel code (clinician/examples/qr_svg.rs calls
//     carestep_widget::components::handoff::qr), opened through the file input: the same;
//   - camera: Chromium's fake camera playing a .y4m made from that picture by Debian's
//     ffmpeg: the same report, and every camera track is stopped once the code is read;
//   - damaged codes (a changed character, two swapped neighbours, a truncated code): the
//     engine's one-line message (the same as `carestep handoff decode`), one message, on its
//     field, and no report; a QR code holding a URL, a picture without a QR code and a file
//     that is not a picture: one message each;
//   - privacy: no request after load (Playwright, CDP, the server's log) and nothing stored,
//     in every test;
//   - axe-core on every state (empty, each error, the report, the camera), and keyboard-only
//     use: type, read, download, read another, open a picture;
//   - the FHIR download is byte for byte `carestep fhir` of the same answers and date, a
//     Bundle of type collection with Questionnaires, QuestionnaireResponses and
//     Observations (and, where fhir/ has its validator installed, valid against the
//     official FHIR R4 JSON Schema).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from '@playwright/test';
import config from '../playwright.config.js';
import { test, expect, figure } from '../support/fixtures.js';
import { expectAccessible } from '../support/axe.js';
import { score } from '../support/engine.js';
import { CareStep } from '../support/carestep.js';
import { completeJourney, questionnaire } from '../support/journey.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { tabTo } from '../support/keyboard.js';
import { expectNoRequestsSince, recordNetwork, storageSnapshot } from '../support/network.js';
import { REPO_DIR, startServer } from '../support/server.js';
import {
  CLINICIAN_PATH,
  Clinician,
  buildQrSvg,
  cameraVideo,
  decode,
  decodeError,
  encode,
  expectSameReport,
  fhirText,
  picture,
  qrSvg,
  vignette,
  writeAnswers,
} from '../support/clinician.js';

const DATE = '2026-12-05';
const DATE_WORDS = '5 December 2026';
const MAIN = '10-php-severe.json';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const EMPTY = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDB: [], cacheStorage: [], serviceWorkers: 0 };

/**
 * Records what the page asks of the network from the moment the page is ready: `check()`
 * expects no request since then (Playwright, CDP and the server's log; data:/blob: URLs are
 * read from memory) and nothing stored.
 */
async function privacyWitness(page, server, cs) {
  const net = await recordNetwork(page);
  await cs.open(server.url);
  const mark = net.mark();
  const serverMark = server.requests.length;
  const first = await storageSnapshot(page.mainFrame());
  return async () => {
    expectNoRequestsSince(net, mark, 'after load');
    expect(server.requests.slice(serverMark).map((r) => `${r.method} ${r.path}`), 'requests after load (server log)').toEqual([]);
    expect(net.sockets, 'WebSockets').toEqual([]);
    expect(net.workers, 'service workers').toEqual([]);
    const now = await storageSnapshot(page.mainFrame());
    for (const [key, empty] of Object.entries(EMPTY)) expect(now[key], `stored: ${key}`).toEqual(empty);
    expect(now.url, 'URL unchanged').toBe(first.url);
    expect(now.historyLength, 'history unchanged').toBe(first.historyLength);
  };
}

/** A vignette's answers, their file, the engine's result and the code. */
async function prepare(name, testInfo) {
  const { answers, modules } = await vignette(name);
  const file = await writeAnswers(answers, testInfo.outputPath(name));
  const engine = await score(answers, file);
  const code = await encode(file, DATE, modules);
  return { name, answers, file, engine, code };
}

/** How people type a code: lower case, spaces for dashes, O for 0 and L/I for 1. */
function sloppy(code) {
  let i = 0;
  return code
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/[01]/g, (d) => (d === '0' ? 'o' : ['l', 'I'][(i += 1) % 2]));
}

/**
 * Runs `fn(page)` in a Chromium of its own whose camera plays `y4m` (Chromium's fake capture
 * device; permission granted, as a person would), with a witness of the page's camera tracks
 * (`window.__tracks`) and no uncaught page error.
 */
async function withFakeCamera(y4m, fn) {
  const options = config.use.launchOptions;
  const camera = await chromium.launch({
    ...options,
    args: [
      ...options.args,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
  try {
    const { viewport, locale, timezoneId } = config.use;
    const context = await camera.newContext({ viewport, locale, timezoneId, acceptDownloads: true, permissions: ['camera'] });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(() => {
      const get = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      window.__tracks = [];
      navigator.mediaDevices.getUserMedia = async (c) => {
        const stream = await get(c);
        window.__tracks.push(...stream.getTracks());
        return stream;
      };
    });
    await fn(page);
    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await camera.close();
  }
}

/** Presses "Use the camera" from the keyboard and waits for `code`; returns the seconds it took. */
async function readByCamera(cs, code) {
  expect(await cs.page.evaluate(() => window.__tracks.length), 'no camera before the button').toBe(0);
  await tabTo(cs.page, cs.camera);
  const started = Date.now();
  await cs.page.keyboard.press('Enter');
  await expect(cs.page.getByTestId('code-read')).toHaveText(code, { timeout: 20_000 });
  return (Date.now() - started) / 1000;
}

/** Expects the button back to "Use the camera" and every camera track stopped; returns them. */
async function expectCameraStopped(cs) {
  await expect(cs.camera).toHaveText('Use the camera');
  const tracks = await cs.page.evaluate(() => window.__tracks.map((t) => `${t.kind} ${t.readyState}`));
  expect(tracks.length).toBeGreaterThan(0);
  expect(tracks, 'every camera track stopped').toEqual(tracks.map((t) => t.replace(/ \w+$/, ' ended')));
  return tracks;
}

// The QR pictures come from a native build of the visitor's panel code: built once per
// worker before the tests (a cold build of its few crates takes a minute).
test.beforeAll(async () => {
  test.setTimeout(600_000);
  await buildQrSvg();
});

let server;
test.beforeEach(async () => {
  server = await startServer();
});
test.afterEach(async () => {
  await server.close();
});

test('typed: every flow vignette\'s code, typed loosely, shows the same report as `carestep score`', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const cs = new Clinician(page);
  const done = await privacyWitness(page, server, cs);
  const q = await questionnaire();
  const dir = path.join(REPO_DIR, 'engine', 'tests', 'vignettes');
  const names = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
    if (JSON.parse(await readFile(path.join(dir, name), 'utf8')).flow === true) names.push(name);
  }
  expect(names.length).toBeGreaterThan(20);
  const lengths = [];
  for (const name of names) {
    const v = await prepare(name, testInfo);
    lengths.push(v.code.length);
    await cs.code.fill(sloppy(v.code));
    await cs.show.click();
    await expect(cs.page.getByTestId('code-read')).toHaveText(v.code);
    const shown = await cs.shown();
    expectSameReport(shown, v.engine, v.answers, q);
    expect(shown.date).toContain(DATE_WORDS);
    await expect(cs.errors).toHaveCount(0);
  }
  await expectAccessible(page, 'clinician: a report');
  await done();
  lengths.sort((a, b) => a - b);
  figure(`clinician typed: ${names.length} flow vignettes read, code ${lengths[0]}–${lengths.at(-1)} characters (median ${lengths[lengths.length >> 1]})`);
});

test('image: a screenshot and a small JPEG photo of the visitor\'s QR code show the same report', async ({ page, browser }, testInfo) => {
  const cs = new Clinician(page);
  const done = await privacyWitness(page, server, cs);
  await expectAccessible(page, 'clinician: empty');
  const q = await questionnaire();
  for (const [name, type, scale] of [
    [MAIN, 'png', 8],
    ['09-iop-attendance-barrier.json', 'jpeg', 4],
  ]) {
    const v = await prepare(name, testInfo);
    const { svg, version } = await qrSvg(v.code, scale);
    const file = await picture(browser, svg, testInfo.outputPath(`${name}.${type}`), { type, quality: type === 'jpeg' ? 60 : undefined });
    await cs.image.setInputFiles(file);
    await expect(cs.page.getByTestId('code-read')).toHaveText(v.code);
    expectSameReport(await cs.shown(), v.engine, v.answers, q);
    await expect(cs.errors).toHaveCount(0);
    figure(`clinician image: ${name} as ${type} (${scale} px a module): ${v.code.length}-character code, QR version ${version}`);
  }
  await done();
});

test('damaged codes and wrong pictures: one clear message on their field, no report', async ({ page, browser }, testInfo) => {
  const cs = new Clinician(page);
  const done = await privacyWitness(page, server, cs);
  const v = await prepare(MAIN, testInfo);
  const chars = [...v.code];
  // A character of the payload (past "CS1-") changed to another of the alphabet.
  const at = chars.findIndex((c, i) => i > 8 && c !== '-');
  const flipped = [...chars];
  flipped[at] = ALPHABET[(ALPHABET.indexOf(chars[at]) + 7) % 32];
  // Two different neighbours swapped.
  const swap = chars.findIndex((c, i) => i > 10 && c !== '-' && chars[i + 1] !== '-' && chars[i + 1] !== c && i + 1 < chars.length);
  const swapped = [...chars];
  [swapped[swap], swapped[swap + 1]] = [swapped[swap + 1], swapped[swap]];
  const cases = [
    ['a changed character', flipped.join('')],
    ['two swapped neighbours', swapped.join('')],
    ['a truncated code', v.code.slice(0, -3)],
    ['a code without its prefix', v.code.slice(4)],
  ];
  for (const [what, code] of cases) {
    const expected = await decodeError(code);
    expect(expected, `${what}: the engine rejects it`).not.toBeNull();
    await cs.code.fill(code);
    await cs.code.press('Enter');
    await expect(cs.errors, what).toHaveCount(1);
    await expect(cs.errors).toHaveText(`Error: ${expected}`);
    await expect(cs.code).toHaveAttribute('aria-invalid', 'true');
    await expect(cs.code).toBeFocused();
    await expect(cs.report).toHaveCount(0);
    figure(`clinician: ${what} → "${expected}"`);
  }
  await expectAccessible(page, 'clinician: a damaged code');

  // A QR code holding a URL: it is not a CareStep code.
  const url = await qrSvg('HTTPS://EXAMPLE.ORG/CS1-08GP');
  await cs.image.setInputFiles(await picture(browser, url.svg, testInfo.outputPath('url.png')));
  await expect(cs.errors).toHaveCount(1);
  await expect(cs.errors).toHaveText(`Error: ${await decodeError('HTTPS://EXAMPLE.ORG/CS1-08GP')}`);
  await expect(cs.image).toHaveAttribute('aria-invalid', 'true');
  await expect(cs.code).not.toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'clinician: a picture with a URL');
  // A picture without a QR code, and a file that is not a picture.
  const blank = await picture(browser, '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200" fill="#fff"/></svg>', testInfo.outputPath('blank.png'));
  await cs.image.setInputFiles(blank);
  await expect(cs.errors).toHaveText(/^Error: No QR code could be read in this picture/);
  const text = testInfo.outputPath('not-a-picture.png');
  await writeFile(text, 'not a picture\n');
  await cs.image.setInputFiles(text);
  await expect(cs.errors).toHaveText(/^Error: This file could not be read as a picture/);
  await expect(cs.errors).toHaveCount(1);
  await expect(cs.report).toHaveCount(0);
  await done();
});

test('keyboard only: type a code, read the report, download it, read another, open a picture', async ({ page, browser }, testInfo) => {
  const cs = new Clinician(page);
  const v = await prepare(MAIN, testInfo);
  // The picture first: drawing it opens a page of its own, which would take the focus from
  // this page (and a file input's chooser opens only in the focused page).
  const png = await picture(browser, (await qrSvg(v.code)).svg, testInfo.outputPath('qr.png'));
  const done = await privacyWitness(page, server, cs);
  await page.bringToFront();
  await tabTo(page, cs.code);
  await page.keyboard.type(sloppy(v.code));
  await page.keyboard.press('Enter');
  await expect(cs.report).toBeVisible();
  await expect(page.locator('#report-title')).toBeFocused();
  const download = page.getByRole('button', { name: 'Download for the record (FHIR)' });
  await tabTo(page, download);
  const saved = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await saved).url()).toMatch(/^blob:/);
  const another = page.getByRole('button', { name: 'Read another code' });
  await tabTo(page, another);
  await page.keyboard.press('Enter');
  await expect(cs.report).toHaveCount(0);
  await expect(cs.code).toBeFocused();
  await expect(cs.code).toHaveValue('');
  // The file input opens its chooser from the keyboard.
  await tabTo(page, cs.image);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(png);
  await expect(page.getByTestId('code-read')).toHaveText(v.code);
  await expect(page.locator('#report-title')).toBeFocused();
  // Every control has a name.
  for (const control of await page.locator('input, button').all()) {
    const name = await control.evaluate((el) => (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim());
    expect(name, await control.evaluate((el) => el.outerHTML)).not.toBe('');
  }
  await done();
});

test('FHIR: the download is `carestep fhir` of the same answers and date, a collection Bundle', async ({ page }, testInfo) => {
  const cs = new Clinician(page);
  const done = await privacyWitness(page, server, cs);
  const v = await prepare(MAIN, testInfo);
  await cs.code.fill(v.code);
  await cs.show.click();
  await expect(cs.report).toBeVisible();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download for the record (FHIR)' }).click();
  const file = await saved;
  expect(file.url()).toMatch(/^blob:/);
  expect(file.suggestedFilename()).toBe(`carestep-fhir-${DATE}.json`);
  const text = await readFile(await file.path(), 'utf8');
  expect(text, 'byte for byte the CLI export').toBe(await fhirText(v.file, DATE));
  const bundle = JSON.parse(text);
  expect(bundle.resourceType).toBe('Bundle');
  expect(bundle.type).toBe('collection');
  const types = bundle.entry.map((e) => e.resource.resourceType);
  for (const kind of ['Questionnaire', 'QuestionnaireResponse', 'Observation']) expect(types, kind).toContain(kind);
  const level = bundle.entry.map((e) => e.resource).find((r) => r.code?.coding?.[0]?.code === 'level');
  expect(level.valueCodeableConcept.coding[0].code).toBe(v.engine.level);
  expect(level.component.map((c) => c.code.coding[0].code).filter((c) => /^[A-Z]\d*$/.test(c))).toEqual(v.engine.rules_fired);
  const validatorDir = path.join(REPO_DIR, 'fhir', 'node_modules', '@asymmetrik', 'fhir-json-schema-validator');
  if (existsSync(validatorDir)) {
    const Validator = createRequire(path.join(REPO_DIR, 'fhir', 'package.json'))('@asymmetrik/fhir-json-schema-validator');
    const errors = new Validator().validate(bundle);
    expect(errors, 'the official FHIR R4 JSON Schema').toEqual([]);
    figure(`clinician FHIR: ${types.length} resources, valid against the FHIR R4 JSON Schema`);
  } else {
    figure(`clinician FHIR: ${types.length} resources (fhir/ has no validator installed: byte-identical to \`carestep fhir\`, which fhir/ validates)`);
  }
  await expect(page.getByRole('status').filter({ hasText: 'The FHIR file was made on this device.' })).toBeVisible();
  await done();
});

test('camera: refused or missing, one message next to the button', async ({ page }) => {
  const cs = new Clinician(page);
  const done = await privacyWitness(page, server, cs);
  await cs.camera.click();
  await expect(cs.errors).toHaveCount(1);
  await expect(cs.errors).toHaveText(/^Error: (The camera was not allowed|No camera was found|The camera could not be started)/);
  await expect(cs.camera).toHaveText('Use the camera');
  await expectAccessible(page, 'clinician: camera refused');
  await done();
});

test('camera: Chromium\'s fake camera playing the QR code shows the same report, then the camera stops', async ({ browser }, testInfo) => {
  const v = await prepare(MAIN, testInfo);
  const q = await questionnaire();
  const { svg } = await qrSvg(v.code, 8);
  const png = await picture(browser, svg, testInfo.outputPath('qr.png'));
  const y4m = await cameraVideo(png, testInfo.outputPath('qr.y4m'));
  await withFakeCamera(y4m, async (page) => {
    const cs = new Clinician(page);
    const done = await privacyWitness(page, server, cs);
    const seconds = await readByCamera(cs, v.code);
    expectSameReport(await cs.shown(), v.engine, v.answers, q);
    const tracks = await expectCameraStopped(cs);
    await expectAccessible(page, 'clinician: read by camera');
    await done();
    figure(`clinician camera: code read from the fake camera in ${seconds.toFixed(1)} s; ${tracks.length} track(s) stopped`);
  });
});

test('the page loads only its own files, under the strict CSP it declares', async ({ page }) => {
  const cs = new Clinician(page);
  const violations = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await cs.open(server.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("style-src 'self'");
  expect(await page.locator('[style]').count(), 'no style= attribute').toBe(0);
  expect(await page.locator('script:not([src])').count(), 'no inline script').toBe(0);
  const paths = server.requests.map((r) => r.path).filter((p) => p !== CLINICIAN_PATH);
  expect(paths.every((p) => p.startsWith('/carestep/')), paths.join(', ')).toBe(true);
  expect(violations).toEqual([]);
});

// Issue 13's whole path, as a visitor and an intake coordinator meet it: the visitor's
// journey in the widget ends on the result (or the crisis screen); they open "Show a code
// for your clinician"; the test takes the code as they would read it out and a screenshot
// of the QR code their screen shows. The clinician page then reads that code typed, that
// screenshot as a file and, in a Chromium whose fake camera plays it, from the camera: each
// time the report shows the level, reasons and answers of `carestep score` for the answers
// the visitor gave, and the code holds exactly those answers. Neither page requests or
// stores anything after load.
for (const [label, answers] of [
  ['iop result', BY_LEVEL.iop],
  ['crisis screen', BY_LEVEL.crisis_now],
]) {
  test(`a visitor's ${label}: the code they show, typed, from a screenshot of their QR code and from the camera, gives the same report`, async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const q = await questionnaire();

    // The visitor, on the clinic's standalone page.
    const visitor = new CareStep(page, page, 'standalone');
    const visitorDone = await privacyWitness(page, server, {
      open: async (url) => {
        await page.goto(`${url}/carestep/index.html`);
        await visitor.ready();
      },
    });
    const run = await completeJourney(visitor, answers);
    expect(run.stoppedAt).toBe('result');
    const screen = visitor.result();
    const panel = screen.getByTestId('handoff');
    await expect(panel.getByTestId('handoff-code'), 'folded until asked for').toBeHidden();
    await panel.locator('summary').focus();
    await page.keyboard.press('Enter');
    const code = (await panel.getByTestId('handoff-code').textContent()).trim();
    expect(code).toMatch(/^CS1-[0-9A-Z]{4}(-[0-9A-Z]{1,4})+$/);
    const qr = panel.getByTestId('handoff-qr');
    await expect(qr).toBeVisible();
    const version = await qr.getAttribute('data-version');
    const png = testInfo.outputPath('visitor-qr.png');
    await qr.screenshot({ path: png });
    const seen = {
      level: await screen.getAttribute('data-level'),
      rules: await screen.locator('[data-rule]').evaluateAll((els) => els.map((e) => e.dataset.rule)),
      date: await screen.locator('.cs-print-only', { hasText: 'Date:' }).textContent().catch(() => null),
    };
    await expectAccessible(page, `visitor: ${label} with the code shown`);
    await visitorDone();

    // What the code holds, and what the engine says of it.
    expect(await decode(code), 'the code holds exactly the answers given').toEqual(run.given);
    const engine = await score(run.given, testInfo.outputPath('answers.json'));
    expect(seen.level).toBe(engine.level);
    if (seen.rules.length) expect(seen.rules, 'the visitor\'s reasons').toEqual(engine.rules_fired);

    const expectReport = async (cs, how) => {
      await expect(cs.page.getByTestId('code-read')).toHaveText(code);
      const shown = await cs.shown();
      expectSameReport(shown, engine, run.given, q);
      if (seen.date) expect(shown.date, `${how}: the visitor's date`).toContain(seen.date.replace('Date:', '').trim());
      await expect(cs.errors).toHaveCount(0);
    };

    // The intake coordinator, on another device: typed, then the screenshot as a file.
    const desk = await browser.newPage();
    const cs = new Clinician(desk);
    const deskDone = await privacyWitness(desk, server, cs);
    await cs.code.fill(code.toLowerCase().replace(/-/g, ' '));
    await cs.show.click();
    await expectReport(cs, 'typed');
    await cs.image.setInputFiles(png);
    await expectReport(cs, 'image');
    await deskDone();
    await desk.close();

    // And the camera, pointed at the same picture.
    const y4m = await cameraVideo(png, testInfo.outputPath('visitor-qr.y4m'));
    let seconds = 0;
    await withFakeCamera(y4m, async (cameraPage) => {
      const byCamera = new Clinician(cameraPage);
      const cameraDone = await privacyWitness(cameraPage, server, byCamera);
      seconds = await readByCamera(byCamera, code);
      await expectReport(byCamera, 'camera');
      await expectCameraStopped(byCamera);
      await cameraDone();
    });
    figure(
      `visitor's ${label} → ${engine.level}: ${Object.keys(run.given).length} answers in a ${code.length}-character code, QR version ${version}; read typed, from the screenshot and by camera (${seconds.toFixed(1)} s): the same level, ${engine.rules_fired.length} reasons and answers; nothing requested or stored`,
    );
  });
}
