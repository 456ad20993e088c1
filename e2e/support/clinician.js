// The clinician page (`clinician.html`, issue 13 item 3) as the end-to-end tests use it:
// handoff codes from the engine's command-line tool, QR pictures of them drawn by the
// visitor's own panel code, and the camera video Chromium's fake capture device plays.
import { execFile } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { CARESTEP_CLI } from './engine.js';
import { REPO_DIR } from './server.js';

const run = promisify(execFile);

export const CLINICIAN_PATH = '/carestep/clinician.html';
export const FFMPEG = '/usr/bin/ffmpeg';

/**
 * `carestep handoff encode FILE --modules MODULES --date DATE`: the code of an answer file
 * given in the deployment `modules` ("default", "all" or a list of module names).
 */
export async function encode(answersFile, date, modules = 'default') {
  const list = Array.isArray(modules) ? modules.join(',') : modules;
  const { stdout } = await run(CARESTEP_CLI, ['handoff', 'encode', answersFile, '--modules', list, '--date', date], {
    encoding: 'utf8',
  });
  return stdout.trim();
}

/**
 * `carestep handoff decode CODE`'s one-line error (without the `carestep: ` prefix) as the
 * page writes it, a sentence with a capital first letter; null if the code decodes.
 */
export async function decodeError(code) {
  try {
    await run(CARESTEP_CLI, ['handoff', 'decode', code], { encoding: 'utf8' });
    return null;
  } catch (error) {
    const line = String(error.stderr).trim().replace(/^carestep: /, '');
    return line.charAt(0).toUpperCase() + line.slice(1);
  }
}

/** `carestep handoff decode CODE`: the answers the code holds ({id: code | "declined"}). */
export async function decode(code) {
  const { stdout } = await run(CARESTEP_CLI, ['handoff', 'decode', code], { encoding: 'utf8' });
  return JSON.parse(stdout).answers;
}

/** `carestep fhir FILE --date DATE`: the FHIR Bundle's text. */
export async function fhirText(answersFile, date) {
  const { stdout } = await run(CARESTEP_CLI, ['fhir', answersFile, '--date', date], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const QR_SVG = path.join(REPO_DIR, 'target', 'debug', 'examples', 'qr_svg');
let built = null;

/** Builds clinician/examples/qr_svg.rs once (cargo's lock orders two workers' builds). */
export function buildQrSvg() {
  built ??= run('cargo', ['build', '--quiet', '--package', 'carestep-clinician', '--example', 'qr_svg'], {
    cwd: REPO_DIR,
    encoding: 'utf8',
  });
  return built;
}

/**
 * The SVG of `text`'s QR code, drawn by the widget's own panel code
 * (`carestep_widget::components::handoff::qr`, through clinician/examples/qr_svg.rs),
 * and the symbol's version.
 */
export async function qrSvg(text, pixelsPerModule = 8) {
  await buildQrSvg();
  const { stdout, stderr } = await run(QR_SVG, [text, String(pixelsPerModule)], { encoding: 'utf8' });
  const version = Number(/version (\d+)/.exec(stderr)?.[1]);
  return { svg: stdout.trim(), version };
}

/**
 * A picture of `svg` as the visitor's screen shows it, taken with a page of its own (so
 * the clinician page's network record holds none of it): a PNG, or a JPEG "photo".
 */
export async function picture(browser, svg, file, { type = 'png', quality } = {}) {
  const context = await browser.newContext({ viewport: { width: 600, height: 600 } });
  const page = await context.newPage();
  await page.setContent(`<!DOCTYPE html><body style="margin:24px;background:#fff">${svg}</body>`);
  await page.locator('svg').screenshot({ path: file, type, quality });
  await context.close();
  return file;
}

/**
 * A .y4m video of a picture for Chromium's fake camera (Debian's ffmpeg): 2 s at 10 frames a
 * second, the picture centred on a white 640×480 frame (Chromium loops the file).
 */
export async function cameraVideo(png, file) {
  await access(FFMPEG).catch(() => {
    throw new Error(`${FFMPEG} is missing: \`cargo xtask setup\` installs Debian's ffmpeg`);
  });
  await run(FFMPEG, [
    '-v', 'error', '-y', '-loop', '1', '-i', png, '-t', '2', '-r', '10',
    '-vf', 'scale=400:400:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p',
    '-f', 'yuv4mpegpipe', file,
  ]);
  return file;
}

/** An engine vignette: `{ name, modules, flow, answers: {id: code | "declined"} }`. */
export async function vignette(name) {
  const text = await readFile(path.join(REPO_DIR, 'engine', 'tests', 'vignettes', name), 'utf8');
  return JSON.parse(text);
}

/** Writes `{answers}` to `file` (the format `carestep score` and `handoff encode` read). */
export async function writeAnswers(answers, file) {
  await writeFile(file, JSON.stringify({ answers }, null, 2) + '\n');
  return file;
}

/** The clinician page in `page`. */
export class Clinician {
  constructor(page) {
    this.page = page;
    this.code = page.locator('#code');
    this.show = page.getByRole('button', { name: 'Show the report' });
    this.image = page.locator('#code-image');
    this.camera = page.locator('#camera-button');
    this.report = page.getByTestId('report');
    this.errors = page.getByTestId('error');
  }

  async open(url) {
    await this.page.goto(url + CLINICIAN_PATH);
    await expect(this.page.locator('#clinician[data-ready="true"]')).toBeAttached();
  }

  /** What the report shows: level, rule ids, answered item ids with their answers, date, code. */
  async shown() {
    await expect(this.report).toBeVisible();
    return {
      level: await this.report.getAttribute('data-level'),
      rules: await this.report.locator('[data-rule]').evaluateAll((els) => els.map((e) => e.dataset.rule)),
      answers: await this.report
        .locator('tr[data-item]')
        .evaluateAll((rows) => rows.map((r) => [r.dataset.item, r.cells[0].textContent.trim(), r.cells[1].textContent.trim()])),
      date: (await this.page.getByTestId('report-date').textContent()).trim(),
      code: (await this.page.getByTestId('code-read').textContent()).trim(),
      scores: await this.report.locator('[data-testid="scores"] tbody tr').count(),
    };
  }
}

/**
 * Expects the report to show exactly what `carestep score` says for `answers`: the level,
 * the fired rules in order, and every answer with its verbatim question and option label.
 */
export function expectSameReport(shown, engine, answers, q) {
  expect(shown.level, 'level').toBe(engine.level);
  expect(shown.rules, 'reasons (rule ids, in order)').toEqual(engine.rules_fired);
  const expected = Object.entries(answers).map(([id, value]) => [
    id,
    q.byId.get(id).text,
    value === 'declined' ? 'Skipped' : q.byId.get(id).answer.type === 'choices' ? q.label(id, value) : String(value),
  ]);
  const sort = (rows) => [...rows].sort((a, b) => a[0].localeCompare(b[0]));
  const norm = (rows) => rows.map(([id, question, answer]) => [id, question.replace(/\s+/g, ' ').trim(), answer]);
  expect(sort(norm(shown.answers)), 'every answer with its question text').toEqual(sort(norm(expected)));
  expect(shown.scores, 'a score table row per score').toBe(Object.keys(engine.scores).filter((k) => engine.scores[k] != null).length);
}
