// The end-to-end suite's static server: the release bundle (`../dist`) and the
// test fixtures (host pages, configurations) on 127.0.0.1, on a free port.
//
// Why our own server and not `trunk serve` or `python -m http.server`: every
// check needs to control the HTTP headers a clinic's server would send, per
// route, and to see every request the browser makes (a second witness next to
// the browser's own network events in the privacy checks).
//
// URL layout (prefix segments combine, in any order, before the route):
//
//   /carestep/…            the bundle exactly as `trunk build --release` wrote it
//   /carestep/embed/…      the embedding files (from dist/embed, or from ../embed
//                           while the bundle does not copy them yet: see OVERLAY)
//   /site/…                fixture host pages (e2e/fixtures/site), templated
//   /exit/                 a neutral local page (stand-in for a quick-exit site)
//
//   /csp/…                 every HTML response also carries the strict
//                           Content-Security-Policy of product.md (STRICT_CSP)
//   /cfg/<name>/…          HTML pages get e2e/fixtures/configs/<name>.json as
//                           their inline configuration (`none` removes the block)
//   /nocors/…              the bundle is served WITHOUT Access-Control-Allow-Origin
//                           (shows why a sandboxed frame needs it)
//
// Headers on every response: Content-Type, Cache-Control: no-store,
// X-Content-Type-Options: nosniff. The bundle's files also get
// `Access-Control-Allow-Origin: *`: a sandboxed iframe without
// allow-same-origin has an opaque origin, so its module script and its
// .wasm fetch are cross-origin requests even on the clinic's own server.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const E2E_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(E2E_DIR, '..');
// CARESTEP_DIST lets a developer point the suite at a copy of the bundle
// (e.g. while another build rewrites dist/); the default is the real one.
export const DIST_DIR = process.env.CARESTEP_DIST ? path.resolve(process.env.CARESTEP_DIST) : path.join(REPO_DIR, 'dist');
export const EMBED_DIR = path.join(REPO_DIR, 'embed');
export const FIXTURES_DIR = path.join(E2E_DIR, 'fixtures');

/** The policy of product.md / issue 4 §2d, verbatim. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "connect-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

// Marks where a fixture configuration goes while the block is being replaced.
const CONFIG_PLACEHOLDER = '\u0000CARESTEP_CONFIG\u0000';
// The inline configuration block, in any attribute order, quoted or not
// (Trunk's release build minifies index.html).
const CONFIG_BLOCK = /(<script\b[^>]*\bid=["']?carestep-config["']?[^>]*>)([\s\S]*?)(<\/script>)/i;

/** The text of a page's inline configuration block, or null. */
export function configBlockText(html) {
  const match = CONFIG_BLOCK.exec(html);
  return match ? match[2] : null;
}

/** sha384 Subresource Integrity value of a file's bytes. */
export function sri(bytes) {
  return 'sha384-' + createHash('sha384').update(bytes).digest('base64');
}

/**
 * Starts the server. Returns `{ url, port, requests, close() }`; `requests`
 * lists every request received (method, path, a few headers), in order.
 */
