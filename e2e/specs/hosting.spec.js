// Hosting recipes (issue 11 item 3): the release zip's carestep-<version>/
// folder, as a clinic uploads it, served by REAL nginx, Apache and Caddy with
// the recipes the zip ships in its hosting/ folder, each included unchanged
// (support/servers.js), next to a plain clinic page with the iframe snippet.
//
// For each server: every file of the folder comes with the headers the
// recipe promises (WebAssembly type, CORS, a year of caching on the versioned
// path, nosniff, the strict Content-Security-Policy on the pages, no framing
// ban), a mistyped address is not cached for a year, and a visitor's whole
// iframe journey reaches the result the engine computes, with nothing
// requested after the widget is ready (browser and the server's own access
// log), nothing stored and no policy violation. For nginx also: the recipe
// minus each header really loses that header (what the set-up page's "Check
// my hosting" must notice), and without CORS the frame fails and the clinic's
// fallback stays; the _headers file (not testable here) promises the same
// headers nginx sends.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney } from '../support/journey.js';
import { expectNothingStored, expectNoRequestsSince, inMemory, recordNetwork, storageSnapshot } from '../support/network.js';
import { release } from '../support/release.js';
import { BY_LEVEL } from '../support/scenarios.js';
import { REPO_DIR, STRICT_CSP } from '../support/server.js';
import { makeSite, startServer } from '../support/servers.js';

const CACHE = 'public, max-age=31536000, immutable';
/** The headers every recipe sets, by name, and the value each must have. */
const ON_EVERY_FILE = {
  'access-control-allow-origin': '*',
  'cache-control': CACHE,
  'x-content-type-options': 'nosniff',
};
const JS_TYPES = ['text/javascript', 'application/javascript'];


/** Every file under `dir`, as paths relative to it with "/" separators. */
async function filesUnder(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, child)));
    else if (entry.isFile()) out.push(child);
  }
  return out.sort();
}

/** The media type without parameters ("text/html; charset=utf-8" → "text/html"). */
const mediaType = (value) => (value ?? '').split(';')[0].trim().toLowerCase();

