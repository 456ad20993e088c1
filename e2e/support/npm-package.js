// The release's npm package (`cargo xtask release` →
// target/release-bundle/carestep-<version>.tgz), installed the way a site
// built with npm gets it: `npm install ./carestep-<version>.tgz --offline` in
// a scratch project with a throwaway package.json, in a temporary folder.
// The install happens once per test process; a missing .tgz FAILS (it never
// skips): run `cargo xtask release` first (`cargo xtask test` packages the
// dist/ it has built before the suite).
import { execFile } from 'node:child_process';
import { access, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './server.js';

const run = promisify(execFile);

export const PACKAGE_NAME = '@carestep/widget';

// The release version, read as the release reads it ([package] or [workspace.package]).
import { releaseVersion } from './release.js';
export { releaseVersion };

/** Where `cargo xtask release` writes the npm package of `version`. */
export function packageTgz(version) {
  return path.join(REPO_DIR, 'target', 'release-bundle', `carestep-${version}.tgz`);
}

let installed = null;

/**
 * The package, installed once. Returns `{ version, tgz, project, dir, json }`:
 * `project` is the scratch project, `dir` the installed package
 * (`project/node_modules/@carestep/widget`), `json` its package.json.
 */
export function installedPackage() {
  installed ??= install().catch((error) => {
    installed = null;
    throw error;
  });
  return installed;
}

/** Removes the scratch project (if this process installed one). */
export async function removeInstalledPackage() {
  const done = installed;
  installed = null;
  if (!done) return;
  const { project } = await done.catch(() => ({}));
  if (project) await rm(project, { recursive: true, force: true });
}

async function install() {
  const version = await releaseVersion();
  const tgz = packageTgz(version);
  try {
    await access(tgz);
  } catch {
    throw new Error(`${path.relative(REPO_DIR, tgz)} is missing: run \`cargo xtask release\` first`);
  }
  const project = await mkdtemp(path.join(os.tmpdir(), 'carestep-npm-install-'));
  const file = path.basename(tgz);
  await copyFile(tgz, path.join(project, file));
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'carestep-install-check', version: '0.0.0', private: true }, null, 2) + '\n',
  );
  try {
    // No network: everything must come from the .tgz (it has no dependencies).
    await run('npm', ['install', `./${file}`, '--offline', '--no-audit', '--no-fund'], {
      cwd: project,
      env: { ...process.env, npm_config_update_notifier: 'false' },
      encoding: 'utf8',
    });
  } catch (error) {
    const stderr = error.stderr ? String(error.stderr).trim() : '';
    throw new Error(`npm install ./${file} --offline failed: ${stderr || error.message}`);
  }
  const dir = path.join(project, 'node_modules', ...PACKAGE_NAME.split('/'));
  const json = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  return { version, tgz, project, dir, json };
}
