// The configurations the agreement test feeds to both the schema and the
// engine: systematic mutations of a complete example clinic. Nothing here
// says whether a case is valid; the engine (carestep check-config) decides,
// and the schema must say the same.

/** Rust's `char::is_whitespace`, the set `str::trim` removes. */
const WS = "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
export const trimRust = (s) => {
  const c = [...s];
  let a = 0;
  let b = c.length;
  while (a < b && WS.includes(c[a])) a++;
  while (b > a && WS.includes(c[b - 1])) b--;
  return c.slice(a, b).join("");
};

const clone = (v) => structuredClone(v);

/** Every node of a JSON value, with its path (a list of keys and indices). */
function* nodes(value, path = []) {
  yield [path, value];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* nodes(value[i], [...path, i]);
  } else if (value && typeof value === "object") {
    for (const key of Object.keys(value)) yield* nodes(value[key], [...path, key]);
  }
}

const show = (path) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "(root)";

/** The path with array indices blanked: one "schema location" per field. */
const signature = (path) => path.map((p) => (typeof p === "number" ? "[]" : p)).join("/");

function setAt(root, path, value) {
  const out = clone(root);
  if (path.length === 0) return value;
  let at = out;
  for (const p of path.slice(0, -1)) at = at[p];
  at[path[path.length - 1]] = value;
  return out;
}

function removeAt(root, path) {
  const out = clone(root);
  let at = out;
  for (const p of path.slice(0, -1)) at = at[p];
  const last = path[path.length - 1];
  if (Array.isArray(at)) at.splice(last, 1);
  else delete at[last];
  return out;
}

/** What kind of value a string field holds, from its name (to pick inputs worth trying). */
function kindOf(path) {
  const key = [...path].reverse().find((p) => typeof p === "string");
  const parent = path.length >= 2 ? path[path.length - 2] : undefined;
  if (path.length === 1 && key === "$schema") return "any";
  if (key === "contact_url" || (key === "url" && parent === "cta")) return "url";
  if (key === "quick_exit_url") return "url";
  if (key === "phone" || key === "sms") return "phone";
  if (parent === "theme" && ["primary", "text", "background"].includes(key)) return "colour";
  if (parent === "theme" && key === "radius") return "radius";
  if (parent === "theme" && key === "font") return "font";
  if (key === "country") return "country";
  if (key === "locale") return "locale";
  if (key === "level") return "level";
  return "text";
}

const a = (n) => "a".repeat(n);

