// The page object: the CareStep widget as a visitor meets it, in any of the
// three ways it is deployed (standalone page, sandboxed iframe, inline Shadow
// DOM). Every control is found by role and accessible name, as the UI contract
// (briefs/ui-contract.md) names them; the only markup the suite relies on is
// what that contract fixes: #carestep[data-ready="true"], data-testid and
// data-level.
import { expect } from '@playwright/test';

export const FRAME_TITLE = 'Mental health self-check';

/** URL prefix for the server's profiles (see support/server.js). */
export function prefix({ csp = false, config = null, cors = true } = {}) {
  return `${csp ? '/csp' : ''}${cors ? '' : '/nocors'}${config ? `/cfg/${config}` : ''}`;
}

export class CareStep {
  /**
   * @param {import('@playwright/test').Page} page
   * @param {import('@playwright/test').Page | import('@playwright/test').FrameLocator} scope where the widget lives
   * @param {'standalone' | 'iframe' | 'inline'} mode
   */
  constructor(page, scope, mode) {
    this.page = page;
    this.scope = scope;
    this.mode = mode;
  }

  /** The standalone page (`dist/index.html`, the demo clinic page). */
  static async standalone(page, options = {}) {
    const cs = new CareStep(page, page, 'standalone');
    await page.goto(`${prefix(options)}/carestep/index.html`);
    return cs;
  }

  /** A host page that embeds the widget with carestep-embed.js (sandboxed iframe). */
  static async iframe(page, { hostile = false, ...options } = {}) {
    await page.goto(`${prefix(options)}/site/${hostile ? 'hostile-' : ''}iframe.html`);
    return new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
  }

  /** A host page that mounts the widget inline with carestep-inline.js (Shadow DOM). */
  static async inline(page, { hostile = false, ...options } = {}) {
    await page.goto(`${prefix(options)}/site/${hostile ? 'hostile-' : ''}inline.html`);
    return new CareStep(page, page, 'inline');
  }

  /** The mount element (id fixed by the UI contract). */
  get root() {
    return this.scope.locator('#carestep');
  }

  /** Waits until the app has taken over and is interactive. */
  async ready() {
    await expect(this.scope.locator('#carestep[data-ready="true"]')).toBeAttached();
    if (this.mode !== 'standalone') {
      await expect(this.page.locator('[data-carestep]')).toHaveAttribute('data-carestep-state', 'ready');
    }
  }

  heading() {
    return this.scope.getByRole('heading', { level: 1 });
  }

  button(name) {
    return this.scope.getByRole('button', { name, exact: true });
  }

  radio(label) {
    return this.scope.getByRole('radio', { name: label, exact: true });
  }

  radios() {
    return this.scope.getByRole('radio');
  }

  number() {
    return this.scope.getByRole('spinbutton');
  }

  result() {
    return this.scope.getByTestId('result');
  }

  configError() {
    return this.scope.getByTestId('config-error');
  }

  errorSummary() {
    return this.scope.getByRole('alert').filter({ hasText: 'There is a problem' });
  }

  progress() {
    return this.scope.getByText(/Question \d+ of about \d+/);
  }

  /** The "Change …" controls of the check-your-answers page (link or button). */
  changeControls() {
    return this.scope.getByRole('link', { name: /^Change/ }).or(this.scope.getByRole('button', { name: /^Change/ }));
  }

  async headingText() {
    return (await this.heading().innerText()).replace(/\s+/g, ' ').trim();
  }

  /**
   * Clicks a control that changes the screen and waits for the new screen:
   * a different h1 that has keyboard focus (UI contract: focus moves to the
   * new h1 after every step). Returns the new heading text. `before` is the
   * current heading text, if the caller already has it.
   */
  async step(action, before = null) {
    before ??= await this.headingText();
    await action();
    await expect(this.heading()).not.toHaveText(before, { useInnerText: true });
    await expect(this.heading()).toBeFocused();
    return this.headingText();
  }

  start() {
    return this.step(() => this.button('Start').click());
  }

  continue() {
    return this.step(() => this.button('Continue').click());
  }

  back() {
    return this.step(() => this.button('Back').click());
  }

  skip() {
    return this.step(() => this.button('Skip this question').click());
  }

  seeResult() {
    return this.step(() => this.button('See my result').click());
  }

  /** What is on screen now: 'result' (incl. the crisis screen), 'check', 'question' or 'other'. */
  async screen() {
    // Questions first: by far the most frequent screen, so usually one query.
    if ((await this.radios().or(this.number()).count()) > 0) return 'question';
    if ((await this.result().count()) > 0) return 'result';
    if ((await this.button('See my result').count()) > 0) return 'check';
    return 'other';
  }

  async level() {
    return this.result().getAttribute('data-level');
  }
}
