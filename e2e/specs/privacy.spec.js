// Privacy (issue 4 §2b): over a complete journey — answers, result, Print,
// Save, Clear — the page asks the network for nothing but the bundle's own
// static files, and for nothing at all once the app is ready; it opens no
// WebSocket, registers no service worker, keeps nothing in cookies or any
// storage, and never touches the URL, its hash or the history.
//
// Each test runs its own server, so the server's log is a witness of what
// reached the network next to the browser's own events (Playwright + CDP).
import { readFile } from 'node:fs/promises';
import { test, expect, figure } from '../support/fixtures.js';
import { CareStep, FRAME_TITLE } from '../support/carestep.js';
import { score } from '../support/engine.js';
import { completeJourney, questionnaire } from '../support/journey.js';
import { bundlePaths, expectNoRequestsSince, inMemory, recordNetwork, storageSnapshot } from '../support/network.js';
import { DIST_DIR, startServer } from '../support/server.js';

const ANSWERS = {
  'phq9.1': 2,
  'phq9.2': 2,
  'phq9.3': 1,
  'phq9.4': 2,
  'phq9.5': 2,
  'phq9.10': 1,
  'gad7.1': 2,
  'nida_sq.1': 4,
};

const EMPTY = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDB: [], cacheStorage: [], serviceWorkers: 0 };

/** Storage reads that the browser refuses (a sandboxed frame) hold nothing either. */
function expectNothingStored(snapshot, where) {
  for (const [key, empty] of Object.entries(EMPTY)) {
    const value = snapshot[key];
    if (typeof value === 'string' && value.startsWith('blocked (')) continue;
    expect(value, `${where}: ${key}`).toEqual(empty);
  }
}

let server;
test.beforeEach(async () => {
  server = await startServer();
});
test.afterEach(async () => {
  await server.close();
});

for (const mode of ['standalone', 'iframe']) {
  test(`${mode}: a complete journey with Print and Save sends nothing and stores nothing`, async ({ page }, testInfo) => {
    const net = await recordNetwork(page, { cdp: mode === 'standalone' });
    const bundle = bundlePaths(DIST_DIR);
    const hostPage = mode === 'standalone' ? '/carestep/index.html' : '/site/iframe.html';
    await page.goto(server.url + hostPage);
    const cs =
      mode === 'standalone' ? new CareStep(page, page, mode) : new CareStep(page, page.getByTitle(FRAME_TITLE).contentFrame(), mode);
    await cs.ready();
    const atReady = net.mark();
    const serverAtReady = server.requests.length;
    const frame = mode === 'standalone' ? page.mainFrame() : page.frames().find((f) => f !== page.mainFrame());
    const first = await storageSnapshot(frame);
    const topFirst = await storageSnapshot(page.mainFrame());

    // The journey: Start, every question, check page, result.
    const run = await completeJourney(cs, ANSWERS);
    expect(run.stoppedAt).toBe('result');
    const engine = await score(run.given, testInfo.outputPath('answers.json'));
    expect(await cs.level()).toBe(engine.level);
    const during = await storageSnapshot(frame);
    expect(during.url, 'URL (incl. hash) unchanged by answering').toBe(first.url);
    expect(during.historyLength, 'history.length unchanged by answering').toBe(first.historyLength);
    const topDuring = await storageSnapshot(page.mainFrame());
    expect(topDuring.url).toBe(topFirst.url);
    expect(topDuring.historyLength).toBe(topFirst.historyLength);

    // Print: the real window.print() (headless Chromium returns at once, no stub needed).
    await cs.button('Print').click();
    await expect(cs.result()).toBeVisible();

    // Save: a file made in the browser. Its URL is blob: (or data:), no request fetched it.
    const download = page.waitForEvent('download');
    await cs.button('Save a copy').click();
    const file = await download;
    expect(file.url()).toMatch(/^(blob|data):/);
    const text = await readFile(await file.path(), 'utf8');
    const q = await questionnaire();
    for (const [id, value] of Object.entries(ANSWERS)) {
      const item = q.byId.get(id);
      expect(text, `saved copy has ${id}`).toContain(item.text);
      if (item.answer.type === 'choices') expect(text, `saved copy has the answer to ${id}`).toContain(q.label(id, value));
      else expect(text).toContain(String(value));
    }
    figure(`${mode}: saved file ${file.suggestedFilename()} (${text.length} chars) has all ${Object.keys(ANSWERS).length} scenario answers`);

    // Clear my answers: back to the start screen, still nothing stored.
    await cs.step(() => cs.button('Clear my answers').click());
    await expect(cs.button('Start')).toBeVisible();

    // data: and blob: URLs are read from memory (the drink-size picture, the
    // saved file), never from the network: counted apart, not as requests.
    const since = net.since(atReady);
    const memoryLoads = new Set([...since.requests, ...since.cdpRequests].filter(inMemory).map((r) => r.url.slice(0, 30))).size;
    const afterServer = server.requests.slice(serverAtReady);
    expectNoRequestsSince(net, atReady, 'after ready');
    expect(afterServer.map((r) => `${r.method} ${r.path}`), 'requests after ready (server log)').toEqual([]);
    expect(net.sockets, 'WebSockets').toEqual([]);
    expect(net.workers, 'service workers').toEqual([]);

    // Before ready: only the bundle's own files (and, in iframe mode, the host page's).
    const hostFiles = new Set(['/site/iframe.html', '/site/site.css']);
    const foreign = server.requests
      .slice(0, serverAtReady)
      .filter((r) => !bundle.has(r.path) && !hostFiles.has(r.path) && !(r.path.startsWith('/carestep/embed/') && mode === 'iframe'));
    expect(foreign.map((r) => r.path), 'requests for anything but the bundle').toEqual([]);
    const offSite = [...net.requests, ...net.cdpRequests].filter((r) => !r.url.startsWith(server.url) && !inMemory(r));
    expect(offSite.map((r) => r.url), 'requests to any other host').toEqual([]);
    expect(server.requests.filter((r) => r.method !== 'GET').length, 'non-GET requests').toBe(0);
    expect(server.requests.filter((r) => r.cookie).length, 'requests carrying cookies').toBe(0);

    // Nothing kept on the device, in the widget's document or the page around it.
    const end = await storageSnapshot(frame);
    expectNothingStored(first, `${mode} at ready`);
    expectNothingStored(end, `${mode} at the end`);
    expectNothingStored(await storageSnapshot(page.mainFrame()), `${mode} host page`);
    expect(await page.context().cookies(), 'cookies in the browser context').toEqual([]);
    expect(end.url).toBe(first.url);
    expect(end.historyLength).toBe(first.historyLength);

    figure(
      `${mode}: ${serverAtReady} requests before ready (all bundle files), ` +
        `${afterServer.length} after ready over ${run.order.length} questions + Print + Save + Clear ` +
        `(${memoryLoads} data:/blob: URL(s) read from memory); ` +
        `0 WebSockets, 0 service workers, cookies ${JSON.stringify(end.cookie)}, ` +
        `localStorage ${end.localStorage}, sessionStorage ${end.sessionStorage}, IndexedDB ${JSON.stringify(end.indexedDB)}, ` +
        `Cache Storage ${JSON.stringify(end.cacheStorage)}; history.length ${first.historyLength} → ${end.historyLength}`,
    );
  });
}