export async function startServer({
  distDir = DIST_DIR,
  embedDir = EMBED_DIR,
  fixturesDir = FIXTURES_DIR,
} = {}) {
  const requests = [];
  let overlayWarned = false;

  async function fileOrNull(file) {
    try {
      const s = await stat(file);
      return s.isFile() ? await readFile(file) : null;
    } catch {
      return null;
    }
  }

  /** Resolves a path inside `base` or returns null if it would escape it. */
  function inside(base, rel) {
    const full = path.resolve(base, '.' + path.posix.sep + rel);
    return full === base || full.startsWith(base + path.sep) ? full : null;
  }

  async function configText(name) {
    const bytes = await fileOrNull(inside(path.join(fixturesDir, 'configs'), `${name}.json`) ?? '');
    if (bytes === null) throw new Error(`no fixture configuration named "${name}"`);
    return bytes.toString('utf8');
  }

  /** The bundle's embed files: dist/embed once the widget's build copies them, else ../embed. */
  async function embedFile(rel) {
    const fromDist = await fileOrNull(inside(path.join(distDir, 'embed'), rel) ?? '');
    if (fromDist !== null) return { bytes: fromDist, overlay: false };
    const fromRepo = await fileOrNull(inside(embedDir, rel) ?? '');
    if (fromRepo !== null && !overlayWarned) {
      overlayWarned = true;
      console.warn(
        'e2e server: dist/embed/ is missing, serving ../embed/ in its place ' +
          '(index.html needs <link data-trunk rel="copy-dir" href="embed">)',
      );
    }
    return fromRepo === null ? null : { bytes: fromRepo, overlay: true };
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({
      method: req.method,
      path: url.pathname,
      search: url.search,
      dest: req.headers['sec-fetch-dest'] ?? null,
      mode: req.headers['sec-fetch-mode'] ?? null,
      site: req.headers['sec-fetch-site'] ?? null,
      origin: req.headers.origin ?? null,
      cookie: req.headers.cookie ?? null,
    });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }

    let segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const profile = { csp: false, config: null, cors: true };
    for (;;) {
      if (segments[0] === 'csp') {
        profile.csp = true;
        segments = segments.slice(1);
      } else if (segments[0] === 'nocors') {
        profile.cors = false;
        segments = segments.slice(1);
      } else if (segments[0] === 'cfg' && segments.length > 1) {
        profile.config = segments[1];
        segments = segments.slice(2);
      } else break;
    }
    if (segments.some((s) => s === '..' || s.includes('/') || s.includes('\\'))) {
      res.writeHead(400).end();
      return;
    }

    const [area, ...rest] = segments;
    let rel = rest.join('/');
    if (url.pathname.endsWith('/')) rel = rel ? `${rel}/index.html` : 'index.html';
    let bytes = null;
    let bundle = false;
    const headers = {};

    if (area === 'carestep') {
      bundle = true;
      if (rest[0] === 'embed') {
        const found = await embedFile(rest.slice(1).join('/') || 'index.html');
        if (found) {
          bytes = found.bytes;
          if (found.overlay) headers['X-CareStep-Overlay'] = 'embed';
        }
      } else {
        bytes = await fileOrNull(inside(distDir, rel) ?? '');
      }
    } else if (area === 'site') {
      bytes = await fileOrNull(inside(path.join(fixturesDir, 'site'), rel) ?? '');
    } else if (area === 'exit') {
      bytes = Buffer.from(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Weather</title></head>' +
          '<body><h1>Local weather</h1><p>A neutral page.</p></body></html>',
      );
      rel = 'index.html';
    }

    if (bytes === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : 'not found');
      return;
    }

    const ext = path.extname(rel).toLowerCase();
    if (ext === '.html') {
      let html = bytes.toString('utf8');
      if (area === 'site') html = await templateHostPage(html);
      // embed/frame.html has no block (it gets its configuration by postMessage);
      // any other page without one is a broken fixture or a changed bundle.
      const hasBlock = CONFIG_BLOCK.test(html);
      if (profile.config !== null && !hasBlock && !(area === 'carestep' && rel === 'embed/frame.html')) {
        throw new Error(`${url.pathname}: no configuration block to replace`);
      }
      if (profile.config !== null && hasBlock) {
        html =
          profile.config === 'none'
            ? html.replace(CONFIG_BLOCK, '')
            : html.replace(CONFIG_BLOCK, (_m, open, _old, close) => `${open}${'\n'}${CONFIG_PLACEHOLDER}${'\n'}${close}`);
        if (profile.config !== 'none') {
          const text = await configText(profile.config);
          // Not String.replace with a string: `$` in a config must stay literal.
          html = html.split(CONFIG_PLACEHOLDER).join(text.replaceAll('</', '<\\/'));
        }
      }
      bytes = Buffer.from(html, 'utf8');
      if (profile.csp) headers['Content-Security-Policy'] = STRICT_CSP;
    }

    headers['Content-Type'] = TYPES[ext] ?? 'application/octet-stream';
    headers['Cache-Control'] = 'no-store';
    headers['X-Content-Type-Options'] = 'nosniff';
    headers['Content-Length'] = String(bytes.length);
    if (bundle && profile.cors) headers['Access-Control-Allow-Origin'] = '*';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  /**
   * Host fixtures are templates: `{{CONFIG}}` = the demo configuration,
   * `{{SRI path}}` = the integrity value of a bundle file (path relative to
   * /carestep/), so each page pins exactly the loader it is served with.
   */
  async function templateHostPage(html) {
    if (html.includes('{{CONFIG}}')) html = html.split('{{CONFIG}}').join(await configText('demo'));
    const wanted = [...html.matchAll(/\{\{SRI ([^}]+)\}\}/g)].map((m) => m[1]);
    for (const rel of new Set(wanted)) {
      const parts = rel.split('/');
      const found =
        parts[0] === 'embed'
          ? await embedFile(parts.slice(1).join('/'))
          : { bytes: await fileOrNull(inside(distDir, rel) ?? '') };
      if (!found || found.bytes === null) throw new Error(`{{SRI ${rel}}}: no such bundle file`);
      html = html.split(`{{SRI ${rel}}}`).join(sri(found.bytes));
    }
    return html;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('e2e server:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

