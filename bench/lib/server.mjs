// A minimal static file server for the benchmark: serves one folder from
// 127.0.0.1 on an ephemeral port, gzip-compressing text and wasm responses
// the way a production host would, with the content types browsers need
// (`application/wasm` so that `WebAssembly.instantiateStreaming` works).
//
// Files are read and compressed once, on first request, and then served from
// memory so that the server's own CPU work does not land in the measurements
// (both pages share the same 2-core machine as the browser).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync, constants as zlib } from "node:zlib";

/** Content type by file extension; anything else is served as octet-stream. */
export const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Extensions worth compressing (images and fonts are already compressed). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt", ".map", ".ico"]);

/**
 * Gzip level used for every compressible file. Level 9 is what a build step
 * that pre-compresses assets (or a CDN) typically uses; both pages get the same.
 */
export const GZIP_LEVEL = 9;

/**
 * Starts a server for `root` and resolves to `{ url, close, stats }` where
 * `url` ends in "/" and `stats()` reports how many requests it answered.
 */
export async function serveFolder(root, { cors = false } = {}) {
  const base = resolve(root);
  const cache = new Map();
  let requests = 0;

  async function load(path) {
    let entry = cache.get(path);
    if (!entry) {
      const body = await readFile(path);
      const ext = extname(path).toLowerCase();
      const type = CONTENT_TYPES[ext] ?? "application/octet-stream";
      const gz = COMPRESSIBLE.has(ext) ? gzipSync(body, { level: GZIP_LEVEL, memLevel: zlib.Z_BEST_COMPRESSION }) : null;
      entry = { body, gz, type };
      cache.set(path, entry);
    }
    return entry;
  }

  const server = createServer(async (req, res) => {
    requests += 1;
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let rel = decodeURIComponent(url.pathname);
      if (rel.endsWith("/")) rel += "index.html";
      const path = normalize(join(base, rel));
      if (path !== base && !path.startsWith(base + sep)) throw Object.assign(new Error("outside root"), { code: "ENOENT" });
      const info = await stat(path);
      if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "ENOENT" });
      const { body, gz, type } = await load(path);
      const acceptsGzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const headers = {
        "content-type": type,
        "cache-control": "no-store",
        vary: "accept-encoding",
      };
      // The set-up page's preview frame is sandboxed (an opaque origin): its module and
      // wasm loads are CORS requests, as on a clinic's server with the hosting recipe.
      if (cors) headers["access-control-allow-origin"] = "*";
      let payload = body;
      if (gz && acceptsGzip) {
        headers["content-encoding"] = "gzip";
        payload = gz;
      }
      headers["content-length"] = payload.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : payload);
    } catch (err) {
      const status = err.code === "ENOENT" || err.code === "EISDIR" ? 404 : 500;
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(status === 404 ? "not found\n" : "server error\n");
    }
  });

  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    stats: () => ({ requests }),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
