// axe-core through @axe-core/playwright, with the WCAG tags of issue 4 §2e.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the whole page (frames included) and expects no violation.
 * Returns `{ violations, passes }` counts for the run's summary.
 */
export async function expectAccessible(page, screen) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`,
  );
  expect(found, `axe violations on "${screen}"`).toEqual([]);
  return { violations: results.violations.length, passes: results.passes.length };
}