/** GETs `url` with Node's fetch: `{ status, headers (lower-case names), bytes }`. */
async function get(url) {
  const response = await fetch(url, { redirect: 'manual' });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Checks one file's response against the recipe's promises; returns its Content-Type. */
function expectRecipeHeaders(rel, response, bytes) {
  const where = `${rel}`;
  expect(response.status, `${where}: status`).toBe(200);
  expect(response.bytes.equals(bytes), `${where}: the served bytes are the file's`).toBe(true);
  for (const [name, value] of Object.entries(ON_EVERY_FILE)) expect(response.headers[name], `${where}: ${name}`).toBe(value);
  const type = mediaType(response.headers['content-type']);
  if (rel.endsWith('.wasm')) expect(type, `${where}: Content-Type`).toBe('application/wasm');
  if (rel.endsWith('.js')) expect(JS_TYPES, `${where}: Content-Type ${type}`).toContain(type);
  if (rel.endsWith('.css')) expect(type, `${where}: Content-Type`).toBe('text/css');
  if (rel.endsWith('.html')) {
    expect(type, `${where}: Content-Type`).toBe('text/html');
    expect(response.headers['content-security-policy'], `${where}: Content-Security-Policy`).toBe(STRICT_CSP);
    // The clinic's page must be able to frame embed/frame.html.
    expect(response.headers['x-frame-options'], `${where}: X-Frame-Options`).toBeUndefined();
  }
  return response.headers['content-type'];
}

test('the release zip ships the repository\'s hosting recipes unchanged', async () => {
  const rel = await release();
  const repo = path.join(REPO_DIR, 'hosting');
  const names = await filesUnder(repo);
  expect(names).toEqual(expect.arrayContaining(['README.md', 'nginx.conf', 'apache.htaccess', 'apache-site.conf', 'Caddyfile', '_headers']));
  expect(await filesUnder(path.join(rel.dir, 'hosting')), 'files in the zip\'s hosting/').toEqual(names);
  for (const name of names) {
    const shipped = await readFile(path.join(rel.dir, 'hosting', name));
    expect(shipped.equals(await readFile(path.join(repo, name))), `hosting/${name} in ${path.basename(rel.zip)} = the repository's (else rebuild the zip: \`cargo xtask release\`)`).toBe(true);
  }
  figure(`${path.basename(rel.zip)}: ${names.length} recipe files, identical to hosting/ (${names.join(', ')})`);
});

// Each server gets a different answer set (the level is always the engine's).
const SERVERS = [
  { kind: 'nginx', recipe: 'hosting/nginx.conf, included in server {}', journey: BY_LEVEL.outpatient },
  { kind: 'apache2', recipe: 'hosting/apache.htaccess as the folder\'s .htaccess (AllowOverride FileInfo)', journey: BY_LEVEL.iop },
  { kind: 'apache2-site', recipe: 'hosting/apache-site.conf, included in the server configuration', journey: null },
  { kind: 'caddy', recipe: 'hosting/Caddyfile, imported; `import carestep` in the site', journey: BY_LEVEL.php },
];

for (const { kind, recipe, journey } of SERVERS) {
  test.describe(`${kind} (${recipe})`, () => {
    let rel;
    let site;
    let server;
    test.beforeAll(async () => {
      rel = await release();
      site = await makeSite(rel);
      server = await startServer(kind, site, { recipesDir: path.join(rel.dir, 'hosting') });
    });
    test.afterAll(async () => {
      await server?.close();
      await site?.remove();
    });

    test('every file of the folder: wasm type, CORS, a year of caching, nosniff; CSP on the pages', async () => {
      const files = await filesUnder(rel.dir);
      expect(files).toEqual(expect.arrayContaining(['embed/frame.html', 'embed/carestep-embed.js', 'carestep-widget_bg.wasm']));
      const types = {};
      for (const file of files) {
        const response = await get(`${server.url}${site.folder}${file}`);
        const type = expectRecipeHeaders(file, response, await readFile(path.join(rel.dir, file)));
        const ext = path.extname(file) || path.basename(file);
        types[ext] = type;
      }
      // A mistyped address must not be remembered for a year.
      const missing = await get(`${server.url}${site.folder}no-such-file.js`);
      expect(missing.status).toBe(404);
      expect(missing.headers['cache-control'] ?? '', 'Cache-Control of a 404').not.toContain('immutable');
      figure(
        `${kind}: ${files.length} files checked; Content-Type by extension: ` +
          Object.entries(types)
            .sort()
            .map(([ext, type]) => `${ext} ${type}`)
            .join(', ') +
          `; 404 Cache-Control: ${missing.headers['cache-control'] ?? '(none)'}`,
      );
    });

    if (!journey) return;

    test('a visitor\'s iframe journey reaches the engine\'s result; nothing requested after ready, nothing stored, no CSP violation', async ({
      page,
    }, testInfo) => {
      const violations = [];
      await page.exposeBinding('__carestepCspViolation', ({ frame }, v) => violations.push({ frame: frame.url(), ...v }));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__carestepCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI }),
        );
      });
      const documents = [];
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'document') documents.push({ url: r.url(), headers: await r.allHeaders() });
      });
      const net = await recordNetwork(page, { cdp: false });
      // The server may have answered other tests (and its start-up probe) already.
      const logAtStart = (await server.requests()).length;

      await page.goto(server.url + site.hostPage);
      const cs = new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), 'iframe');
      await cs.ready();
      const atReady = net.mark();
      const serverAtReady = (await server.requests()).length - logAtStart;
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const first = await storageSnapshot(frame);

      const run = await completeJourney(cs, journey);
      expect(run.stoppedAt).toBe('result');
      const engine = await score(run.given, testInfo.outputPath('answers.json'));
      expect(await cs.level()).toBe(engine.level);

      // Nothing asked of the network once ready: the browser's events and the server's own log.
      expectNoRequestsSince(net, atReady, 'after ready');
      const log = (await server.requests()).slice(logAtStart);
      expect(log.slice(serverAtReady).map((r) => `${r.method} ${r.path}`), `requests after ready (${kind} access log)`).toEqual([]);
      // Before ready: only the clinic's page and the folder's own files, each found (no 404).
      const foreign = log.slice(0, serverAtReady).filter((r) => !site.hostFiles.has(r.path) && !r.path.startsWith(site.folder));
      expect(foreign.map((r) => r.path), 'requests outside the CareStep folder and the host page').toEqual([]);
      expect(log.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.path}`), 'answers other than 200').toEqual([]);
      expect(log.filter((r) => r.method !== 'GET').length, 'non-GET requests').toBe(0);
      const offSite = net.requests.filter((r) => !r.url.startsWith(server.url) && !inMemory(r));
      expect(offSite.map((r) => r.url), 'requests to any other host').toEqual([]);
      expect(net.sockets, 'WebSockets').toEqual([]);
      expect(net.workers, 'service workers').toEqual([]);

      // Nothing kept on the device, in the frame or on the clinic's page.
      expectNothingStored([
        ['frame at ready', first],
        ['frame at the end', await storageSnapshot(frame)],
        ['clinic page', await storageSnapshot(page.mainFrame())],
      ]);
      expect(await page.context().cookies(), 'cookies').toEqual([]);

      // The frame came with the recipe's policy header, and nothing was refused under it.
      const frameDoc = documents.find((d) => d.url.endsWith(`${site.folder}embed/frame.html`));
      expect(frameDoc, 'the frame document was loaded').toBeTruthy();
      expect(frameDoc.headers['content-security-policy']).toBe(STRICT_CSP);
      expect(violations, 'securitypolicyviolation events').toEqual([]);

      figure(
        `${kind}: journey of ${run.order.length} questions → ${engine.level} (= carestep score); ` +
          `${serverAtReady} requests before ready (host page + ${serverAtReady - 1} folder files, all 200), ` +
          `0 after ready (browser and ${kind} log); nothing stored; 0 CSP violations`,
      );
    });

    if (kind !== 'nginx') return;

    test('the _headers file (Netlify, Cloudflare Pages) promises the headers nginx sends', async () => {
      const rules = parseHeadersFile(await readFile(path.join(rel.dir, 'hosting', '_headers'), 'utf8'));
      expect(rules.length).toBeGreaterThan(0);
      const checked = ['access-control-allow-origin', 'cache-control', 'x-content-type-options', 'content-security-policy'];
      const files = await filesUnder(rel.dir);
      for (const file of files) {
        const url = `${site.folder}${file}`;
        const promised = headersFor(rules, url);
        const sent = (await get(server.url + url)).headers;
        for (const name of checked) expect(promised[name], `_headers for ${url}: ${name}`).toBe(sent[name]);
        if (file.endsWith('.wasm')) expect(promised['content-type'], `_headers for ${url}: content-type`).toBe('application/wasm');
      }
      figure(`_headers: ${rules.length} rules; for all ${files.length} files the same ${checked.length} headers as nginx`);
    });
  });
}

test.describe('nginx with one header removed from the recipe', () => {
  let rel;
  let site;
  const servers = [];
  test.beforeAll(async () => {
    rel = await release();
    site = await makeSite(rel);
  });
  test.afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await site?.remove();
  });

  test('each header removed is missing from the answers, and only it', async () => {
    const recipesDir = path.join(rel.dir, 'hosting');
    const probes = ['carestep-widget_bg.wasm', 'embed/frame.html', 'embed/carestep-embed.js'];
    const removable = ['Access-Control-Allow-Origin', 'Cache-Control', 'X-Content-Type-Options', 'Content-Security-Policy', 'Content-Type'];
    const seen = [];
    for (const without of removable) {
      const server = await startServer('nginx', site, { recipesDir, without });
      servers.push(server);
      for (const file of probes) {
        const { status, headers } = await get(`${server.url}${site.folder}${file}`);
        expect(status).toBe(200);
        const expected = { ...ON_EVERY_FILE };
        if (file.endsWith('.html')) expected['content-security-policy'] = STRICT_CSP;
        for (const [name, value] of Object.entries(expected)) {
          if (name === without.toLowerCase()) expect(headers[name], `without ${without}: ${file}`).toBeUndefined();
          else expect(headers[name], `without ${without}: ${file} keeps ${name}`).toBe(value);
        }
        if (file.endsWith('.wasm')) {
          const type = mediaType(headers['content-type']);
          if (without === 'Content-Type') expect(type, 'wasm type without the recipe\'s type').not.toBe('application/wasm');
          else expect(type).toBe('application/wasm');
          if (without === 'Content-Type') seen.push(`Content-Type → .wasm as ${type}`);
        }
      }
      if (without !== 'Content-Type') seen.push(`${without} → absent`);
    }
    figure(`nginx recipe minus one header: ${seen.join('; ')}`);
  });

  test('without Access-Control-Allow-Origin the frame fails and the clinic\'s fallback with its phone stays', async ({ page }) => {
    const server = await startServer('nginx', site, { recipesDir: path.join(rel.dir, 'hosting'), without: 'Access-Control-Allow-Origin' });
    servers.push(server);
    await page.goto(server.url + site.hostPage);
    const host = page.locator('[data-carestep]');
    await expect(host).toHaveAttribute('data-carestep-state', 'failed');
    await expect(host.getByRole('link', { name: '(541) 555-0142' })).toBeVisible();
    figure('nginx without Access-Control-Allow-Origin: frame reported "failed", the clinic\'s phone number still shown');
  });
});

/** Netlify / Cloudflare Pages `_headers`: [{ pattern: RegExp, headers: {name: value} }]. */
function parseHeadersFile(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: {} });
    } else {
      const colon = line.indexOf(':');
      if (colon < 0 || rules.length === 0) throw new Error(`_headers: cannot read the line "${line}"`);
      rules.at(-1).headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}

/** The headers every matching rule adds to `url`. */
function headersFor(rules, url) {
  const out = {};
  for (const rule of rules) if (rule.pattern.test(url)) Object.assign(out, rule.headers);
  return out;
}