/** Inputs worth trying for each kind of string (valid and invalid alike). */
const BANK = {
  url: [
    "https://riverbend.example/book",
    "HTTPS://Riverbend.Example/Book",
    "https://riverbend.example",
    "https://riverbend.example:8443/x?y=1#z",
    "https://riverbend.example:0/",
    "https://riverbend.example:65535/",
    "https://riverbend.example:65536/",
    "https://riverbend.example:/",
    "https://riverbend.example:80:90/",
    "https://riverbend.example:123456/",
    "https://localhost/",
    "https://LocalHost:8080",
    "https://intranet/",
    "https://user:pass@riverbend.example/",
    "https://riverbend..example/",
    "https://.riverbend.example/",
    "https://riverbend.example./",
    "https://-riverbend.example/",
    "https://riverbend-.example/",
    "https://a-.b/",
    "https://a.-.b/",
    "https://bücher.example/",
    "https://例え.テスト/パス",
    "https://[::1]/",
    "https://riverbend.example/a b",
    "https://riverbend.example/a\u00a0b",
    "https://riverbend.example/a\u0007b",
    "https://riverbend.example/\u202eevil",
    "https:///path",
    "https:riverbend.example",
    "https://",
    "http://riverbend.example/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://riverbend.example/",
    "//riverbend.example/",
    "riverbend.example/book",
    "1https://x.example/",
    "tel:+1-555-014-2000",
    "TEL:5550142000",
    "tel:(555)014.2000",
    "tel:12",
    "tel:123",
    "tel:123456789012345",
    "tel:1234567890123456",
    "tel:+",
    "tel:555 0142",
    "tel:555-0142?x=1",
    "tel:555;ext=2",
    "sms:+15550142000",
    "sms:741741?body=HOME",
    "sms:74?body=1234",
    "sms:?body=123456",
    "sms:741741?",
    "mailto:intake@riverbend.example",
    "mailto:intake@riverbend.example?subject=Hello%20there",
    "mailto:intake@riverbend",
    "mailto:@riverbend.example",
    "mailto:intake@.example",
    "mailto:intake@riverbend.",
    "mailto:a@b@c.example",
    "mailto:a@b..c",
    "mailto:?to=a@b.example",
    "mailto:a@b.c?x@y",
    `https://a.example/${a(1982)}`,
    `https://a.example/${a(1983)}`,
    `  https://a.example/${a(1982)}\t`,
  ],
  phone: [
    "(555) 014-2000",
    "+1 555 014 2000",
    "+44 20 7946 0000",
    "988",
    "98",
    "911.",
    "555.014.2000",
    "123456789012345",
    "1234567890123456",
    "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5.",
    "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5..",
    "+",
    "++1 555",
    "555+1",
    "1-800-FLOWERS",
    "555 0100 ext 2",
    "(555)\u00a0014-2000",
    "555\t0100",
    "５５５-０１００",
    "  (555) 014-2000  ",
    "\u3000988\u3000",
    "- 988 -",
    "(((988)))",
    "+ 988",
  ],
  colour: [
    "#000",
    "#000000",
    "#1D5C8C",
    "#1d5c8c",
    "#fff",
    "#FFFFFF",
    "#777",
    "#767676",
    " #000 ",
    "\u00a0#000\u2003",
    "#000\n",
    "red",
    "#12",
    "#1234",
    "#12345",
    "#1234567",
    "#ggg",
    "000",
    "##000",
    "#000;",
    "rgb(0, 0, 0)",
    "#０００",
    "#0 0 0",
  ],
  radius: [
    "0", " 0 ", "00", "0px", "8px", "8PX", "8Px", " 8px ", "32px", "32.0px", "32.000px", "32.0001px", "32.001px",
    "33px", "031.999px", "032px", "0032px", "100px", "2rem", "2.000rem", "2.001rem", "1.999rem", "0.5rem", "002rem",
    ".5rem", "5.px", "5.1234px", "-1px", "8 px", "8em", "8", "1e1px", "8px;", "１px", "8px 8px", "",
  ],
  font: [
    "Arial",
    "Arial, sans-serif",
    "\"Segoe UI\", Arial",
    "'Segoe UI', Arial",
    "\" Segoe UI \"",
    "\"Segoe UI'",
    "'Segoe UI\"",
    "\"'Segoe UI'\"",
    "\"\"",
    "\" \"",
    "\"",
    "Arial,,sans-serif",
    "Arial,",
    ",Arial",
    " , ",
    "a,b,c,d,e,f,g,h,i,j",
    "a,b,c,d,e,f,g,h,i,j,k",
    "Arial;",
    "Arial; background: url(x)",
    "Comic Sans MS",
    "Ärial",
    "Arial\tBlack",
    "Seg\"oe",
    "  Arial  ,  Helvetica  ",
    a(200),
    a(201),
    `"${a(198)}"`,
    `"${a(199)}"`,
    "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif",
  ],
  country: ["US", "us", " ca ", "CA", "GB", "gb", "XX", "USA", "U", "1A", "ＵＳ", "U S", "u\u00a0", "\u00a0us\u00a0", "é€"],
  locale: ["en", "EN", " en ", "En", "es", "fr", "en-US", "english", "e n", "ｅｎ"],
  level: [
    "self_care", "outpatient", "iop", "php", "inpatient", " iop ", "\tphp\n", "IOP", "Iop", "intensive",
    "crisis_now", "out_of_scope", "self-care", "iop ", "\u00a0inpatient",
  ],
  text: [
    "<b>Riverbend</b> & <script>alert(1)</script>",
    "\u00a0Riverbend\u00a0",
    "\u0085Riverbend\u0085",
    "\u2028Riverbend\u2029",
    "River\u2028bend",
    "River\u200ebend",
    "\ufeffRiverbend",
    "River\ufeffbend",
    "River\u00adbend",
    "River\u0000bend",
    "River\u007fbend",
    "River\u009fbend",
    "River\u202abend",
    "River\u2066bend",
    "River\u2069bend",
    "River\u2067",
    "\u202eRiverbend",
    "Riverbend\u200f",
    "éèê",
    "😀",
  ],
  any: ["./carestep-config.schema.json", "urn:carestep:clinic-configuration", "", " ", "\u0000", a(5000)],
};

