// The engine's command-line tool, as the end-to-end tests use it: the level
// the widget shows is compared with what `carestep score` says for the same
// answers, so the suite never carries an expected level of its own.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './server.js';

const run = promisify(execFile);

export const CARESTEP_CLI = path.join(REPO_DIR, 'target', 'release', 'carestep');

/**
 * Scores `answers` ({id: code | "declined"}) with `carestep score FILE`.
 * The answer file is written to `file` (kept with the test's output, so a
 * failing journey leaves the exact input behind). Returns the parsed result.
 */
export async function score(answers, file) {
  await writeFile(file, JSON.stringify({ answers }, null, 2) + '\n');
  try {
    const { stdout } = await run(CARESTEP_CLI, ['score', file], { encoding: 'utf8' });
    return JSON.parse(stdout);
  } catch (error) {
    const stderr = error.stderr ? String(error.stderr).trim() : '';
    throw new Error(`carestep score ${file} failed: ${stderr || error.message}`);
  }
}

/** The questionnaire as the engine publishes it (`carestep questions`). */
export async function questions(modules = 'all') {
  const { stdout } = await run(CARESTEP_CLI, ['questions', '--modules', modules], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}
