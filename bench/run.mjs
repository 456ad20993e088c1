#!/usr/bin/env node
// The side-by-side benchmark of issue 5: the CareStep release bundle against
// the same PHQ-9 + GAD-7 form built with SurveyJS. Serves both from
// 127.0.0.1 with gzip, alternates them over N runs in Debian's Chromium and
// writes bench/RESULTS.md. See README.md.
//
//   node run.mjs [--dist ../dist] [--runs 7] [--warmup 1] [--slow-runs 3] [--out RESULTS.md] [--check]
//
// --slow-runs adds load-only runs of each page on an emulated slow
// connection (informational; the targets use the unthrottled runs).
// --check exits with status 1 when a target is not met (the run itself
// failing always exits non-zero).
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { copyAssets } from "./surveyjs/copy-assets.mjs";
import { answerCareStep, answerSurveyJs } from "./lib/drivers.mjs";
import { measureRun } from "./lib/measure.mjs";
import { DEFINITIONS } from "./lib/definitions.mjs";
import { SLOW_CONNECTION, evaluateTargets, renderMarkdown, summarizeRuns } from "./lib/report.mjs";
import { GZIP_LEVEL, serveFolder } from "./lib/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function options() {
  const { values } = parseArgs({
    options: {
      dist: { type: "string", default: join(here, "..", "dist") },
      runs: { type: "string", default: "7" },
      warmup: { type: "string", default: "1" },
      "slow-runs": { type: "string", default: "3" },
      out: { type: "string", default: join(here, "RESULTS.md") },
      check: { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${values.runs}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a whole number ≥ 0, got ${values.warmup}`);
  const slowRuns = Number(values["slow-runs"]);
  if (!Number.isInteger(slowRuns) || slowRuns < 0) throw new Error(`--slow-runs must be a whole number ≥ 0, got ${values["slow-runs"]}`);
  return { ...values, dist: resolve(values.dist), out: resolve(values.out), runs, warmup, slowRuns };
}

function machine(loadBefore) {
  const cpus = os.cpus();
  const model = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? cpus[0]?.model ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    model: model.trim(),
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`,
    loadBefore,
    loadAfter: null,
  };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" / ");

function git(cwd, ...args) {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * The commit the bundle was built from, as far as git can tell: the HEAD of
 * the checkout that holds the dist folder, flagged when that checkout has
 * uncommitted changes in the widget's sources.
 */
function distCommit(dist) {
  const checkout = dirname(dist);
  const head = git(checkout, "rev-parse", "--short", "HEAD");
  if (!head) return "unknown (dist is not inside a git checkout)";
  const date = git(checkout, "log", "-1", "--format=%cI");
  const dirty = git(checkout, "status", "--porcelain", "--", "src", "static", "index.html", "Trunk.toml", "Cargo.toml", "Cargo.lock", "engine/src", "engine/Cargo.toml");
  return `${head} (${date})${dirty ? ", with uncommitted changes to the widget's sources" : ""}`;
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;
}

async function main() {
  const opt = options();
  if (!existsSync(join(opt.dist, "index.html"))) {
    console.error(`bench: no CareStep bundle at ${opt.dist} (index.html missing): run \`cargo xtask dist\` first, or pass --dist <folder>`);
    process.exit(2);
  }
  const versions = copyAssets();
  const meta = {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    runs: opt.runs,
    warmup: opt.warmup,
    versions,
    commit: distCommit(opt.dist),
    dist: opt.dist,
    distBuilt: statSync(join(opt.dist, "index.html")).mtime.toISOString().replace(/\.\d+Z$/, "Z"),
    node: process.versions.node,
    playwright: packageVersion("playwright-core"),
    gzipLevel: GZIP_LEVEL,
    machine: machine(load()),
    definitions: DEFINITIONS,
  };

  const servers = {
    surveyjs: await serveFolder(join(here, "surveyjs")),
    carestep: await serveFolder(opt.dist),
  };
  const answer = { surveyjs: answerSurveyJs, carestep: answerCareStep };
  const runs = [];
  const slowRuns = [];
  try {
    for (let round = 1 - opt.warmup; round <= opt.runs; round += 1) {
      // Alternate which page goes first, so that drift on the machine (other
      // builds, thermal state) does not favour one page.
      const order = round % 2 ? ["carestep", "surveyjs"] : ["surveyjs", "carestep"];
      for (const kind of order) {
        const run = await measureRun({ kind, url: servers[kind].url, answer: answer[kind] });
        run.round = round;
        const tag = round < 1 ? "warm-up" : `run ${round}/${opt.runs}`;
        console.log(
          `${tag} ${kind.padEnd(8)} ready ${run.readyMs.toFixed(1)} ms, ${run.network.encodedBytes} B in ${run.network.requests} requests, ` +
            `heap ${run.jsHeapUsedBytes} B + wasm ${run.wasmMemoryBytes} B, answered ${run.answers} in ${run.answerMs.toFixed(0)} ms, ` +
            `longest event processing ${run.interactions.longestProcessingMs?.toFixed(1) ?? "< 16"} ms (Event Timing duration ${run.interactions.longestMs ?? "< 16"} ms)`,
        );
        if (round >= 1) runs.push(run);
      }
    }
    for (let round = 1; round <= opt.slowRuns; round += 1) {
      const order = round % 2 ? ["carestep", "surveyjs"] : ["surveyjs", "carestep"];
      for (const kind of order) {
        const run = await measureRun({ kind, url: servers[kind].url, answer: null, throttle: SLOW_CONNECTION });
        run.round = round;
        console.log(
          `slow ${round}/${opt.slowRuns} ${kind.padEnd(8)} ready ${run.readyMs.toFixed(1)} ms, first contentful paint ${run.fcpMs} ms, ` +
            `wasm responseEnd ${run.wasm.map((w) => w.responseEnd.toFixed(1)).join(", ") || "—"} ms`,
        );
        slowRuns.push(run);
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }

  meta.machine.loadAfter = load();
  meta.browser = runs[0]?.browser ?? "unknown";
  const summary = summarizeRuns(runs);
  const targets = evaluateTargets(summary, runs);
  writeFileSync(opt.out, renderMarkdown({ meta, runs, summary, targets, slowRuns }));
  console.log(`\nwrote ${opt.out}`);
  for (const t of targets) console.log(`${t.pass ? "PASS" : "FAIL"}  ${t.label}: ${t.value}`);
  if (opt.check && !targets.every((t) => t.pass)) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`bench: ${err.stack ?? err}`);
    process.exit(1);
  });
}
