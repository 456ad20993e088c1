// The WordPress plugin on a REAL WordPress (issue 15 item 4): Debian 12's
// wordpress 6.1, MariaDB and Apache with mod_php, started by the test on
// 127.0.0.1 (support/wordpress.js), and the plugin zip that `cargo xtask
// release` writes (target/release-bundle/carestep-wordpress-<version>.zip).
//
// Through the real UI, in the browser, as the clinic's staff would:
//   1. the Administrator logs in at wp-login.php, uploads the zip through
//      Plugins → Add New → Upload Plugin, activates it, opens Settings →
//      CareStep (the release's set-up page is embedded there), pastes a
//      configuration that an editor broke (refused, with a notice, and kept in
//      the box) and then the clinic's configuration (saved on one line);
//   2. an Author — who lacks unfiltered_html, so WordPress strips any <script>
//      they write — inserts the "CareStep self-check" block in the block
//      editor and publishes;
// and, as a visitor (a fresh browser context, not logged in):
//   3. the plugin's files come with the release's headers from Apache through
//      the plugin's own .htaccess;
//   4. the widget starts on the published post; a journey reaches the level of
//      `carestep score`; nothing is requested after ready (browser and Apache's
//      log), nothing stored, no cookie; the loader carries the SRI of the
//      bundled file; a page without the block loads nothing of the plugin;
//   5. a Classic-editor post (the shortcode between blank lines, as wpautop
//      sees it), written as the Author, works too; the Author's raw snippet is
//      stripped of its scripts (why the block exists);
//   6. a configuration with a mistake keeps the clinic's phone and the crisis
//      numbers on screen;
// and, as the Administrator again:
//   7. Plugins → Deactivate → Delete: uninstall.php removes the option, and the
//      plugin's folder is gone.
// Written through PHP (no UI for them): the site's install (wp_install), the
// Author's account, and the Classic-editor posts (wp_insert_post as the Author,
// with WordPress's filters for that role).
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney } from '../support/journey.js';
import { expectNoRequestsSince, expectNothingStored, inMemory, recordNetwork, storageSnapshot } from '../support/network.js';
import { releaseVersion } from '../support/release.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { FIXTURES_DIR, REPO_DIR, STRICT_CSP, sri } from '../support/server.js';
import { ACCOUNTS, parseJson, phpString, pluginZipName, startWordPress } from '../support/wordpress.js';

test.describe.configure({ mode: 'serial' });

const CACHE = 'public, max-age=31536000, immutable';
const PHONE = '(541) 555-0142';

let wp;
let version;
let zip;
let started;
let assetsPath; // /wp-content/plugins/carestep/assets/carestep-<version>/
let postUrl; // the Author's published block post
const config = JSON.parse(await readFile(path.join(FIXTURES_DIR, 'configs', 'demo.json'), 'utf8'));
delete config.$schema;

/** The demo configuration as an admin pastes it: pretty, with a blank line between sections. */
const pasted = JSON.stringify(config, null, 2).replace(/\n {2}"/g, '\n\n  "');

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  started = Date.now();
  version = await releaseVersion();
  const built = path.join(REPO_DIR, 'target', 'release-bundle', pluginZipName(version));
  try {
    await readFile(built);
  } catch {
    throw new Error(`${path.relative(REPO_DIR, built)} is missing: run \`cargo xtask release\` first`);
  }
  wp = await startWordPress();
  // A copy, so a release rebuilt meanwhile cannot change the file under the upload.
  zip = path.join(wp.dir, pluginZipName(version));
  await copyFile(built, zip);
  assetsPath = `/wp-content/plugins/carestep/assets/carestep-${version}/`;
});

test.afterAll(async () => {
  if (wp && started) figure(`WordPress part: ${((Date.now() - started) / 1000).toFixed(1)} s from MariaDB's first start to the last test`);
  await wp?.close();
});

