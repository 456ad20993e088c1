import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { serveFolder } from "../lib/server.mjs";

const root = fileURLToPath(new URL("../fixtures/standin/", import.meta.url));
let server;
before(async () => {
  server = await serveFolder(root);
});
after(() => server.close());

/** A raw GET (no path normalisation by the client), resolving to { status, headers, body }. */
function get(path, headers = { "accept-encoding": "gzip, deflate, br" }) {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("binds to 127.0.0.1 only", () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test("the folder's index.html is served for / as gzip-encoded HTML", async () => {
  const res = await get("/");
  assert.equal(res.status, 200);
  assert.equal(res.headers["content-type"], "text/html; charset=utf-8");
  assert.equal(res.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(res.body), readFileSync(root + "index.html"));
});

test("wasm is served as application/wasm (instantiateStreaming needs it), gzip-encoded", async () => {
  const res = await get("/standin_bg.wasm");
  assert.equal(res.status, 200);
  assert.equal(res.headers["content-type"], "application/wasm");
  assert.equal(res.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(res.body), readFileSync(root + "standin_bg.wasm"));
});

test("a client that does not accept gzip gets the identity body", async () => {
  const res = await get("/standin.js", {});
  assert.equal(res.headers["content-encoding"], undefined);
  assert.equal(res.headers["content-type"], "text/javascript; charset=utf-8");
  assert.deepEqual(res.body, readFileSync(root + "standin.js"));
});

test("missing files and paths outside the folder are 404", async () => {
  assert.equal((await get("/nope.js")).status, 404);
  assert.equal((await get("/%2e%2e/%2e%2e/package.json")).status, 404);
  assert.equal((await get("/../../package.json")).status, 404);
  // Encoded slashes survive URL parsing and would reach bench/package.json
  // if the server did not check that the resolved path stays in the folder.
  assert.equal((await get("/..%2f..%2fpackage.json")).status, 404);
});

test("counts the requests it answered", async () => {
  const before = server.stats().requests;
  await get("/");
  assert.equal(server.stats().requests, before + 1);
});
