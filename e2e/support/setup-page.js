// The set-up page (`setup.html`, issue 11) as a clinic's web admin meets it:
// a form with one labelled control per configuration field, an error summary,
// a live preview of the real widget in a sandboxed iframe (`preview.html`),
// the snippets to copy and "Check my hosting".
//
// The page's own hooks, as setup/src/*.rs writes them: a field's id is "f-"
// and its form path with dots as dashes (`programs.iop.cta.url` →
// `#f-programs-iop-cta-url`, model.rs `field_id`); an error sits in
// `#<field id>-error` (class field-error, one <span>"Error: …"</span> per
// error); the summary is `#cs-error-summary`; the preview's section carries
// `data-preview-ms` once the frame has drawn; the outputs are `#out-config`,
// `#out-iframe`, `#out-inline`, `#out-csp`; the hosting check lists its
// findings in `ul.setup-findings` (li.finding-ok / -warn / -fail).
//
// The widget's words the preview is checked against (h1 of each screen, the
// name of each level) are read from the widget's message catalogue
// (src/messages.rs), the first question from the engine (`carestep
// questions`), and the validator's messages from `carestep check-config`:
// no copy of any of them lives here.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { CARESTEP_CLI, questions } from './engine.js';
import { REPO_DIR } from './server.js';

const run = promisify(execFile);

/** Where the suite's own server has the set-up page (the bundle is /carestep/). */
export const SETUP_PATH = '/carestep/setup.html';

/** The preview's scene buttons, in order, with the level each result scene shows. */
export const SCENES = [
  { label: 'Start screen', screen: 'start' },
  { label: 'A question', screen: 'question' },
  { label: 'Crisis screen', screen: 'crisis', level: 'crisis_now' },
  { label: 'Result: Self-care', screen: 'result', level: 'self_care' },
  { label: 'Result: Outpatient', screen: 'result', level: 'outpatient' },
  { label: 'Result: IOP', screen: 'result', level: 'iop' },
  { label: 'Result: Day program (PHP)', screen: 'result', level: 'php' },
  { label: 'Result: Inpatient', screen: 'result', level: 'inpatient' },
];

/** The bundle's own files "Check my hosting" reads, relative to setup.html (setup/src/hosting.rs). */
export const HOSTING_FILES = ['carestep-widget_bg.wasm', 'carestep-widget.js', 'embed/frame.html'];

/** The element id of the field at a form path (setup/src/model.rs `field_id`). */
export function fieldId(formPath) {
  return `f-${formPath.replaceAll('.', '-')}`;
}

