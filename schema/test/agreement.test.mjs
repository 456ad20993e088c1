// Holds the JSON Schema and the engine in agreement: every configuration
// fixture in the repository and a few thousand generated configurations are
// accepted by the schema exactly when `carestep check-config` accepts them.
//
// The engine's verdict comes from the real command-line tool
// (target/release/carestep, built by `cargo build --release --bin carestep`;
// CARESTEP_BIN overrides the path). The few checks a JSON Schema cannot
// express are listed in INEXPRESSIBLE, and only cases that exercise one of
// them are skipped (and the engine must reject each of those).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { generated, trimRust } from "./cases.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = path.resolve(here, "..");
const ROOT = path.resolve(SCHEMA_DIR, "..");
const SCHEMA_FILE = path.join(SCHEMA_DIR, "carestep-config.schema.json");
const CLI = process.env.CARESTEP_BIN ?? path.join(ROOT, "target", "release", "carestep");

const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
// strictTypes is off because optional fields are typed ["string", "null"]
// (null means "absent", as in the engine) next to a $ref, and the `if`
// sub-schemas rely on their parent's type; everything else is strict.
const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictTypes: false });
const validate = ajv.compile(schema);

// ------------------------------------------------------------ what a schema cannot say

const MAX_CONFIG_BYTES = 100_000;
const MIN_CONTRAST = 4.5;

/** Rust's char::is_whitespace on a colour value, then the engine's colour grammar. */
function colour(value) {
  if (typeof value !== "string") return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(trimRust(value));
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((d) => d + d).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(x, y) {
  const [a, b] = [luminance(x), luminance(y)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Whether any object in the JSON text has a key twice (JSON.parse keeps the last). */
function hasDuplicateKeys(text) {
  try {
    JSON.parse(text);
  } catch {
    return false; // not JSON at all: both refuse it anyway
  }
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  let dup = false;
  const value = () => {
    ws();
    if (text[i] === "{") {
      i++;
      const keys = new Set();
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        const k = string();
        if (keys.has(k)) dup = true;
        keys.add(k);
        ws();
        i++; // :
        value();
        ws();
        if (text[i++] === "}") return;
      }
    } else if (text[i] === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i++] === "]") return;
      }
    } else if (text[i] === '"') {
      string();
    } else {
      while (i < text.length && !",]} \t\n\r".includes(text[i])) i++;
    }
  };
  value();
  return dup;
}

/**
 * The engine's checks that a JSON Schema cannot express. Each takes the
 * case's text and parsed value and says whether the case exercises it.
 */
const INEXPRESSIBLE = [
  {
    name: "WCAG contrast",
    reason:
      "text and primary must each have a contrast ratio of at least 4.5:1 with the background: " +
      "arithmetic on three colours (relative luminance), which JSON Schema cannot compute",
    applies: (text, value) => {
      const theme = value?.theme;
      if (!theme || typeof theme !== "object" || Array.isArray(theme)) return false;
      const given = ["primary", "text", "background"].filter((k) => theme[k] != null);
      if (given.some((k) => colour(theme[k]) === undefined)) return false; // a grammar error comes first
      const pick = (k, d) => (theme[k] != null ? colour(theme[k]) : d);
      const bg = pick("background", [255, 255, 255]);
      const fg = pick("text", [0x1b, 0x1b, 0x1b]);
      const primary = pick("primary", [0x1d, 0x5c, 0x8c]);
      return contrast(fg, bg) < MIN_CONTRAST || contrast(primary, bg) < MIN_CONTRAST;
    },
  },
  {
    name: "duplicate keys",
    reason:
      "a field written twice is an error for the engine's own JSON reader; a JSON Schema sees the parsed " +
      "value, in which JSON.parse has already kept only the last one",
    applies: (text) => hasDuplicateKeys(text),
  },
  {
    name: "size limit",
    reason: `the whole configuration must be at most ${MAX_CONFIG_BYTES.toLocaleString("en")} bytes; a schema can limit each string, not the document`,
    applies: (text) => Buffer.byteLength(text, "utf8") > MAX_CONFIG_BYTES,
  },
  {
    name: "unpaired surrogates",
    reason:
      'the engine\'s reader refuses "\\ud800" escapes that are not part of a pair (they are not Unicode text); ' +
      "JSON.parse accepts them, so the schema never sees the difference",
    applies: (text, value) => {
      const lone = (v) =>
        typeof v === "string"
          ? /[\ud800-\udfff]/u.test(v)
          : v && typeof v === "object" && Object.entries(v).some(([k, x]) => lone(k) || lone(x));
      return lone(value);
    },
  },
];

// ------------------------------------------------------------ the two verdicts

function schemaVerdict(text) {
  let value;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (e) {
    return { ok: false, value: undefined, why: `not JSON: ${e.message}` };
  }
  const ok = validate(value);
  const why = ok ? "" : ajv.errorsText(validate.errors?.slice(0, 3), { separator: "; " });
  return { ok, value, why };
}

function engineVerdict(file) {
  return new Promise((resolve, reject) => {
    execFile(CLI, ["check-config", file], { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ok: true, why: "" });
      if (typeof error.code === "number" && error.code === 1) return resolve({ ok: false, why: stderr.trim() });
      reject(new Error(`carestep check-config ${file} failed unexpectedly (${error.code}): ${stderr}`));
    });
  });
}

