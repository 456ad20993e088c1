"""Plain words in the widget's message catalogue (issue 14 items 2 and 4).

Reads `src/messages.rs` as Rust source: every string literal, with the pieces of a
`[..].concat()`, `concat!(..)` or `format!(..)` joined into the sentence a visitor
reads (a configuration value such as the clinic's name stands in as "Riverbend",
a number as "3"). Each visitor-facing string is then checked:

* its Flesch-Kincaid grade (textstat 0.7.3) is 8 or below, after the named terms
  below are replaced by a one-syllable word (their reasons are given with them);
* it never says that answers were sent, told or shared (the answers stay on the
  device, so the words must not suggest otherwise).

Run (offline once textstat is installed):

    python3 -m venv .venv-readability
    .venv-readability/bin/pip install -r tests/readability/requirements.txt
    .venv-readability/bin/python -m unittest discover -s tests/readability -v

`python tests/readability/test_messages.py --report` prints every string's grade.
"""

import pathlib
import re
import sys
import unittest

import textstat

CATALOGUE = pathlib.Path(__file__).resolve().parents[2] / "src" / "messages.rs"

# The highest Flesch-Kincaid grade a visitor-facing string may have.
MAX_GRADE = 8.0

# Strings shorter than this are labels (buttons, headings, "Skipped"), not prose: the
# formula's constants make a short label's grade meaningless ("Continue" alone scores
# 20), so they are not graded. Every sentence a visitor reads is longer.
MIN_WORDS = 5

# Terms that are names, not word choices, each with the reason it stays. Before a
# string is graded each is replaced by "it", so a long name does not count against
# the sentence around it (the sentence itself must still be plain).
NAMED_TERMS = {
    "Suicide & Crisis Lifeline": "the proper name of the US 988 service",
    "SAMHSA's National Helpline": "the proper name of the US government's helpline",
    "SAMHSA's treatment locator": "the proper name of the US government's treatment finder",
    "findtreatment.gov": "a web address",
    "National Domestic Violence Hotline": "the proper name of the US hotline",
    "cognitive behavioral therapy": "the name of a therapy (the seed article's list)",
    "dialectical behavior therapy": "the name of a therapy (the seed article's list)",
    "partial hospitalization": "the name insurers and clinics use for a day program (issue 14: it follows the plain name)",
    "intensive outpatient program": "the name of the level of care clinics and insurers use (its abbreviation IOP follows it)",
    "employee assistance program": "the name employers give the service",
    "psychiatric": "the name of the clinician's specialty, which a visitor asks for by name",
    "psychiatrist": "the name of the clinician a visitor asks for",
    "psychological": "part of the K6's measured construct, 'serious psychological distress'",
    "IOP": "the abbreviation clinics and insurers use",
    "PHP": "the abbreviation clinics and insurers use",
    "PTSD": "the abbreviation in common use",
    "CBT": "the abbreviation of a therapy's name",
    "DBT": "the abbreviation of a therapy's name",
    "Riverbend": "stands in for the clinic's or program's name from the configuration",
}

# Catalogue entries that are not visitor-facing prose, each with the reason.
NOT_PROSE = {
    "MONTHS": "month names for the date line",
    "VERSION_LINE": "the product's name and version number",
    "SAVE_FILE_NAME": "a file name",
    "FIND_TREATMENT_URL": "a web address",
    "SAMHSA_HELPLINE_TEL": "a tel: URL",
    "CONFIG_ERROR_TITLE": "for the site's administrator, not the visitor",
    "CONFIG_ERROR_INTRO": "for the site's administrator (quotes HTML), not the visitor",
    "CONFIG_ERROR_ALLOWED": "for the site's administrator, not the visitor",
}

# Clinical band names and instrument names: kept as the scoring manuals name them,
# for the clinician, in the score table and the printed summary. Visitors read the
# plain band words (`plain_band`) next to their reasons.
CLINICAL_NAMES = {
    "phq9_band", "gad7_band", "screen_band", "pcptsd5_band", "audit_zone",
    "dast10_band", "asq_band", "cssrs_band", "wsas_band", "k6_band",
}
CLINICAL_NAME_PREFIX = "SCORE_"  # "Depression (PHQ-9)": the measure and the instrument's name

