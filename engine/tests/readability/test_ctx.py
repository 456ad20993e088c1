"""Readability of CareStep's own questions (the ctx.* items) and of the
heads-ups shown before a part of the journey.

The context questions are CareStep's wording, not a validated instrument, so
they must read at US grade 8 or below (issue 14): the Flesch-Kincaid grade of
each question with its options (each option read as one sentence) is at most
8, each question has at most 25 words and each option at most 12. Each
part's heads-up (the line before the suicide questions, the trauma question
and the About-you block) is grade 8 or below too, at most 30 words. Instrument
items (PHQ-9, GAD-7, ASQ, ...) are verbatim and not checked here.

The questions are read from the engine itself, through the command-line tool:
`carestep questions --modules all` and `--modules default` (the C-SSRS
replaces the ASQ in "all", so ctx.attempt_3m is only in "default").

Run (from the repository root, after `cargo build --release -p carestep-cli`):

    python3 -m venv .venv-readability
    .venv-readability/bin/pip install -r engine/tests/readability/requirements.txt
    .venv-readability/bin/python -m unittest discover -s engine/tests/readability -v

Set CARESTEP_BIN to use another binary than target/release/carestep.
textstat is pinned to 0.7.3: it counts syllables with pyphen, offline; later
versions fetch NLTK data at run time.
"""

import json
import os
import re
import subprocess
import unittest

import textstat

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BIN = os.environ.get("CARESTEP_BIN", os.path.join(ROOT, "target", "release", "carestep"))

MAX_GRADE = 8.0
MAX_QUESTION_WORDS = 25
MAX_OPTION_WORDS = 12


def questionnaires():
    """The questionnaire JSON of the "all" and "default" deployments."""
    for modules in ("all", "default"):
        out = subprocess.run(
            [BIN, "questions", "--modules", modules],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        yield json.loads(out)


def ctx_items():
    """Every ctx.* item the engine can ask, by id."""
    items = {}
    for q in questionnaires():
        for item in q["items"]:
            if item["id"].startswith("ctx."):
                items[item["id"]] = item
    return items


def heads_ups():
    """Every part's heads-up, by part id."""
    return {
        part["id"]: part["heads_up"]
        for q in questionnaires()
        for part in q["parts"]
        if part["heads_up"]
    }


def words(text):
    """Words as a reader counts them: runs of letters or digits ("9–12" is
    one, "don't" is one)."""
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'’–-]*", text)


def sentence(text):
    text = text.strip()
    return text if text[-1:] in ".?!" else text + "."


def options(item):
    return [c["label"] for c in item["answer"].get("choices", [])]


def screen_text(item):
    """The question and its options as one passage, each option a sentence."""
    return " ".join(sentence(t) for t in [item["text"], *options(item)])


def grade(text):
    return textstat.flesch_kincaid_grade(text)


class CtxReadability(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.items = ctx_items()

    def test_every_ctx_item_is_checked(self):
        # The gate, the context block, ctx.attempt_3m and ctx.sex: 14 items.
        self.assertEqual(len(self.items), 14, sorted(self.items))

    def test_grade_8_or_below(self):
        for id, item in self.items.items():
            with self.subTest(id=id):
                g = grade(screen_text(item))
                self.assertLessEqual(g, MAX_GRADE, f"{id}: grade {g}: {screen_text(item)}")
                if item.get("help"):
                    h = grade(item["help"])
                    self.assertLessEqual(h, MAX_GRADE, f"{id} help: grade {h}")

    def test_short_questions_and_options(self):
        for id, item in self.items.items():
            with self.subTest(id=id):
                n = len(words(item["text"]))
                self.assertLessEqual(n, MAX_QUESTION_WORDS, f"{id}: {n} words")
                for label in options(item):
                    n = len(words(label))
                    self.assertLessEqual(n, MAX_OPTION_WORDS, f"{id}: {n} words: {label}")

    def test_heads_ups(self):
        ups = heads_ups()
        # Before the suicide questions, the trauma question and About you.
        self.assertEqual(sorted(ups), ["about_you", "experiences", "suicide"])
        for id, text in ups.items():
            with self.subTest(part=id):
                self.assertLessEqual(grade(text), MAX_GRADE, f"{id}: {text}")
                self.assertLessEqual(len(words(text)), 30, f"{id}: {text}")

    def test_the_check_can_fail(self):
        # A sentence written like the old draft is above grade 8, so the
        # grade check is not vacuous.
        hard = (
            "Right now, are you able to take care of your basic needs — eating and "
            "drinking enough, basic hygiene, taking medicines you need, and keeping "
            "yourself physically safe?"
        )
        self.assertGreater(grade(hard), MAX_GRADE)


def report():
    """Prints each ctx item's grade and word counts (python3 test_ctx.py --report)."""
    for id, text in heads_ups().items():
        print(f"heads-up {id:12} grade {grade(text):5.1f}  {len(words(text)):3} words")
    for id, item in ctx_items().items():
        longest = max((len(words(o)) for o in options(item)), default=0)
        print(f"{id:18} grade {grade(screen_text(item)):5.1f}  question {len(words(item['text'])):3} words  longest option {longest:3} words")


if __name__ == "__main__":
    import sys

    if "--report" in sys.argv:
        report()
    else:
        unittest.main()
