// Witnesses of everything a page asks of the network, for the privacy checks:
// Playwright's request events (every frame, including out-of-process ones and
// service workers), Chromium's own Network domain over CDP (which also reports
// beacons, pings and prefetches), WebSockets, and — kept by the caller — the
// test server's log of what actually arrived.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';

/**
 * Starts recording. Returns `{ requests, cdp, sockets, workers, mark(), since(mark) }`:
 * each list grows as the page runs; `mark()` is a position to compare with later.
 */
export async function recordNetwork(page, { cdp = true } = {}) {
  const requests = [];
  const cdpRequests = [];
  const sockets = [];
  const workers = [];
  page.context().on('request', (request) =>
    requests.push({ url: request.url(), type: request.resourceType(), method: request.method() }),
  );
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.context().on('serviceworker', (worker) => workers.push(worker.url()));
  if (cdp) {
    const session = await page.context().newCDPSession(page);
    session.on('Network.requestWillBeSent', (event) =>
      cdpRequests.push({ url: event.request.url, type: event.type ?? null, method: event.request.method }),
    );
    session.on('Network.webSocketCreated', (event) => sockets.push(event.url));
    await session.send('Network.enable');
  }
  return {
    requests,
    cdpRequests,
    sockets,
    workers,
    mark: () => ({ requests: requests.length, cdpRequests: cdpRequests.length }),
    since: (mark) => ({
      requests: requests.slice(mark.requests),
      cdpRequests: cdpRequests.slice(mark.cdpRequests),
    }),
  };
}

/** A data: or blob: URL: read from memory (a picture in the page, a file being saved), never from the network. */
export const inMemory = (r) => /^(data|blob):/.test(r.url);

/**
 * Expects no request since `mark` in Playwright's record and in CDP's (data: and blob: URLs
 * aside: they are read from memory); `when` names the moment in the messages ("after ready").
 */
export function expectNoRequestsSince(net, mark, when) {
  const since = net.since(mark);
  const describe = (list) => list.filter((r) => !inMemory(r)).map((r) => `${r.type} ${r.url}`);
  expect(describe(since.requests), `requests ${when} (Playwright)`).toEqual([]);
  expect(describe(since.cdpRequests), `requests ${when} (CDP Network)`).toEqual([]);
}

/** Every file of the release bundle, as server paths under `/carestep/` (e.g. "/carestep/boot.js"). */
export function bundlePaths(distDir) {
  const out = new Set();
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}${name}/`);
      else out.add(`/carestep/${rel}${name}`);
    }
  };
  walk(distDir, '');
  return out;
}

/** What a snapshot holds when nothing is kept on the device. */
export const NOTHING_STORED = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDB: [], cacheStorage: [], serviceWorkers: 0 };

/**
 * Expects every `[where, snapshot]` to hold nothing (a storage API the opaque frame
 * refuses, "blocked (…)", holds nothing either).
 */
export function expectNothingStored(snapshots) {
  for (const [where, snapshot] of snapshots) {
    for (const [key, empty] of Object.entries(NOTHING_STORED)) {
      const value = snapshot[key];
      if (typeof value === 'string' && value.startsWith('blocked (')) continue;
      expect(value, `${where}: ${key}`).toEqual(empty);
    }
  }
}

/** Everything the page keeps on the device, read from inside `frame` (a Page or Frame). */
export async function storageSnapshot(frame) {
  return frame.evaluate(async () => {
    const attempt = async (fn) => {
      try {
        return await fn();
      } catch (error) {
        return `blocked (${error.name})`;
      }
    };
    return {
      cookie: await attempt(() => document.cookie),
      localStorage: await attempt(() => localStorage.length),
      sessionStorage: await attempt(() => sessionStorage.length),
      // In an opaque origin (the sandboxed frame) every storage API refuses
      // with a SecurityError; indexedDB.databases() additionally makes
      // Chromium report an uncaught error, so it is not called there.
      indexedDB:
        self.origin === 'null'
          ? 'blocked (opaque origin)'
          : await attempt(async () => (await indexedDB.databases()).map((d) => d.name)),
      cacheStorage: await attempt(async () => caches.keys()),
      serviceWorkers: await attempt(async () =>
        navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
      ),
      url: location.href,
      historyLength: history.length,
    };
  });
}