/** Variants of any string: padding, inserted characters, case, emptiness. */
function variants(v) {
  const mid = Math.floor([...v].length / 2);
  const chars = [...v];
  const insert = (c) => [...chars.slice(0, mid), c, ...chars.slice(mid)].join("");
  return [
    ["padded with spaces", `  ${v}  `],
    ["padded with tab and newline", `\t${v}\n`],
    ["padded with no-break spaces", `\u00a0${v}\u00a0`],
    ["padded with U+3000", `\u3000${v}\u3000`],
    ["padded with NEL (U+0085)", `\u0085${v}\u0085`],
    ["byte-order mark in front (not whitespace)", `\ufeff${v}`],
    ["zero-width space in front (not whitespace)", `\u200b${v}`],
    ["inner space", insert(" ")],
    ["inner no-break space", insert("\u00a0")],
    ["inner tab", insert("\t")],
    ["inner newline", insert("\n")],
    ["inner NUL", insert("\u0000")],
    ["inner right-to-left override", insert("\u202e")],
    ["inner left-to-right mark (allowed)", insert("\u200e")],
    ["upper case", v.toUpperCase()],
    ["empty", ""],
    ["blank", "   "],
  ];
}

/** Text lengths worth trying: every limit in the configuration, and one past. */
const LENGTHS = [59, 60, 61, 99, 100, 101, 199, 200, 201, 299, 300, 301];

