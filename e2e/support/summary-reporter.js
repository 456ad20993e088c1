// Prints a short summary after the run: results per spec file, and every
// measured figure the tests recorded (annotations of type "figure", e.g.
// "requests after ready: 0"), so the run's output is the evidence for the
// issue's note. The list reporter before it prints each test as it runs.
import path from 'node:path';

export default class SummaryReporter {
  constructor() {
    this.files = new Map();
    this.figures = [];
    this.failures = [];
  }

  onTestEnd(test, result) {
    const file = path.basename(test.location.file);
    const counts = this.files.get(file) ?? { passed: 0, failed: 0, skipped: 0 };
    if (result.status === 'passed') counts.passed += 1;
    else if (result.status === 'skipped') counts.skipped += 1;
    else {
      counts.failed += 1;
      // The first lines of the error, so a CI log that keeps only its tail still says what failed.
      const message = (result.error?.message ?? result.status).replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, 6).join('\n      ');
      this.failures.push(`${file} › ${test.title} (${result.status}, ${result.duration} ms)\n      ${message}`);
    }
    this.files.set(file, counts);
    for (const a of test.annotations) {
      if (a.type === 'figure') this.figures.push(`${file} › ${test.title}: ${a.description}`);
    }
  }

  onEnd(result) {
    if (this.files.size === 0) return; // --list, or nothing ran
    const lines = ['', '── CareStep end-to-end summary ──'];
    let total = { passed: 0, failed: 0, skipped: 0 };
    for (const [file, c] of [...this.files].sort()) {
      lines.push(`  ${file.padEnd(28)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
      total = { passed: total.passed + c.passed, failed: total.failed + c.failed, skipped: total.skipped + c.skipped };
    }
    lines.push(`  ${'total'.padEnd(28)} ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    if (this.figures.length) {
      lines.push('', '  measured figures:');
      for (const f of this.figures) lines.push(`    ${f}`);
    }
    if (this.failures.length) {
      lines.push('', '  failed:');
      for (const f of this.failures) lines.push(`    ${f}`);
    }
    lines.push(`  overall: ${result.status.toUpperCase()}`, '');
    console.log(lines.join('\n'));
  }

  printsToStdio() {
    return false;
  }
}