async function engineVerdicts(files, parallel = 4) {
  const out = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await engineVerdict(files[i]);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

/** Runs every case through both, and sorts them into agreed, skipped and disagreed. */
async function judge(cases) {
  const dir = mkdtempSync(path.join(tmpdir(), "carestep-schema-"));
  try {
    const files = cases.map((c, i) => {
      const file = c.file ?? path.join(dir, `${String(i).padStart(5, "0")}.json`);
      if (!c.file) writeFileSync(file, c.text);
      return file;
    });
    const engine = await engineVerdicts(files);
    const result = { agreed: 0, valid: 0, invalid: 0, skipped: new Map(), disagreed: [], skippedButAccepted: [] };
    cases.forEach((c, i) => {
      const s = schemaVerdict(c.text);
      const e = engine[i];
      const reason = INEXPRESSIBLE.find((r) => r.applies(c.text, s.value));
      if (reason) {
        result.skipped.set(reason.name, (result.skipped.get(reason.name) ?? 0) + 1);
        if (e.ok) result.skippedButAccepted.push(`${c.name} (${reason.name})`);
        return;
      }
      if (s.ok === e.ok) {
        result.agreed++;
        result[e.ok ? "valid" : "invalid"]++;
      } else {
        result.disagreed.push(
          `${c.name}\n    engine: ${e.ok ? "valid" : e.why}\n    schema: ${s.ok ? "valid" : s.why}`,
        );
      }
    });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(result) {
  const lines = [...result.skipped].map(([name, n]) => `${name}: ${n}`);
  return `agreed on ${result.agreed} (${result.valid} valid, ${result.invalid} invalid); skipped ${lines.join(", ") || "none"}`;
}

function assertAgreement(result) {
  assert.deepEqual(
    result.skippedButAccepted,
    [],
    "a case was skipped for a check the engine did not fail: the skip rule is wrong",
  );
  if (result.disagreed.length > 0) {
    assert.fail(
      `the schema and the engine disagree on ${result.disagreed.length} case(s):\n  ` +
        result.disagreed.slice(0, 25).join("\n  ") +
        (result.disagreed.length > 25 ? `\n  … and ${result.disagreed.length - 25} more` : ""),
    );
  }
}

// ------------------------------------------------------------ the tests

test("the command-line tool is built", () => {
  assert.ok(
    existsSync(CLI) && statSync(CLI).isFile(),
    `${CLI} is missing: run \`cargo build --release --bin carestep\` from the repository root first`,
  );
});

test("the schema is a valid, strict JSON Schema 2020-12 with a description on every field", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.ok(ajv.validateSchema(schema), ajv.errorsText(ajv.errors));
  const missing = [];
  const walk = (node, at) => {
    if (!node || typeof node !== "object") return;
    for (const [key, sub] of Object.entries(node.properties ?? {})) {
      if (!sub.description) missing.push(`${at}.${key}`);
      walk(sub, `${at}.${key}`);
    }
    for (const [key, sub] of Object.entries(node.$defs ?? {})) walk(sub, `$defs.${key}`);
    if (node.items) walk(node.items, `${at}[]`);
  };
  walk(schema, "");
  assert.deepEqual(missing, [], "fields without a description");
});

const FIXTURE_DIRS = [path.join(ROOT, "e2e", "fixtures", "configs"), path.join(ROOT, "config", "tests")];

function fixtureFiles() {
  const found = [path.join(SCHEMA_DIR, "example.json")];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json")) found.push(full);
    }
  };
  FIXTURE_DIRS.forEach(walk);
  return found;
}

test("the examples reference the schema by a relative path that resolves to it", () => {
  for (const file of ["e2e/fixtures/configs/demo.json", "e2e/fixtures/configs/minimal.json", "schema/example.json"]) {
    const full = path.join(ROOT, file);
    const ref = JSON.parse(readFileSync(full, "utf8")).$schema;
    assert.equal(typeof ref, "string", `${file} has no "$schema"`);
    assert.equal(path.resolve(path.dirname(full), ref), SCHEMA_FILE, `${file}: "$schema" is ${ref}`);
  }
});

test("every configuration fixture in the repository: schema and engine agree", async (t) => {
  const files = fixtureFiles();
  assert.ok(files.length >= 6, `expected the fixtures, found ${files.length}`);
  const cases = files.map((file) => ({ name: path.relative(ROOT, file), file, text: readFileSync(file, "utf8") }));
  const result = await judge(cases);
  t.diagnostic(`${files.length} fixtures: ${report(result)}`);
  assertAgreement(result);
  // The complete example must be valid, or the generated cases test little.
  assert.ok(schemaVerdict(readFileSync(path.join(SCHEMA_DIR, "example.json"), "utf8")).ok, "schema/example.json");
  assert.equal((await engineVerdict(path.join(SCHEMA_DIR, "example.json"))).ok, true, "schema/example.json");
});

test("generated configurations (mutations of the example): schema and engine agree", async (t) => {
  const example = JSON.parse(readFileSync(path.join(SCHEMA_DIR, "example.json"), "utf8"));
  const cases = generated(example);
  const started = Date.now();
  const result = await judge(cases);
  t.diagnostic(`${cases.length} generated cases in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report(result)}`);
  for (const r of INEXPRESSIBLE) t.diagnostic(`not expressible, skipped: ${r.name}: ${r.reason}`);
  assertAgreement(result);
  // A test that always agreed because everything was valid (or invalid) would prove nothing.
  assert.ok(result.valid >= 200, `only ${result.valid} valid cases`);
  assert.ok(result.invalid >= 200, `only ${result.invalid} invalid cases`);
  for (const r of INEXPRESSIBLE) assert.ok(result.skipped.get(r.name) > 0, `no case exercises "${r.name}"`);
});