export function generated(example) {
  const cases = [];
  const add = (name, value) => cases.push({ name, value });
  const addText = (name, text) => cases.push({ name, text });

  // ------------------------------------------------------------ every node
  const seen = new Set();
  for (const [path, value] of nodes(example)) {
    const at = show(path);
    if (path.length > 0) {
      add(`${at}: removed`, removeAt(example, path));
      add(`${at}: null`, setAt(example, path, null));
    }
    const wrong = [
      ["a number", 42],
      ["true", true],
      ["false", false],
      ["text", "x"],
      ["a list", []],
      ["an object", {}],
    ];
    for (const [what, w] of wrong) {
      if (typeof w === typeof value && Array.isArray(w) === Array.isArray(value)) continue;
      add(`${at}: ${what} instead`, setAt(example, path, w));
    }
    if (value && typeof value === "object" && !Array.isArray(value)) {
      add(`${at}: unknown field`, setAt(example, path, { ...value, unknown_field: "x" }));
      const first = Object.keys(value)[0];
      if (first) {
        const upper = { ...value, [first.toUpperCase()]: value[first] };
        delete upper[first];
        add(`${at}: field name in capitals`, setAt(example, path, upper));
      }
      add(`${at}: "$schema" inside`, setAt(example, path, { ...value, $schema: "x" }));
    }
    if (Array.isArray(value)) {
      add(`${at}: empty list`, setAt(example, path, []));
      if (value.length > 0) {
        add(`${at}: first entry repeated`, setAt(example, path, [...value, clone(value[0])]));
        for (const n of [5, 6, 12, 13]) {
          const long = Array.from({ length: n }, (_, i) => clone(value[i % value.length]));
          add(`${at}: ${n} entries`, setAt(example, path, long));
        }
        add(`${at}: a null entry`, setAt(example, path, [...value, null]));
      }
    }
    if (typeof value === "string") {
      const sig = signature(path);
      if (seen.has(sig)) continue;
      seen.add(sig);
      const kind = kindOf(path);
      for (const [what, v] of variants(value)) add(`${at}: ${what}`, setAt(example, path, v));
      for (const v of BANK[kind]) add(`${at} = ${JSON.stringify(v).slice(0, 60)}`, setAt(example, path, v));
      if (kind === "text") {
        for (const n of LENGTHS) {
          add(`${at}: ${n} × "a"`, setAt(example, path, a(n)));
          add(`${at}: ${n} × "😀"`, setAt(example, path, "😀".repeat(n)));
          add(`${at}: ${n} × "a" padded`, setAt(example, path, `  ${a(n)} \u00a0`));
          add(`${at}: ${n} characters with inner spaces`, setAt(example, path, `a${" ".repeat(n - 2)}a`));
        }
      }
    }
  }

  // ------------------------------------------------------------ the whole document
  for (const root of [[], "x", 1, null, true, [{}]]) add(`root is ${JSON.stringify(root)}`, root);
  add("empty object", {});
  for (const s of ["./carestep-config.schema.json", "", null, 3, {}, []]) add(`only "$schema": ${JSON.stringify(s)}`, { $schema: s });
  add('"$Schema" (other case)', { $Schema: "x" });
  add('"$schemas"', { $schemas: "x" });
  addText("JSON: trailing comma", '{"locale": "en",}');
  addText("JSON: comment", '{"locale": "en" /* English */}');
  addText("JSON: single quotes", "{'locale': 'en'}");
  addText("JSON: two documents", "{} {}");
  addText("JSON: empty text", "");
  addText("JSON: only spaces", "   \n");
  addText("JSON: a field written twice", '{"locale": "en", "locale": "en"}');
  addText("JSON: a module written twice", '{"modules": {"trauma": true, "trauma": false}}');
  addText("JSON: a nested field written twice", '{"clinic": {"name": "A", "name": "B"}}');
  addText("JSON: unpaired surrogate", '{"clinic": {"name": "River\\ud800bend"}}');
  addText("JSON: paired surrogates (an emoji)", '{"clinic": {"name": "River\\ud83d\\ude00bend"}}');
  addText("JSON: escaped NUL", '{"clinic": {"name": "River\\u0000bend"}}');
  addText("JSON: over 100,000 bytes", JSON.stringify({ $schema: a(100_001) }));
  addText("JSON: just under 100,000 bytes", JSON.stringify({ $schema: a(99_000) }));

  // ------------------------------------------------------------ programs and levels
  const program = (level, extra = {}) => ({
    level,
    name: `Program ${level}`,
    cta: { label: "Book", url: `https://clinic.example/${level.trim()}` },
    ...extra,
  });
  const levels = ["self_care", "outpatient", "iop", "php", "inpatient"];
  for (let n = 0; n <= 5; n++) add(`${n} programs`, { programs: levels.slice(0, n).map((l) => program(l)) });
  add("6 programs (one level twice)", { programs: [...levels, "iop"].map((l) => program(l)) });
  add('"iop" and " iop " (the same level)', { programs: [program("iop"), program(" iop ")] });
  add('"iop" and "IOP"', { programs: [program("iop"), program("IOP")] });
  add("a program with only a level", { programs: [{ level: "iop" }] });
  add("a program without a level", { programs: [{ name: "X", cta: { label: "Go", url: "https://a.example/" } }] });
  add("a program that is text", { programs: ["iop"] });
  add("crisis_now offered", { programs: [program("crisis_now")] });
  add("out_of_scope offered", { programs: [program("out_of_scope")] });
  add("an invalid level and a duplicate", { programs: [program("iop"), program("intensive"), program("iop")] });

  // ------------------------------------------------------------ crisis
  const line = (extra) => ({ label: "Our crisis line", ...extra });
  const lineSets = [
    ["no lines", undefined],
    ["lines null", null],
    ["empty lines", []],
    ["one line", [line({ phone: "555-0100" })]],
    ["a line with only sms", [line({ sms: "741741" })]],
    ["a line with phone null and sms", [line({ phone: null, sms: "741741" })]],
    ["a line with neither phone nor sms", [line({ hours: "24/7" })]],
    ["a line with phone and sms null", [line({ phone: null, sms: null })]],
    ["a line with a bad phone", [line({ phone: "1-800-FLOWERS" })]],
    ["a line with a bad phone and a good sms", [line({ phone: "12", sms: "741741" })]],
    ["5 lines", Array.from({ length: 5 }, () => line({ phone: "555-0100" }))],
    ["6 lines", Array.from({ length: 6 }, () => line({ phone: "555-0100" }))],
    ["lines as text", "988"],
    ["an empty line object", [{}]],
  ];
  const countries = [["no country", undefined], ...["US", "us", " Us ", "CA", " gb ", "XX", "USA", "", null].map((c) => [`country ${JSON.stringify(c)}`, c])];
  for (const [cname, country] of countries) {
    for (const [lname, lines] of lineSets) {
      const crisis = {};
      if (country !== undefined) crisis.country = country;
      if (lines !== undefined) crisis.lines = lines;
      add(`crisis: ${cname}, ${lname}`, { crisis });
    }
  }

  // ------------------------------------------------------------ modules
  const MODULES = [
    "gate", "depression", "anxiety", "suicide_asq", "suicide_cssrs", "trauma", "alcohol", "alcohol_full",
    "drugs", "dast10", "bipolar", "functioning", "distress", "context",
  ];
  const settings = [
    true, false, null, { permission: "Licensed from the rights holder, agreement 2026-1" }, { permission: "" },
    { permission: "   " }, { permission: null }, { permission: 3 }, {}, { permission: "x", note: "y" }, { licence: "x" },
    "yes", 1, [], { permission: a(300) }, { permission: a(301) }, { permission: "Licence\nline two" },
  ];
  for (const m of MODULES) {
    for (const s of settings) {
      add(`modules.${m} = ${JSON.stringify(s).slice(0, 40)}`, { modules: { [m]: s } });
    }
  }
  for (const name of ["k6", "phq9", "Depression", "", "audit", "$schema"]) add(`unknown module ${JSON.stringify(name)}`, { modules: { [name]: true } });
  const permitted = { permission: "Licensed, agreement 2026-1" };
  const pairs = [
    ["suicide_asq", "suicide_cssrs"],
    ["alcohol", "alcohol_full"],
    ["drugs", "dast10"],
  ];
  for (const [base, dependent] of pairs) {
    for (const b of [true, false, null, undefined, "no"]) {
      for (const d of [permitted, false, null, undefined, true, { permission: "" }]) {
        const modules = {};
        if (b !== undefined) modules[base] = b;
        if (d !== undefined) modules[dependent] = d;
        add(`modules: ${base} ${JSON.stringify(b)}, ${dependent} ${JSON.stringify(d)}`, { modules });
      }
    }
  }
  add("modules: ASQ off, C-SSRS on, DAST-10 on, drugs off", {
    modules: { suicide_asq: false, suicide_cssrs: permitted, dast10: permitted, drugs: false },
  });

  // ------------------------------------------------------------ theme (contrast is the engine's alone)
  const colours = ["#fff", "#000", "#777", "#767676", "#1d5c8c", "#ff9900", "#595959", "nope"];
  for (const text of colours) {
    for (const background of colours) {
      add(`theme: text ${text} on ${background}`, { theme: { text, background } });
    }
  }
  for (const primary of colours) add(`theme: primary ${primary} on the default background`, { theme: { primary } });
  add("theme: only a dark background", { theme: { background: "#101820" } });
  add("theme: dark background with light text and primary", { theme: { background: "#101820", text: "#ffffff", primary: "#ff9900" } });

  // ------------------------------------------------------------ locale
  for (const locale of BANK.locale) add(`locale ${JSON.stringify(locale)}`, { locale });

  // ------------------------------------------------------------ random strings from each grammar's pieces
  // A fixed seed: the same cases every run, so a failure can be reproduced.
  let seed = 20261205;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pieces = {
    url: ["https://", "HTTPS://", "tel:", "sms:", "mailto:", "http://", "a", "b1", "é", ".", ".", "-", "@", ":", ":8", "/", "?", "#",
      "localhost", "example", " ", "\u00a0", "\t", "+", "(", ")", "5550142", "%20", "\u202e", "\u0007", "[", "]", "0"],
    phone: ["5", "55", "555", "0142", "+", "+", " ", "-", ".", "(", ")", "x", "\u00a0", "\t", "١", "  "],
    colour: ["#", "#", "0", "a", "F", "g", "1d", "5c8c", " ", "\u00a0", "\n", ";", "##"],
    radius: ["0", "1", "2", "3", "32", "8", ".", ".5", "00", "px", "PX", "rem", "Rem", "em", " ", "\u00a0", "-", "+", "e"],
    font: ["Arial", "Segoe UI", "sans-serif", ",", ",", " ", "\"", "'", "-", "Ä", ";", "\t", "a1", "  "],
    text: ["River", "bend", " ", "\u00a0", "\u2028", "\u202e", "\u200e", "\u0085", "\t", "\n", "😀", "é", "<b>", "\u0000", "\ufeff", "\u3000"],
  };
  const fields = {
    url: ["clinic", "contact_url"],
    phone: ["clinic", "phone"],
    colour: ["theme", "background"],
    radius: ["theme", "radius"],
    font: ["theme", "font"],
    text: ["clinic", "name"],
  };
  for (const [kind, list] of Object.entries(pieces)) {
    for (let n = 0; n < 120; n++) {
      let value = "";
      const count = 1 + Math.floor(random() * 7);
      for (let k = 0; k < count; k++) value += list[Math.floor(random() * list.length)];
      const [obj, key] = fields[kind];
      const root = kind === "colour" ? { [obj]: { [key]: value, text: "#000", primary: "#000" } } : { [obj]: { name: "R", [key]: value } };
      add(`random ${kind} ${JSON.stringify(value)}`, root);
    }
  }

  return cases.map((c) => ({ name: c.name, text: c.text ?? JSON.stringify(c.value, null, 2) }));
}
