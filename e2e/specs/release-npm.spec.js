// The release's npm package, as a site built with npm gets it: the .tgz from
// `cargo xtask release` is installed offline into a scratch project
// (support/npm-package.js), and a visitor's journey runs on the INSTALLED
// files — node_modules/@carestep/widget/ is served as the bundle by a server
// of this spec's own (support/server.js with that folder as its bundle root),
// so nothing comes from dist/ or the repository's embed/. The level shown
// must be what `carestep score` says for the same answers.
//
// A missing .tgz fails every test here with "run `cargo xtask release` first".
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney } from '../support/journey.js';
import { PACKAGE_NAME, installedPackage, removeInstalledPackage } from '../support/npm-package.js';
import { startServer } from '../support/server.js';
import { BY_LEVEL } from '../support/scenarios.js';

// One install and one server per test process, made by the first test that
// needs them; each test awaits them itself, so a missing .tgz fails every
// test with the same message instead of leaving some unrun.
let installed = null;
let server = null;

async function fromPackage() {
  installed ??= (async () => {
    const pkg = await installedPackage();
    // The installed package is the bundle root (/carestep/…), and also where
    // the server would look for embed/ files the bundle lacks: nothing can
    // come from the repository's own dist/ or embed/.
    server = await startServer({ distDir: pkg.dir, embedDir: path.join(pkg.dir, 'embed') });
    return { pkg, server };
  })();
  return installed;
}

test.afterAll(async () => {
  await server?.close();
  await removeInstalledPackage();
});

/** Records every response for the bundle's files; fails later on any that was not 200. */
function watchBundle(page) {
  const seen = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/carestep/')) {
      seen.push({ path: url.pathname, status: response.status(), overlay: response.headers()['x-carestep-overlay'] ?? null });
    }
  });
  return seen;
}

function expectAllServedFromThePackage(pkg, seen) {
  expect(seen.length, 'bundle files requested').toBeGreaterThan(0);
  expect(seen.filter((r) => r.status !== 200), 'bundle requests that failed').toEqual([]);
  expect(seen.filter((r) => r.overlay), 'files from outside the package').toEqual([]);
  for (const r of seen) {
    const file = path.join(pkg.dir, decodeURIComponent(r.path.slice('/carestep/'.length)));
    expect(existsSync(file), `${r.path} is an installed file`).toBe(true);
  }
}

test('the installed package: name, version, loaders exported, no install scripts, no demo page', async () => {
  const { pkg } = await fromPackage();
  const { json, dir, version, project } = pkg;
  expect(json.name).toBe(PACKAGE_NAME);
  expect(json.version).toBe(version);
  expect(json.license).toBe('MIT OR Apache-2.0');
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
    expect(json.scripts?.[script], `scripts.${script}`).toBeUndefined();
  }
  expect(json.dependencies ?? {}).toEqual({});
  // The loaders resolve through "exports", from the project that installed them.
  const require = createRequire(path.join(project, 'package.json'));
  expect(require.resolve(`${PACKAGE_NAME}/embed`)).toBe(path.join(dir, 'embed', 'carestep-embed.js'));
  expect(require.resolve(`${PACKAGE_NAME}/inline`)).toBe(path.join(dir, 'embed', 'carestep-inline.js'));
  expect(require.resolve(`${PACKAGE_NAME}/package.json`)).toBe(path.join(dir, 'package.json'));
  // The widget is there; the demo clinic page is not.
  for (const file of ['carestep-widget.js', 'carestep-widget_bg.wasm', 'carestep.css', 'embed/frame.html', 'NOTICE', 'LICENSE']) {
    expect(existsSync(path.join(dir, file)), file).toBe(true);
  }
  expect(existsSync(path.join(dir, 'index.html')), 'index.html (the demo page) ships').toBe(false);
  figure(`${PACKAGE_NAME}@${version} installed offline from ${path.basename(pkg.tgz)}; ${json.files.length} top-level entries`);
});

test('a visitor in the sandboxed iframe, served from the installed package, gets the level `carestep score` gives', async ({ page }, testInfo) => {
  const { pkg, server } = await fromPackage();
  const seen = watchBundle(page);
  await page.goto(`${server.url}/site/iframe.html`);
  const cs = new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
  await cs.ready();
  const run = await completeJourney(cs, BY_LEVEL.iop);
  expect(run.stoppedAt).toBe('result');
  await expect(cs.result()).toBeVisible();
  const shown = await cs.level();
  const engine = await score(run.given, testInfo.outputPath('answers.json'));
  expect(shown, `data-level vs carestep score (${JSON.stringify(run.given)})`).toBe(engine.level);
  expectAllServedFromThePackage(pkg, seen);
  expect(seen.map((r) => r.path)).toContain('/carestep/carestep-widget_bg.wasm');
  figure(`installed package, iframe: ${run.order.length} questions → ${engine.level}; ${seen.length} package files served`);
});

test('the inline loader from the installed package mounts the widget', async ({ page }) => {
  const { pkg, server } = await fromPackage();
  const seen = watchBundle(page);
  await page.goto(`${server.url}/site/inline.html`);
  const cs = new CareStep(page, page, 'inline');
  await cs.ready();
  await expect(cs.button('Start')).toBeVisible();
  expectAllServedFromThePackage(pkg, seen);
  expect(seen.map((r) => r.path)).toContain('/carestep/embed/carestep-inline.js');
});
