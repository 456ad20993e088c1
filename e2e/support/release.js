// The release zip a clinic downloads (`cargo xtask release` →
// target/release-bundle/carestep-<version>.zip), unzipped the way a clinic's
// web admin would: its single top folder carestep-<version>/ is what goes on
// the site. The hosting tests serve exactly that folder, with the recipes it
// ships in its hosting/ folder.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_DIR } from './server.js';

const run = promisify(execFile);

/** The version of the release: `version` of the root Cargo.toml's [package] (or [workspace.package]). */
export async function releaseVersion() {
  const toml = await readFile(path.join(REPO_DIR, 'Cargo.toml'), 'utf8');
  const versions = {};
  let section = '';
  for (const line of toml.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) section = header[1].trim();
    const version = /^\s*version\s*=\s*"([^"]+)"/.exec(line);
    if (version && !(section in versions)) versions[section] = version[1];
  }
  const version = versions.package ?? versions['workspace.package'];
  if (!version) throw new Error('Cargo.toml: no version in [package] or [workspace.package]');
  return version;
}

/** Where `cargo xtask release` writes the zip of `version`. */
export function releaseZip(version) {
  return path.join(REPO_DIR, 'target', 'release-bundle', `carestep-${version}.zip`);
}

let unpacked = null;

/**
 * The release zip, unzipped once (per zip content: a second test process or
 * run reuses the same folder). Fails — never skips — when the zip is missing.
 * Returns `{ version, zip, dir }`: `dir` is the unzipped carestep-<version>/.
 */
export function release() {
  unpacked ??= unzipRelease().catch((error) => {
    unpacked = null;
    throw error;
  });
  return unpacked;
}

async function unzipRelease() {
  const version = await releaseVersion();
  const zip = releaseZip(version);
  const relative = path.relative(REPO_DIR, zip);
  try {
    await stat(zip);
  } catch {
    throw new Error(`${relative} is missing: run \`cargo xtask release\` first`);
  }
  const bytes = await readFile(zip);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  // One prefix per checkout: two checkouts' suites (a developer's and a CI clone's)
  // never clean up each other's folders.
  const checkout = createHash('sha256').update(REPO_DIR).digest('hex').slice(0, 8);
  const prefix = `carestep-release-${checkout}-`;
  const target = path.join(os.tmpdir(), `${prefix}${version}-${digest}`);
  const dir = path.join(target, `carestep-${version}`);
  try {
    await stat(path.join(dir, 'embed', 'carestep-embed.js'));
    return { version, zip, dir };
  } catch {
    // not unzipped yet
  }
  // Unzip next to the final place, then rename: a concurrent process either
  // wins the rename or finds the complete folder.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'carestep-unzip-'));
  try {
    await run('unzip', ['-q', zip, '-d', scratch]);
    const top = (await readdir(scratch)).filter((n) => !n.startsWith('.'));
    if (top.length !== 1 || top[0] !== `carestep-${version}`) {
      throw new Error(`${relative} must hold exactly one top folder carestep-${version}/, found: ${top.join(', ') || 'nothing'}`);
    }
    try {
      await rename(scratch, target);
    } catch (error) {
      if (!['EEXIST', 'ENOTEMPTY'].includes(error.code)) throw error;
    }
    // Folders of earlier zips (each rebuild of the zip is unpacked afresh) go.
    for (const name of await readdir(os.tmpdir())) {
      const old = path.join(os.tmpdir(), name);
      if (name.startsWith(prefix) && old !== target) await rm(old, { recursive: true, force: true });
    }
  } catch (error) {
    if (error.code === 'ENOENT' && error.path === 'unzip') {
      throw new Error('`unzip` is missing: install it (`cargo xtask test` installs it with apt-get)');
    }
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { version, zip, dir };
}