# Words that would tell a visitor their answers went somewhere.
SENT_TOLD_SHARED = re.compile(
    r"\b(tells? us|told us|you told|sent to|send(s)? (it|them|your)|shared with|share(s)? (it|them|your)|we (got|received|saw|know))\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------- reading the Rust source

TOKEN = re.compile(
    r"""
    (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>r(?P<hashes>\#*)"(?P<rawbody>.*?)"(?P=hashes))
  | (?P<string>"(?P<body>(?:\\.|[^"\\])*)")
  | (?P<char>'(?:\\.|[^'\\])')
  | (?P<lifetime>'[A-Za-z_]\w*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<number>\d[\w.]*)
  | (?P<punct>=>|::|[^\s\w])
  | (?P<space>\s+)
    """,
    re.VERBOSE | re.DOTALL,
)

ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0", "r": "\r"}


def unescape(body):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "\n":  # a line continuation: the newline and the next line's indent go
            i += 2
            while i < len(body) and body[i] in " \t\n":
                i += 1
        elif nxt == "u":
            end = body.index("}", i)
            out.append(chr(int(body[i + 3 : end], 16)))
            i = end + 1
        elif nxt == "x":
            out.append(chr(int(body[i + 2 : i + 4], 16)))
            i += 4
        else:
            out.append(ESCAPES[nxt])
            i += 2
    return "".join(out)


def tokens(source):
    for m in TOKEN.finditer(source):
        kind = m.lastgroup
        if kind in ("comment", "space", "lifetime", "hashes", "rawbody", "body"):
            if kind in ("comment", "space", "lifetime"):
                continue
        if m.group("raw") is not None:
            yield ("str", m.group("rawbody"))
        elif m.group("string") is not None:
            yield ("str", unescape(m.group("body")))
        elif m.group("ident") is not None:
            yield ("ident", m.group("ident"))
        elif m.group("punct") is not None:
            yield ("punct", m.group("punct"))
        elif m.group("number") is not None:
            yield ("number", m.group("number"))


PLACEHOLDER = "Riverbend"


def catalogue(source=None):
    """Every string of the catalogue as `(name, text)`: the constant or function it belongs
    to (with the match arm, e.g. `rule_sentence::C1`), and the joined text."""
    toks = list(tokens(source if source is not None else CATALOGUE.read_text()))
    out = []
    item = None  # the const or fn being read
    arm = None  # the match arm being read
    depth = 0  # brace depth: 0 at the top level
    i = 0
    while i < len(toks):
        kind, value = toks[i]
        if kind == "ident" and value in ("const", "fn") and i + 1 < len(toks):
            item, arm = toks[i + 1][1], None
        elif kind == "punct" and value == "{":
            depth += 1
        elif kind == "punct" and value == "}":
            depth -= 1
            if depth == 0:
                item, arm = None, None
        elif kind == "punct" and value == "=>":
            # The arm's pattern: the path just before `=>` (`Flag::Show988`, `C1`, `_`).
            j = i - 1
            parts = []
            while j >= 0 and (toks[j][0] == "ident" or toks[j][1] in ("::", "|", "_")):
                parts.append(toks[j][1])
                j -= 1
            arm = "".join(reversed(parts)).split("|")[0].split("::")[-1] or None
        # `[ "a", x, "b" ].concat()`
        if kind == "punct" and value == "[":
            j, pieces = i + 1, []
            while j < len(toks) and toks[j][1] != "]":
                k, v = toks[j]
                if k == "str":
                    pieces.append(v)
                elif k == "ident":
                    pieces.append(PLACEHOLDER)
                elif v not in (",", ".", "&"):
                    pieces = None
                    break
                j += 1
            tail = [t[1] for t in toks[j + 1 : j + 3]]
            if pieces and tail == [".", "concat"] and any(k == "str" for k, _ in toks[i + 1 : j]):
                out.append((name_of(item, arm), "".join(pieces)))
                i = j + 1
                continue
        # `concat!(..)` and `format!(..)`: join the literals; `env!(..)` is the version
        if kind == "ident" and value in ("concat", "format") and toks[i + 1][1] == "!":
            j, level, pieces = i + 3, 1, []
            while level:
                k, v = toks[j]
                if v == "(":
                    level += 1
                elif v == ")":
                    level -= 1
                elif k == "str" and toks[j - 3][1] != "env":
                    pieces.append(re.sub(r"\{[^}]*\}", "3", v) if value == "format" else v)
                j += 1
            out.append((name_of(item, arm), "".join(pieces)))
            i = j
            continue
        if kind == "str":
            out.append((name_of(item, arm), value))
        i += 1
    return out


def name_of(item, arm):
    return f"{item}::{arm}" if arm else str(item)


def visitor_facing(entries):
    for name, text in entries:
        base = name.split("::")[0]
        if base in NOT_PROSE or base in CLINICAL_NAMES or base.startswith(CLINICAL_NAME_PREFIX):
            continue
        yield name, text


def graded(entries):
    """The visitor-facing strings long enough to grade."""
    for name, text in visitor_facing(entries):
        if len(text.split()) >= MIN_WORDS:
            yield name, text


def grade(text):
    for term in sorted(NAMED_TERMS, key=len, reverse=True):
        text = text.replace(term, "it")
    if not re.search(r"[A-Za-z]", text):
        return 0.0
    return textstat.flesch_kincaid_grade(text)


# ---------------------------------------------------------------- the tests


class TheParser(unittest.TestCase):
    def test_joins_concat_pieces_and_names_match_arms(self):
        source = r'''
            /// "It's" in a comment: "ignored"
            pub const A: &str = "One.";
            pub fn b(clinic: &str) -> String { ["To talk to ", clinic, ", call "].concat() }
            pub fn c(x: u8) -> &'static str { match x { Y::Z => "Zed \
                 two.", _ => r#"raw "q""# } }
            pub const V: &str = concat!("CareStep ", env!("CARGO_PKG_VERSION"));
            pub fn f(n: usize) -> String { format!("Question {n} of {m}") }
        '''
        self.assertEqual(
            catalogue(source),
            [
                ("A", "One."),
                ("b", "To talk to Riverbend, call "),
                ("c::Z", "Zed two."),
                ("c::_", 'raw "q"'),
                ("V", "CareStep "),
                ("f", "Question 3 of 3"),
            ],
        )

    def test_finds_the_catalogue(self):
        names = {name for name, _ in catalogue()}
        for expected in ("START_TITLE", "rule_sentence::C1", "flag_message::Show988", "crisis_lead::C5"):
            self.assertIn(expected, names)
        self.assertGreater(len(names), 100)


class TheCatalogue(unittest.TestCase):
    def test_every_visitor_facing_string_is_grade_8_or_below(self):
        too_hard = [
            f"{name}: grade {g:.1f}: {text}"
            for name, text in graded(catalogue())
            if (g := grade(text)) > MAX_GRADE
        ]
        self.assertEqual(too_hard, [], "\n" + "\n".join(too_hard))

    def test_no_string_says_answers_were_sent_told_or_shared(self):
        found = [
            f"{name}: {text}"
            for name, text in catalogue()
            if SENT_TOLD_SHARED.search(text)
        ]
        self.assertEqual(found, [], "\n" + "\n".join(found))

    def test_the_jargon_of_issue_14_is_gone(self):
        jargon = re.compile(
            r"negative screen|acute positive|subclinical|psychiatric prescriber|in-network|in your network|stepping down|step down",
            re.IGNORECASE,
        )
        found = [f"{n}: {t}" for n, t in visitor_facing(catalogue()) if jargon.search(t)]
        self.assertEqual(found, [], "\n" + "\n".join(found))


def report():
    rows = [(grade(t), n, t) for n, t in graded(catalogue())]
    rows.sort(reverse=True)
    for g, n, t in rows:
        print(f"{g:5.1f}  {n:34} {t[:90]}")
    grades = [g for g, _, _ in rows]
    over = sum(g > MAX_GRADE for g in grades)
    print(f"{len(rows)} strings; highest grade {max(grades):.1f}; mean {sum(grades) / len(grades):.1f}; above {MAX_GRADE:g}: {over}")


if __name__ == "__main__":
    if "--report" in sys.argv:
        report()
    else:
        unittest.main()
