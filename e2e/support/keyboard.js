// Keyboard-only helpers: move focus with Tab alone, as a keyboard user does.
import { expect } from '@playwright/test';

/**
 * Presses Tab until `target` (a locator) has focus; fails after `max` presses.
 * Returns how many presses it took.
 */
export async function tabTo(page, target, { max = 60 } = {}) {
  for (let presses = 0; presses <= max; presses += 1) {
    // getRootNode(): inside a shadow root, document.activeElement is the host.
    if (await target.evaluate((el) => el.getRootNode().activeElement === el && el.ownerDocument.hasFocus()).catch(() => false)) {
      return presses;
    }
    await page.keyboard.press('Tab');
  }
  await expect(target, `reachable with Tab within ${max} presses`).toBeFocused();
  return max;
}