export class SetupPage {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
  }

  /**
   * Opens the page at `url` and waits until the app runs and (unless
   * `preview: false`) the preview frame has said hello and drawn the widget.
   */
  async open(url, { preview = true } = {}) {
    await this.page.goto(url);
    await this.ready({ preview });
  }

  async ready({ preview = true } = {}) {
    await expect(this.page.getByRole('button', { name: 'Check my hosting' })).toBeVisible();
    if (!preview) return;
    // The frame shows "The preview is loading…" until its WebAssembly runs, says
    // hello and draws the first configuration on the start screen. (The page
    // has no attribute for that first draw: data-preview-ms/-seq appear only
    // after the admin's first edit.)
    const { START_TITLE } = await widgetWords();
    await expect(this.preview().getByRole('heading', { level: 1 })).toHaveText(START_TITLE, { timeout: 20_000 });
  }

  previewSection() {
    return this.page.getByRole('region', { name: 'Preview' });
  }

  /** The control of the field at a form path. */
  field(formPath) {
    return this.page.locator(`#${fieldId(formPath)}`);
  }

  /** The error messages shown on the field at a form path (each "Error: …"). */
  fieldErrors(formPath) {
    return this.page.locator(`#${fieldId(formPath)}-error`).locator('span');
  }

  /** Every field error on the page: [{ id (of the field), text (without "Error: ") }]. */
  async allFieldErrors() {
    return this.page.locator('.field-error').evaluateAll((nodes) =>
      nodes.flatMap((node) =>
        [...node.querySelectorAll('span')].map((span) => ({
          id: node.id.replace(/-error$/, ''),
          text: span.textContent.replace(/^Error: /, ''),
        })),
      ),
    );
  }

  summary() {
    return this.page.locator('#cs-error-summary');
  }

  /** The summary's entries: [{ text, target (the id its link points at) }]. */
  async summaryEntries() {
    return this.summary()
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => ({ text: a.textContent, target: a.getAttribute('href').replace(/^#/, '') })));
  }

  /** The preview frame, for locators (auto-waiting). */
  preview() {
    return this.page.locator('iframe.setup-frame').contentFrame();
  }

  /** The preview frame as a Playwright Frame (for evaluate; it is an opaque origin). */
  previewFrame() {
    const frame = this.page
      .frames()
      .find((f) => f.parentFrame() === this.page.mainFrame() && new URL(f.url()).pathname.endsWith('/preview.html'));
    if (!frame) throw new Error('no preview frame (preview.html) in the page');
    return frame;
  }

  sceneButton(label) {
    return this.page.getByRole('group', { name: 'Show in the preview' }).getByRole('button', { name: label, exact: true });
  }

  /** Clicks a scene button and waits until it is the pressed one. */
  async showScene(label) {
    await this.sceneButton(label).click();
    await expect(this.sceneButton(label)).toHaveAttribute('aria-pressed', 'true');
  }

  /** Pastes `text` into the open box and presses "Open the pasted configuration". */
  async openPasted(text) {
    await this.page.getByLabel('Your configuration (JSON)', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Open the pasted configuration' }).click();
  }

  /** Chooses `file` in "Or choose a configuration file". */
  async openFile(file) {
    await this.page.locator('#f-open-file').setInputFiles(file);
  }

  /** The note Open leaves ("Opened …", "Could not read …"). */
  openNote() {
    return this.page.locator('#open-note');
  }

  output(id) {
    return this.page.locator(`#${id}`);
  }

  /**
   * Presses "Check my hosting" and returns the findings: [{ status: ok|warn|fail,
   * text (all of it), line (what was found, before its "Fix:"), recipe (the
   * quoted recipe lines: nginx, Apache, Caddy) }].
   */
  async checkHosting() {
    await this.page.getByRole('button', { name: 'Check my hosting' }).click();
    const list = this.page.locator('ul.setup-findings');
    await expect(list.locator('li').first()).toBeVisible({ timeout: 20_000 });
    return list.locator('li').evaluateAll((items) =>
      items.map((li) => {
        const squash = (t) => t.replace(/\s+/g, ' ').trim();
        const own = [...li.childNodes].filter((n) => !(n.nodeType === 1 && n.tagName === 'P'));
        return {
          status: ['ok', 'warn', 'fail'].find((s) => li.classList.contains(`finding-${s}`)) ?? li.className,
          text: squash(li.textContent),
          line: squash(own.map((n) => n.textContent).join('')),
          recipe: [...li.querySelectorAll('code')].map((c) => c.textContent),
        };
      }),
    );
  }
}

/**
 * `carestep check-config FILE`: `{ ok, count, errors: [{ path, text }], line }`.
 * The tool prints every problem on its one stderr line, "path: text" joined
 * by "; " (a message may itself hold "; ", so the line is split only where a
 * path follows); an error without a path (a JSON syntax error) has path "".
 */
export async function checkConfig(file) {
  try {
    const { stdout } = await run(CARESTEP_CLI, ['check-config', file], { encoding: 'utf8' });
    return { ok: true, count: 0, errors: [], line: stdout.trim() };
  } catch (error) {
    const line = String(error.stderr ?? '').trim();
    const match = /^carestep: invalid configuration \((\d+) problems?\): (.*)$/s.exec(line);
    if (!match) throw new Error(`carestep check-config ${file}: unexpected output "${line || error.message}"`);
    const PATH = '[A-Za-z_$][\\w$]*(?:\\[\\d+\\])*(?:\\.[\\w$]+(?:\\[\\d+\\])*)*';
    const errors = match[2].split(new RegExp(`; (?=${PATH}: )`)).map((part) => {
      const withPath = new RegExp(`^(${PATH}): (.*)$`, 's').exec(part);
      return withPath ? { path: withPath[1], text: withPath[2] } : { path: '', text: part };
    });
    const count = Number(match[1]);
    if (errors.length !== count) throw new Error(`check-config said ${count} problems but the line splits into ${errors.length}: ${line}`);
    return { ok: false, count, errors, line };
  }
}

let messages = null;

/**
 * The widget's own words for what the preview shows, from its message
 * catalogue (src/messages.rs): `{ START_TITLE, CRISIS_TITLE, RESULT_TITLE,
 * levelName: { iop: "…" }, firstQuestion }`.
 */
export async function widgetWords() {
  messages ??= (async () => {
    const source = await readFile(path.join(REPO_DIR, 'src', 'messages.rs'), 'utf8');
    const constant = (name) => {
      const m = new RegExp(`pub const ${name}: &str =\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(source);
      if (!m) throw new Error(`src/messages.rs has no ${name}`);
      return JSON.parse(`"${m[1]}"`);
    };
    const body = /pub fn level_name\(level: Level\)[^{]*\{([\s\S]*?)\n\}/.exec(source);
    if (!body) throw new Error('src/messages.rs has no level_name');
    const levelName = {};
    const snake = (variant) => variant.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    for (const m of body[1].matchAll(/Level::(\w+) => "((?:[^"\\]|\\.)*)"/g)) levelName[snake(m[1])] = JSON.parse(`"${m[2]}"`);
    const raw = await questions('default');
    const list = Array.isArray(raw) ? raw : raw.items;
    return {
      START_TITLE: constant('START_TITLE'),
      CRISIS_TITLE: constant('CRISIS_TITLE'),
      RESULT_TITLE: constant('RESULT_TITLE'),
      levelName,
      firstQuestion: list[0].text,
    };
  })();
  return messages;
}

/** Presses Shift+Tab until `target` has focus (the keyboard's way back up a page). */
export async function shiftTabTo(page, target, { max = 150 } = {}) {
  for (let presses = 0; presses <= max; presses += 1) {
    if (await target.evaluate((el) => el.ownerDocument.activeElement === el && el.ownerDocument.hasFocus()).catch(() => false)) {
      return presses;
    }
    await page.keyboard.press('Shift+Tab');
  }
  await expect(target, `reachable with Shift+Tab within ${max} presses`).toBeFocused();
  return max;
}