/** Logs in through wp-login.php, as a person does. */
async function logIn(page, who) {
  await page.goto(`${wp.url}/wp-login.php`);
  // wp-login.php's wp_attempt_focus() runs 200 ms after load: it focuses a field and, when it
  // knows the user name, empties the password. Typing before it has run loses the password
  // on a fast machine, so wait for the focus it gives.
  await page.waitForFunction(() => ['user_login', 'user_pass'].includes(document.activeElement?.id));
  await page.getByLabel('Username or Email Address').fill(who.login);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(who.password);
  await expect(password).toHaveValue(who.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await expect(page).toHaveURL(/\/wp-admin\/?/);
}

/** The saved option, as PHP reads it. */
async function savedConfig() {
  return parseJson(await wp.php("echo wp_json_encode( get_option( 'carestep_config', null ) );"));
}

test('an Administrator uploads the plugin zip, activates it, and saves the configuration in Settings → CareStep', async ({ page }) => {
  await logIn(page, ACCOUNTS.admin);

  // Plugins → Add New → Upload Plugin.
  await page.goto(`${wp.url}/wp-admin/plugin-install.php`);
  await page.getByRole('button', { name: 'Upload Plugin' }).click();
  await page.getByLabel('Plugin zip file').setInputFiles(zip);
  await page.getByRole('button', { name: 'Install Now' }).click();
  await expect(page.getByText('Plugin installed successfully.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await expect(page.getByText('Plugin activated.')).toBeVisible();
  const row = page.locator('tr[data-slug="carestep"]');
  await expect(row).toContainText(`Version ${version}`);
  await expect(row.getByRole('link', { name: 'Settings' })).toBeVisible();

  // Settings → CareStep.
  await page.goto(`${wp.url}/wp-admin/options-general.php`);
  await page.locator('#adminmenu').getByRole('link', { name: 'CareStep', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'CareStep self-check', level: 1 })).toBeVisible();
  // The release's own set-up page, embedded from the plugin's assets.
  const setup = page.getByTitle('CareStep set-up page');
  await expect(setup).toHaveAttribute('src', `${wp.url}${assetsPath}setup.html`);
  await expect(setup.contentFrame().getByRole('heading', { name: 'Set up your CareStep self-check', level: 1 })).toBeVisible();

  const box = page.getByLabel('Your configuration (JSON, as the set-up page gives it)');
  // What the Classic editor's automatic paragraphs make of a pasted snippet: refused, with the reason.
  const broken = pasted.replace('\n\n  "programs"', '</p>\n<p>  "programs"');
  await box.fill(broken);
  await page.getByRole('button', { name: 'Save configuration' }).click();
  await expect(page.getByText(/The configuration was not saved: it is not valid JSON/)).toBeVisible();
  await expect(page.getByText(/It contains HTML tags \(such as <p>\)/)).toBeVisible();
  await expect(page.getByText('Settings saved.')).toHaveCount(0);
  await expect(box, 'the refused text stays in the box, to correct').toHaveValue(broken);
  expect(await savedConfig(), 'nothing stored').toBeNull();

  // The clinic's configuration, pretty and with blank lines: saved, on one line.
  await box.fill(pasted);
  await page.getByRole('button', { name: 'Save configuration' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const saved = await savedConfig();
  expect(saved).not.toContain('\n');
  expect(JSON.parse(saved)).toEqual(config);
  await expect(box).toHaveValue(saved);
  figure(`plugin ${pluginZipName(version)} (${(await readFile(zip)).length} bytes) installed through Upload Plugin on WordPress ${wp.version}; configuration of ${pasted.length} characters / ${pasted.split('\n').length} lines saved as one line of ${saved.length}`);
});

test('the plugin\'s files come with the release\'s headers, from Apache through the plugin\'s .htaccess', async () => {
  const listed = parseJson(
    await wp.php(`
      $dir = WP_PLUGIN_DIR . '/carestep/assets/carestep-${version}/';
      $files = array();
      $it = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $dir, FilesystemIterator::SKIP_DOTS ) );
      foreach ( $it as $f ) { $files[] = substr( $f->getPathname(), strlen( $dir ) ); }
      sort( $files );
      echo wp_json_encode( $files );
    `),
  );
  expect(listed).toEqual(expect.arrayContaining(['.htaccess', 'embed/carestep-embed.js', 'embed/frame.html', 'carestep-widget_bg.wasm', 'setup.html']));
  const types = new Set();
  for (const rel of listed.filter((f) => f !== '.htaccess')) {
    const response = await fetch(`${wp.url}${assetsPath}${rel}`);
    const headers = Object.fromEntries(response.headers);
    expect(response.status, rel).toBe(200);
    expect(headers['access-control-allow-origin'], `${rel}: CORS`).toBe('*');
    expect(headers['cache-control'], `${rel}: Cache-Control`).toBe(CACHE);
    expect(headers['x-content-type-options'], `${rel}: nosniff`).toBe('nosniff');
    const type = (headers['content-type'] ?? '').split(';')[0];
    if (/\.(wasm|js|css|html)$/.test(rel)) types.add(`${path.extname(rel)} ${type}`);
    if (rel.endsWith('.wasm')) expect(type, rel).toBe('application/wasm');
    if (rel.endsWith('.js')) expect(['text/javascript', 'application/javascript'], rel).toContain(type);
    if (rel.endsWith('.html')) expect(headers['content-security-policy'], rel).toBe(STRICT_CSP);
  }
  figure(`Apache + the plugin's .htaccess (AllowOverride FileInfo): ${listed.length - 1} files with CORS *, a year of caching, nosniff; ${[...types].sort().join(', ')}`);
});

test('an Author, without unfiltered_html, inserts the CareStep block in the block editor and publishes', async ({ page }) => {
  const can = parseJson(
    await wp.php(`echo wp_json_encode( array(
      'unfiltered_html' => user_can( ${wp.users.author}, 'unfiltered_html' ),
      'publish_posts' => user_can( ${wp.users.author}, 'publish_posts' ),
    ) );`),
  );
  expect(can).toEqual({ unfiltered_html: false, publish_posts: true });

  // The block editor's first-run guide may open at any time: close it when it does.
  await page.addLocatorHandler(page.getByRole('dialog', { name: /Welcome to the block editor/ }), async (dialog) => {
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
  await logIn(page, ACCOUNTS.author);
  await page.goto(`${wp.url}/wp-admin/post-new.php`);
  await page.getByRole('textbox', { name: 'Add title' }).fill('How are you, really?');
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByRole('searchbox', { name: /Search/ }).fill('CareStep');
  await page.getByRole('option', { name: 'CareStep self-check' }).click();
  await expect(page.getByText('The self-check appears here on the published page')).toBeVisible();

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('region', { name: 'Editor publish' }).getByRole('button', { name: 'Publish', exact: true }).click();
  const view = page.getByRole('region', { name: 'Editor publish' }).getByRole('link', { name: 'View Post' }).first();
  await expect(view).toBeVisible({ timeout: 20_000 });
  postUrl = await view.getAttribute('href');
  expect(postUrl.startsWith(wp.url)).toBe(true);

  const post = parseJson(
    await wp.php(`
      $posts = get_posts( array( 'author' => ${wp.users.author}, 'post_status' => 'publish', 'numberposts' => 1 ) );
      echo wp_json_encode( array( 'content' => $posts[0]->post_content, 'title' => $posts[0]->post_title ) );
    `),
  );
  expect(post.title).toBe('How are you, really?');
  expect(post.content).toContain('<!-- wp:carestep/self-check /-->');
  expect(post.content, 'no script in the post').not.toContain('<script');
  figure(`Author (unfiltered_html: false) published the block through the block editor; post content: ${JSON.stringify(post.content)}`);
});

// Each test has a browser context of its own: the visitor is logged in nowhere.
test('a visitor: the widget starts on the published post, a journey reaches carestep score; nothing requested after ready, nothing stored', async ({
  page,
}, testInfo) => {
  expect(postUrl, 'the Author\'s post was published').toBeTruthy();
  const net = await recordNetwork(page, { cdp: true });
  const logAtStart = (await wp.requests()).length;

  await page.goto(postUrl);
  // The page as WordPress printed it: placeholder, configuration on one line, loader with SRI.
  const host = page.locator('[data-carestep]');
  // The placeholder's own paragraph: hidden once the self-check is ready, which may already
  // be the case, and then the loader's help bar (also in the placeholder) has a 988 link too.
  const fallback = host.locator(':scope > p');
  await expect(fallback.getByRole('link', { name: PHONE, includeHidden: true })).toBeAttached();
  await expect(fallback.getByRole('link', { name: '988', includeHidden: true })).toBeAttached();
  const block = await page.locator('script#carestep-config').textContent();
  expect(block, 'the configuration block is one line').not.toMatch(/[\r\n]/);
  expect(JSON.parse(block)).toEqual(config);
  const loader = page.locator('script#carestep-embed-js');
  await expect(loader).toHaveAttribute('src', `${wp.url}${assetsPath}embed/carestep-embed.js`);
  const served = Buffer.from(await (await fetch(`${wp.url}${assetsPath}embed/carestep-embed.js`)).arrayBuffer());
  await expect(loader).toHaveAttribute('integrity', sri(served));
  await expect(loader).toHaveAttribute('crossorigin', 'anonymous');
  await expect(loader).toHaveAttribute('defer', '');

  const cs = new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
  await cs.ready();
  const atReady = net.mark();
  const logAtReady = (await wp.requests()).length;
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/embed/frame.html'));
  const first = await storageSnapshot(frame);

  const run = await completeJourney(cs, BY_LEVEL.iop);
  expect(run.stoppedAt).toBe('result');
  const engine = await score(run.given, testInfo.outputPath('answers.json'));
  expect(await cs.level()).toBe(engine.level);

  expectNoRequestsSince(net, atReady, 'after ready');
  const log = (await wp.requests()).slice(logAtStart);
  expect(log.slice(logAtReady - logAtStart).map((r) => `${r.method} ${r.path}`), 'requests after ready (Apache\'s log)').toEqual([]);
  // Before ready: WordPress's page and its theme's files, and the plugin's bundled files only.
  const before = log.slice(0, logAtReady - logAtStart);
  const plugin = before.filter((r) => r.path.startsWith('/wp-content/plugins/'));
  expect(plugin.filter((r) => !r.path.startsWith(assetsPath)).map((r) => r.path), 'plugin requests outside its assets').toEqual([]);
  expect(before.filter((r) => /admin-ajax|wp-json|rest_route|wp-cron/.test(r.path)).map((r) => r.path), 'admin-ajax, REST or cron calls').toEqual([]);
  expect(before.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`), 'non-GET requests').toEqual([]);
  expect(before.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.path}`), 'answers other than 200').toEqual([]);
  expect(log.filter((r) => r.cookie).map((r) => r.path), 'requests carrying a cookie').toEqual([]);
  const offSite = [...net.requests, ...net.cdpRequests].filter((r) => !r.url.startsWith(wp.url) && !inMemory(r));
  expect(offSite.map((r) => r.url), 'requests to any other host').toEqual([]);
  expect(net.sockets, 'WebSockets').toEqual([]);
  expect(net.workers, 'service workers').toEqual([]);

  expectNothingStored([
    ['frame at ready', first],
    ['frame at the end', await storageSnapshot(frame)],
    ['WordPress page', await storageSnapshot(page.mainFrame())],
  ]);
  expect(await page.context().cookies(), 'cookies').toEqual([]);
  figure(
    `WordPress post with the block: journey of ${run.order.length} questions → ${engine.level} (= carestep score); ` +
      `${before.length} requests before ready (${plugin.length} of them the plugin's assets), 0 after (browser, CDP, Apache log); ` +
      `no cookie, nothing stored; loader SRI ${sri(served).slice(0, 18)}…`,
  );
});

test('a page without the block or the shortcode loads nothing of the plugin', async ({ page }) => {
  const logAtStart = (await wp.requests()).length;
  await page.goto(`${wp.url}/?page_id=2`); // WordPress's "Sample Page"
  await expect(page.getByRole('heading', { name: 'Sample Page' })).toBeVisible();
  await expect(page.locator('script#carestep-embed-js, script#carestep-config, [data-carestep]')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain('carestep');
  const plugin = (await wp.requests()).slice(logAtStart).filter((r) => r.path.includes('/plugins/carestep'));
  expect(plugin.map((r) => r.path)).toEqual([]);
});

test('a Classic-editor post by the Author: [carestep] between blank lines works; the Author\'s raw snippet loses its scripts', async ({
  page,
}) => {
  const snippet = `<div data-carestep><p>Call ${PHONE}</p></div>\n<script type="application/json" id="carestep-config">{"clinic":{"name":"X"}}</script>\n<script src="${wp.url}${assetsPath}embed/carestep-embed.js"></script>`;
  const made = parseJson(
    await wp.php(`
      wp_set_current_user( ${wp.users.author} ); // WordPress's filters for an Author (no unfiltered_html)
      $classic = wp_insert_post( array(
        'post_title' => 'A minute for yourself', 'post_status' => 'publish', 'post_type' => 'post',
        'post_content' => "Take a minute for yourself.\\n\\n[carestep]\\n\\nWe are here for you.",
      ), true );
      $raw = wp_insert_post( array(
        'post_title' => 'The snippet, pasted', 'post_status' => 'draft', 'post_type' => 'post',
        'post_content' => wp_slash( ${phpString(snippet)} ),
      ), true );
      echo wp_json_encode( array(
        'url' => get_permalink( $classic ),
        'raw' => get_post_field( 'post_content', $raw ),
      ) );
    `),
  );
  expect(made.raw, 'WordPress keeps the Author\'s placeholder').toContain('data-carestep');
  expect(made.raw, 'and strips the Author\'s scripts').not.toContain('<script');

  await page.goto(made.url);
  const host = page.locator('[data-carestep]');
  await expect(host.locator(':scope > p').getByRole('link', { name: PHONE, includeHidden: true })).toBeAttached();
  const block = await page.locator('script#carestep-config').textContent();
  expect(block).not.toMatch(/[\r\n]|<p>|<br/);
  expect(JSON.parse(block)).toEqual(config);
  expect(await host.evaluate((el) => el.parentElement.tagName), 'the placeholder is not wrapped in a paragraph').not.toBe('P');
  await expect(page.getByText('Take a minute for yourself.')).toBeVisible();
  const cs = new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
  await cs.ready();
  await expect(cs.heading()).toBeVisible();
  await expect(cs.button('Start')).toBeVisible();
  figure(`Classic-editor post "Take a minute…\\n\\n[carestep]\\n\\n…": widget ready, configuration one line; the Author's raw snippet saved as ${JSON.stringify(made.raw)}`);
});

test('a configuration with a mistake keeps the clinic\'s phone and the crisis numbers on the published post', async ({ page }) => {
  // A valid JSON object with an invalid field (the set-up page would have flagged it).
  const wrong = { ...config, programs: [{ ...config.programs[0], cta: { ...config.programs[0].cta, url: 'javascript:alert(1)' } }] };
  await wp.php(`update_option( 'carestep_config', ${phpString(JSON.stringify(wrong))} );`);
  try {
    await page.goto(postUrl);
    const host = page.locator('[data-carestep]');
    await expect(host).toHaveAttribute('data-carestep-state', 'unavailable');
    await expect(host.locator(':scope > p').getByRole('link', { name: PHONE })).toBeVisible();
    await expect(host.locator(':scope > p').getByRole('link', { name: '988' })).toBeVisible();
    const frame = page.getByTitle(FRAME_TITLE).contentFrame();
    await expect(frame.getByRole('heading', { name: "The self-check isn't available right now" })).toBeVisible();
  } finally {
    await wp.php(`update_option( 'carestep_config', ${phpString(JSON.stringify(config))} );`);
  }
  // And nothing of the plugin's PHP complained on the way (WP_DEBUG_LOG).
  const log = await wp.debugLog();
  expect(log.split('\n').filter((l) => /plugins\/carestep/.test(l)), 'PHP notices from the plugin').toEqual([]);
  figure('invalid configuration: the placeholder with (541) 555-0142 and 988 stays visible; no PHP notice from the plugin');
});

test('the Administrator deactivates and deletes the plugin: uninstall.php removes its option, and its files are gone', async ({ page }) => {
  expect(await savedConfig(), 'a configuration is saved before').not.toBeNull();
  await logIn(page, ACCOUNTS.admin);
  await page.goto(`${wp.url}/wp-admin/plugins.php`);
  const row = page.locator('tr[data-slug="carestep"]');
  await row.getByRole('link', { name: /^Deactivate/ }).click();
  await expect(page.getByText('Plugin deactivated.')).toBeVisible();
  page.once('dialog', (dialog) => dialog.accept()); // "Are you sure you want to delete CareStep…?"
  await page.locator('tr[data-slug="carestep"]').getByRole('link', { name: /^Delete/ }).click();
  await expect(page.getByText('CareStep was successfully deleted.')).toBeVisible({ timeout: 20_000 });
  const after = parseJson(
    await wp.php(`echo wp_json_encode( array(
      'option' => get_option( 'carestep_config', 'absent' ),
      'folder' => file_exists( WP_PLUGIN_DIR . '/carestep' ),
    ) );`),
  );
  expect(after).toEqual({ option: 'absent', folder: false });
  figure('deleted through Plugins: option carestep_config removed by uninstall.php, wp-content/plugins/carestep/ gone');
});
