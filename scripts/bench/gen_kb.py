"""A synthetic knowledge base of N entries in each of English, Slovenian and Latvian.

    python scripts/bench/gen_kb.py N OUT_DIR [--seed S]

writes a project into OUT_DIR: `mkdocs.yml` (the project's own, without featured entries and
widget topics), `hooks` and `overrides` linked to the project's, the project's home and
section pages, and N entries per language in the authors' format (AUTHORING.md): about 80 %
FAQ entries, 10 % guides (parts and numbered steps) and 10 % email templates (subject lines
and ```text bodies with known placeholders only). Every entry has a summary, a category of
`extra.kb.categories`, keywords, an `updated` date and often related entries and links to
other entries.

The text is made of sentence patterns filled with words from `lexicon.py` in the case, number
and gender each pattern needs (Slovenian and Latvian inflect nouns, adjectives and verbs), so
searching it meets the same inflected forms as real content. Each entry is planned once and
written in every language from the same plan, as a translation would be. The same N and seed
give the same bytes; the site builds with `mkdocs build --strict`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from lexicon import (
    ADJECTIVES,
    FIXED_SENTENCES,
    FUNCTION_ADJECTIVES,
    LV_ADJECTIVE_ENDINGS,
    LV_NOUN_CASES,
    NAME_CODAS,
    NAME_ONSETS,
    NAME_VOWELS,
    NOUNS,
    PARTICIPLES,
    SL_ADJECTIVE_ENDINGS,
    SL_NOUN_CASES,
    SL_SOFT,
    VERBS,
)

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "sl", "lv")
DEFAULT_SEED = 1
# The project's home and section pages, copied as they are in every language.
INDEX_PAGES = ("index", "faq/index", "guides/index", "templates/index")
FOLDER_OF_KIND = {"faq": "faq", "guide": "guides", "template": "templates"}
TEMPLATE_CATEGORIES = ("account-emails", "engagement-emails", "customer-emails")
FIRST_DATE = datetime.date(2025, 1, 6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="entries per language")
    parser.add_argument("out", type=Path, help="project folder to write (must not exist)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} exists and is not empty")
    counts = generate(args.n, args.out, args.seed)
    print(f"{'kind':10}{'per language':>14}{'files':>8}")
    for kind, count in counts.items():
        print(f"{kind:10}{count:14}{count * len(LANGUAGES):8}")
    total = sum(counts.values())
    print(f"{'total':10}{total:14}{total * len(LANGUAGES):8}")
    print(f"written to {args.out} (seed {args.seed})")
    return 0


def generate(n: int, out: Path, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Write the project with `n` entries per language into `out`; entries per kind."""
    out = Path(out)
    write_project(out)
    plans = plan_entries(n, seed)
    titles = {lang: {plan.id: realise(plan.title, lang) for plan in plans} for lang in LANGUAGES}
    kinds = {plan.id: plan.kind for plan in plans}
    docs = out / "docs"
    for plan in plans:
        for lang in LANGUAGES:
            suffix = "" if lang == LANGUAGES[0] else f".{lang}"
            path = docs / FOLDER_OF_KIND[plan.kind] / f"{plan.id}{suffix}.md"
            path.write_text(render(plan, lang, titles[lang], kinds), encoding="utf-8")
    counts = {kind: 0 for kind in FOLDER_OF_KIND}
    for plan in plans:
        counts[plan.kind] += 1
    return counts


def write_project(out: Path) -> None:
    """mkdocs.yml, links to the hooks and overrides, and the home and section pages."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    # Featured entries and widget topics name entries of the example site.
    config["extra"]["kb"]["featured"] = []
    config["extra"]["kb"].pop("widget", None)
    out.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    (out / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name in ("hooks", "overrides"):
        link = out / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    for folder in FOLDER_OF_KIND.values():
        (out / "docs" / folder).mkdir(parents=True, exist_ok=True)
    for page in INDEX_PAGES:
        for lang in LANGUAGES:
            suffix = "" if lang == LANGUAGES[0] else f".{lang}"
            source = ROOT / "docs" / f"{page}{suffix}.md"
            if source.exists():
                shutil.copyfile(source, out / "docs" / f"{page}{suffix}.md")


# --- Planning: what each entry says, the same in every language ---------------------------


@dataclass
class Plan:
    """One entry, before it is written in any language."""

    id: str
    kind: str
    category: str
    title: tuple
    summary: list
    keywords: list
    blocks: list  # ("p", [sentences], link id) ("h2"/"h3", sentence) ("ul", [..]) ("fence", ..)
    related: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    updated: datetime.date = FIRST_DATE


class _Planner:
    """Draws the words of one entry: a topic (nouns, a verb, an adjective, a participle, a
    product name) that most sentences reuse, so that an entry is about something, as real
    ones are."""

    def __init__(self, rng: random.Random, names: list[str], codes: list[str]):
        self.rng = rng
        self.names = names
        self.codes = codes
        nouns = rng.sample(sorted(NOUNS), 3)
        self.topic = {
            "N": rng.choice(names),
            "O": nouns[0],
            "P": nouns[1],
            "Q": nouns[2],
            "V": rng.choice(sorted(VERBS)),
            "A": rng.choice(sorted(ADJECTIVES)),
            "X": rng.choice(sorted(PARTICIPLES)),
        }

    def slots(self, stay: float = 0.6) -> dict:
        """Words of one sentence: the topic's, or now and then other ones."""
        rng = self.rng
        object_noun = self.topic["O"] if rng.random() < stay else rng.choice(sorted(NOUNS))
        other = self.topic["P"] if rng.random() < stay else self.topic["Q"]
        if other == object_noun:
            other = self.topic["Q"] if object_noun != self.topic["Q"] else self.topic["P"]
        return {
            "O": object_noun,
            "P": other,
            "V": self.topic["V"] if rng.random() < stay else rng.choice(sorted(VERBS)),
            "A": self.topic["A"] if rng.random() < stay else rng.choice(sorted(ADJECTIVES)),
            "X": self.topic["X"] if rng.random() < stay else rng.choice(sorted(PARTICIPLES)),
            "N": self.topic["N"] if rng.random() < stay else rng.choice(self.names),
            "K": rng.randint(2, 14),
            "M": rng.choice((6, 12, 24, 36)),
            "E": rng.choice(self.codes),
        }

    def sentence(self, names=None, stay: float = 0.6) -> tuple:
        """One sentence: of the patterns `names`, else a body sentence (about a fifth of them
        said as they are, a fifth about a product)."""
        if names is None:
            draw = self.rng.random()
            if draw < 0.2:
                names = _FIXED_NAMES
            elif draw < 0.4:
                names = _NAME_SENTENCES
            else:
                names = _BODY_SENTENCES
        return (self.rng.choice(names), self.slots(stay))

    def paragraph(self, low: int = 2, high: int = 6) -> list:
        return [self.sentence() for _ in range(self.rng.randint(low, high))]


def product_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct made-up product and feature names, such as `Brivo` or `Stelaxin`."""
    names: list[str] = []
    seen = set()
    while len(names) < count:
        syllables = [
            rng.choice(NAME_ONSETS) + rng.choice(NAME_VOWELS) for _ in range(rng.randint(2, 3))
        ]
        name = ("".join(syllables) + rng.choice(NAME_CODAS)).capitalize()
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def plan_entries(n: int, seed: int) -> list[Plan]:
    """Plans of `n` entries, deterministic for (n, seed); kinds in a 8:1:1 rhythm."""
    rng = random.Random(seed)
    # A help centre names more products and features the more it covers.
    names = product_names(max(12, n // 4), rng)
    codes = [f"E-{number}" for number in rng.sample(range(100, 10000), min(9900, max(12, n // 3)))]
    plans: list[Plan] = []
    earlier: list[str] = []
    used: set[str] = set()
    for number in range(n):
        kind = {1: "guide", 2: "template"}.get(number % 10, "faq")
        planner = _Planner(rng, names, codes)
        topic = {**planner.slots(stay=1.0)}
        if kind == "faq":
            title = (rng.choice(sorted(_TITLES)), topic)
        elif kind == "guide":
            title = ("guide_title", topic)
        else:
            title = ("template_title", topic)
        entry_id = _unique(_slug(realise(title, "en")), used)
        related = rng.sample(earlier, min(len(earlier), rng.choice((0, 1, 2, 2, 3))))
        if kind == "template":
            category = rng.choice(TEMPLATE_CATEGORIES)
        else:
            category = rng.choice(sorted(_categories()))
        plan = Plan(
            id=entry_id,
            kind=kind,
            category=category,
            title=title,
            summary=[planner.sentence(_SUMMARY_SENTENCES, 1.0)]
            + ([planner.sentence(_SUMMARY_SENTENCES)] if rng.random() < 0.4 else []),
            keywords=[
                (name, planner.slots())
                for name in rng.sample(sorted(_KEYWORDS), rng.randint(2, len(_KEYWORDS)))
            ],
            blocks=[],
            related=related,
            updated=FIRST_DATE + datetime.timedelta(days=rng.randrange(700)),
        )
        plan.blocks = _BLOCK_PLANNERS[kind](planner, earlier)
        if kind == "template":
            plan.subjects = [
                (name, planner.slots(0.8))
                for name in rng.sample(sorted(_SUBJECTS), rng.randint(2, len(_SUBJECTS)))
            ]
        plans.append(plan)
        earlier.append(entry_id)
    return plans


def _faq_blocks(planner: _Planner, earlier: list[str]) -> list:
    """An answer: a first paragraph, then sections with paragraphs and lists."""
    rng = planner.rng
    blocks = [("p", planner.paragraph(2, 4), None)]
    # Most answers are short, a few are long: sections of 1-3 paragraphs, 0-6 of them.
    for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 4, 5, 7))):
        blocks.append(("h2", planner.sentence(sorted(_HEADINGS))))
        for _ in range(rng.randint(1, 3)):
            blocks.append(("p", planner.paragraph(), None))
        if rng.random() < 0.3:
            steps = [planner.sentence(sorted(_STEPS)) for _ in range(rng.randint(3, 5))]
            blocks.append(("ul", steps))
    _add_link(blocks, rng, earlier)
    return blocks


def _guide_blocks(planner: _Planner, earlier: list[str]) -> list:
    """An introduction, then parts (`##`) of steps (`###`)."""
    rng = planner.rng
    blocks = [("p", planner.paragraph(1, 3), None)]
    for _ in range(rng.randint(2, 3)):
        blocks.append(("h2", planner.sentence(sorted(_HEADINGS))))
        for _ in range(rng.randint(2, 4)):
            blocks.append(("h3", planner.sentence(sorted(_STEPS))))
            blocks.append(("p", planner.paragraph(1, 3), None))
    _add_link(blocks, rng, earlier)
    return blocks


def _template_blocks(planner: _Planner, earlier: list[str]) -> list:
    """What the email is for, when to send it, the subject lines, one or two bodies."""
    rng = planner.rng
    blocks = [
        ("p", planner.paragraph(2, 3), None),
        ("h2", ("when_to_send", {})),
        ("p", planner.paragraph(1, 2), None),
        ("subjects",),
        ("h2", ("plain_body", {})),
    ]
    for variant in ("short", "detailed")[: rng.randint(1, 2)]:
        lines = [("greeting", {})]
        picks = rng.sample(sorted(_FENCE_LINES), 2 if variant == "short" else 4)
        lines += [(name, planner.slots(0.8)) for name in picks]
        if variant == "detailed":
            lines.append(planner.sentence(_FENCE_SENTENCES))
        lines.append(("closing", {}))
        blocks.append(("fence", variant, lines))
    return blocks


_BLOCK_PLANNERS = {"faq": _faq_blocks, "guide": _guide_blocks, "template": _template_blocks}


def _add_link(blocks: list, rng: random.Random, earlier: list[str]) -> None:
    """Now and then, a paragraph ends by pointing at an earlier entry."""
    if not earlier or rng.random() >= 0.4:
        return
    paragraphs = [index for index, block in enumerate(blocks) if block[0] == "p"]
    index = rng.choice(paragraphs)
    kind, sentences, _ = blocks[index]
    blocks[index] = (kind, sentences, rng.choice(earlier))


@cache
def _categories() -> dict:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config["extra"]["kb"]["categories"]


_STOP = frozenset(
    "a an and are at be by can can't do does for how i in is it long my need of the to what "
    "when where why with your take happens".split()
)


def _slug(title: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _STOP]
    return "-".join(words[:5]) or "entry"


def _unique(slug: str, used: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


# --- Writing: one plan in one language ----------------------------------------------------


def render(plan: Plan, lang: str, titles: dict[str, str], kinds: dict[str, str]) -> str:
    """The Markdown source of one entry in one language."""
    head = [f"summary: {_quote(' '.join(realise(s, lang) for s in plan.summary))}"]
    head.append(f"category: {plan.category}")
    keywords = _distinct(realise(k, lang, capitalise=False) for k in plan.keywords)
    head.append(f"keywords: [{', '.join(_quote(k) for k in keywords)}]")
    if plan.related:
        head.append(f"related: [{', '.join(plan.related)}]")
    head.append(f"updated: {plan.updated.isoformat()}")
    if plan.subjects:
        head.append("subjects:")
        head += [f"  - {_quote(s)}" for s in _distinct(realise(s, lang) for s in plan.subjects)]
    parts = ["---\n" + "\n".join(head) + "\n---", f"# {titles[plan.id]}"]
    folder = FOLDER_OF_KIND[plan.kind]
    for block in plan.blocks:
        kind = block[0]
        if kind == "p":
            text = " ".join(realise(s, lang) for s in block[1])
            if block[2]:
                target = block[2]
                target_folder = FOLDER_OF_KIND[kinds[target]]
                path = f"{target}.md"
                if target_folder != folder:
                    path = f"../{target_folder}/{path}"
                text += " " + _PHRASES["see_also"][lang].format(title=titles[target], path=path)
            parts.append(text)
        elif kind == "h2":
            parts.append("## " + realise(block[1], lang))
        elif kind == "h3":
            parts.append("### " + realise(block[1], lang))
        elif kind == "ul":
            parts.append("\n".join(f"{n}. {realise(s, lang)}." for n, s in enumerate(block[1], 1)))
        elif kind == "subjects":
            parts.append("<!-- kb:subjects -->")
        elif kind == "fence":
            title = _PHRASES[block[1]][lang]
            lines = "\n\n".join(realise(line, lang) for line in block[2])
            parts.append(f'```text title="{title}"\n{lines}\n```')
    return "\n\n".join(parts) + "\n"


def realise(spec: tuple, lang: str, capitalise: bool = True) -> str:
    """One sentence pattern in one language, its slots filled with agreeing word forms."""
    name, slots = spec
    pattern = _PATTERNS[name][lang]
    text = _SLOT.sub(lambda match: _fill(match, slots, lang), pattern)
    if lang == "en":
        text = re.sub(r"\b([Aa]) ([aeio]|u(?!s))", r"\1n \2", text)
    elif lang == "sl":
        # The preposition z/s takes the voicing of the next word.
        text = re.sub(r"Z~ (\w)", _with_preposition, text)
    return text[:1].upper() + text[1:] if capitalise else text


def _with_preposition(match: re.Match) -> str:
    """Slovenian `s` before a voiceless consonant, else `z` (s kodo, z geslom)."""
    following = match.group(1)
    return ("s " if following.lower() in "cčfhkpsšt" else "z ") + following


_SLOT = re.compile(r"\{([A-Za-z]+)(?:@([A-Z]))?(?:\.([a-z0-9_]+))?\}")


def _fill(match: re.Match, slots: dict, lang: str) -> str:
    word, agree, form = match.groups()
    if word in ("K", "M", "N", "E"):
        return str(slots[word])
    if word in ("O", "P"):
        return _noun(slots[word], form or "nom", lang)
    if word == "V":
        return _verb(slots["V"], form or "base", lang)
    concept = slots[word] if word in ("A", "X") else word
    noun = slots[agree] if agree else None
    return _adjective(concept, noun, form or "nom", lang)


def _noun(concept: str, form: str, lang: str) -> str:
    en, sl, lv = NOUNS[concept]
    if lang == "en":
        singular, plural = en.split()
        return plural if form == "pl" else singular
    gender, *forms = (sl if lang == "sl" else lv).split()
    cases = SL_NOUN_CASES if lang == "sl" else LV_NOUN_CASES
    if lang == "sl" and form == "dat":
        form = "loc"
    return forms[cases.index(form)].replace("_", " ")


def _gender(concept: str, lang: str) -> tuple[str, bool]:
    gender = NOUNS[concept][1 if lang == "sl" else 2].split()[0]
    return gender.rstrip("*"), gender.endswith("*")


def _adjective(concept: str, noun: str | None, form: str, lang: str) -> str:
    en, sl, lv = (ADJECTIVES | PARTICIPLES | FUNCTION_ADJECTIVES)[concept]
    if lang == "en":
        return en
    nominative, stem = sl if lang == "sl" else lv
    if stem is None:
        return nominative
    gender, animate = _gender(noun, lang) if noun else ("m", False)
    if lang == "sl":
        if form == "acc" and gender == "m":
            form = "gen" if animate else "nom"
        ending = SL_ADJECTIVE_ENDINGS[gender][form]
        if ending == "o" and gender == "n" and stem.endswith(SL_SOFT):
            ending = "e"
    else:
        ending = LV_ADJECTIVE_ENDINGS[gender][form]
    return nominative if ending is None else stem + ending


def _verb(concept: str, form: str, lang: str) -> str:
    forms = VERBS[concept][LANGUAGES.index(lang)].split()
    order = ("base", "3sg", "pp", "ing") if lang == "en" else ("inf", "1sg", "2pl", "imp")
    if lang == "en" and form == "imp":
        form = "base"
    return forms[order.index(form)]


def _quote(text: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def _distinct(items) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


# --- Sentence patterns --------------------------------------------------------------------
# {O}, {P}: nouns in a case ({O.acc}); {V}: the verb in a form; {A}, {X}: the adjective or
# participle of the sentence; {A@O.acc}: agreeing with O in the accusative; {every@P.nom}:
# a named word agreeing with P; {K}, {M}: numbers. English ignores cases (`{O.pl}` is plural).

_TITLES = {
    "how": {"en": "How do I {V} my {A} {O}?", "sl": "Kako {V.1sg} {A@O.acc} {O.acc}?",
            "lv": "Kā {V.inf} {A@O.acc} {O.acc}?"},
    "can": {"en": "Can I {V} the {O} of my {P}?", "sl": "Ali lahko {V.1sg} {O.acc} {P.gen}?",
            "lv": "Vai varu {V.inf} {P.gen} {O.acc}?"},
    "why": {"en": "Why can't I {V} my {O}?", "sl": "Zakaj ne morem {V.inf} {O.gen}?",
            "lv": "Kāpēc nevaru {V.inf} savu {O.acc}?"},
    "where": {"en": "Where do I find the {A} {O} for my {P}?",
              "sl": "Kje najdem {A@O.acc} {O.acc} za {P.acc}?",
              "lv": "Kur atrast {P.gen} {A@O.acc} {O.acc}?"},
    "what": {"en": "What happens to my {O} when the {P} is {X}?",
             "sl": "Kaj se zgodi Z~ {O.ins}, ko je {P.nom} {X@P.nom}?",
             "lv": "Kas notiek ar {O.acc}, ja {P.nom} ir {X@P.nom}?"},
    "long": {"en": "How long does it take to {V} a {O}?",
             "sl": "Koliko časa potrebujem, da {V.1sg} {O.acc}?",
             "lv": "Cik ilgā laikā var {V.inf} {O.acc}?"},
    "need": {"en": "Do I need a {A} {O} to {V} my {P}?",
             "sl": "Ali potrebujem {A@O.acc} {O.acc}, da {V.1sg} {P.acc}?",
             "lv": "Vai man ir {needed@O.nom} {A@O.nom} {O.nom}, lai {V.inf} {P.acc}?"},
    "in_name": {"en": "How do I {V} the {O} in {N}?", "sl": "Kako {V.1sg} {O.acc} v programu {N}?",
                "lv": "Kā {V.inf} {O.acc} programmā {N}?"},
    "plural": {"en": "How do I {V} {O.pl} in the {P}?", "sl": "Kako {V.1sg} {O.acc_pl} v {P.loc}?",
               "lv": "Kā {V.inf} {O.acc_pl} {P.loc}?"},
}  # fmt: skip

_SENTENCES = {
    "imp": {"en": "{V} the {O} in the {P}.", "sl": "{V.imp} {O.acc} v {P.loc}.",
            "lv": "{V.imp} {O.acc} {P.loc}."},
    "within": {"en": "The {O} is {X} within {K} days.", "sl": "{O.nom} je {X@O.nom} v {K} dneh.",
               "lv": "{O.nom} tiek {X@O.nom} {K} dienu laikā."},
    "if_new": {"en": "If the {O} is {A}, {V} a new {P}.",
               "sl": "Če je {O.nom} {A@O.nom}, {V.imp} {new@P.acc} {P.acc}.",
               "lv": "Ja {O.nom} ir {A@O.nom}, {V.imp} {new@P.acc} {P.acc}."},
    "anytime": {"en": "You can {V} the {O.pl} of your {P} at any time.",
                "sl": "{O.acc_pl} {P.gen} lahko {V.2pl} kadar koli.",
                "lv": "{P.gen} {O.acc_pl} varat {V.inf} jebkurā laikā."},
    "number": {"en": "The number of {O.pl} in one {P} is not limited.",
               "sl": "Število {O.gen_pl} v {P.loc} ni omejeno.",
               "lv": "{O.gen_pl} skaits {P.loc} nav ierobežots."},
    "copy": {"en": "We keep a copy of every {O} for {M} months.",
             "sl": "Kopijo {every@O.gen} {O.gen} hranimo {M} mesecev.",
             "lv": "{every@O.gen} {O.gen} kopiju glabājam {M} mēnešus."},
    "after": {"en": "After you {V} the {O}, you receive a {X} {P} by email.",
              "sl": "Ko {V.2pl} {O.acc}, po e-pošti prejmete {X@P.acc} {P.acc}.",
              "lv": "Kad {V.2pl} {O.acc}, e-pastā saņemat {X@P.acc} {P.acc}."},
    "arrive": {"en": "If the {O} does not arrive within {K} hours, contact customer service.",
               "sl": "Če {O.nom} ne prispe v {K} urah, se obrnite na službo za pomoč strankam.",
               "lv": "Ja {O.nom} nepienāk {K} stundu laikā, sazinieties ar klientu apkalpošanas "
                     "dienestu."},
    "without": {"en": "Without a {A} {O}, you cannot {V} the {P}.",
                "sl": "Brez {A@O.gen} {O.gen} ne morete {V.inf} {P.gen}.",
                "lv": "Bez {A@O.gen} {O.gen} nevarat {V.inf} {P.acc}."},
    "shown": {"en": "The {A} {O} is shown in the {P} under **Settings**.",
              "sl": "{A@O.nom} {O.nom} je {shown@O.nom} v {P.loc} pod **Nastavitve**.",
              "lv": "{A@O.nom} {O.nom} ir {shown@O.nom} {P.loc} sadaļā **Iestatījumi**."},
    "ask": {"en": "Customers often ask how to {V} a {O} without a {P}.",
            "sl": "Stranke pogosto sprašujejo, kako {V.inf} {O.acc} brez {P.gen}.",
            "lv": "Klienti bieži jautā, kā {V.inf} {O.acc} bez {P.gen}."},
    "only": {"en": "Each {P} can have only one {A} {O}.",
             "sl": "{every@P.nom} {P.nom} ima lahko samo {one@O.acc} {A@O.acc} {O.acc}.",
             "lv": "{every@P.dat} {P.dat} var būt tikai {one@O.nom} {A@O.nom} {O.nom}."},
    "help": {"en": "The {O} helps you {V} your {P} faster.",
             "sl": "{O.nom} vam pomaga hitreje {V.inf} {P.acc}.",
             "lv": "{O.nom} palīdz ātrāk {V.inf} {P.acc}."},
}  # fmt: skip

_NAMED = {
    "n_auto": {"en": "In {N}, the {O} is {X} automatically.",
               "sl": "V programu {N} je {O.nom} samodejno {X@O.nom}.",
               "lv": "Programmā {N} {O.nom} tiek {X@O.nom} automātiski."},
    "n_version": {"en": "This applies to {N} version {K}.{M} and later.",
                  "sl": "To velja za različico {K}.{M} programa {N} in novejše.",
                  "lv": "Tas attiecas uz {N} versiju {K}.{M} un jaunākām."},
    "n_error": {"en": "If {N} shows error {E}, {V} the {O} again.",
                "sl": "Če {N} prikaže napako {E}, znova {V.imp} {O.acc}.",
                "lv": "Ja {N} parāda kļūdu {E}, vēlreiz {V.imp} {O.acc}."},
    "n_plan": {"en": "With the {N} plan you can {V} up to {K} {O.pl}.",
               "sl": "S paketom {N} lahko {V.2pl} do {K} {O.gen_pl}.",
               "lv": "Ar plānu {N} varat {V.inf} ne vairāk kā {K} {O.acc_pl}."},
}  # fmt: skip

_FIXED = {
    f"fixed_{number}": dict(zip(LANGUAGES, texts, strict=True))
    for number, texts in enumerate(FIXED_SENTENCES)
}

_HEADINGS = {
    "h_if": {"en": "If the {O} is {A}", "sl": "Če je {O.nom} {A@O.nom}",
             "lv": "Ja {O.nom} ir {A@O.nom}"},
    "h_and": {"en": "{O.pl} and {P.pl}", "sl": "{O.nom_pl} in {P.nom_pl}",
              "lv": "{O.nom_pl} un {P.nom_pl}"},
    "h_before": {"en": "Before you {V} the {O}", "sl": "Preden {V.2pl} {O.acc}",
                 "lv": "Pirms {V.2pl} {O.acc}"},
    "h_in": {"en": "{O.pl} in the {P}", "sl": "{O.nom_pl} v {P.loc}", "lv": "{O.nom_pl} {P.loc}"},
}  # fmt: skip

_STEPS = {
    "step": {"en": "{V} the {A} {O}", "sl": "{V.imp} {A@O.acc} {O.acc}",
             "lv": "{V.imp} {A@O.acc} {O.acc}"},
    "step_of": {"en": "{V} the {O} of the {P}", "sl": "{V.imp} {O.acc} {P.gen}",
                "lv": "{V.imp} {P.gen} {O.acc}"},
}  # fmt: skip

_KEYWORDS = {
    "kw_adjective": {"en": "{A} {O}", "sl": "{A@O.nom} {O.nom}", "lv": "{A@O.nom} {O.nom}"},
    "kw_plural": {"en": "{O.pl}", "sl": "{O.nom_pl}", "lv": "{O.nom_pl}"},
    "kw_of": {"en": "{P} {O}", "sl": "{O.nom} {P.gen}", "lv": "{P.gen} {O.nom}"},
    "kw_verb": {"en": "{V} {O}", "sl": "{V.inf} {O.acc}", "lv": "{V.inf} {O.acc}"},
    "kw_english": {"en": "{O} {X}", "sl": "{X@O.nom} {O.nom}", "lv": "{O.nom} {X@O.nom}"},
    "kw_name": {"en": "{N} {O}", "sl": "{N} {O.nom}", "lv": "{N} {O.nom}"},
}  # fmt: skip

_SUBJECTS = {
    "s_yours": {"en": "Your {O} has been {X}", "sl": "{your@O.nom} {O.nom} je {X@O.nom}",
                "lv": "{your@O.nom} {O.nom} ir {X@O.nom}"},
    "s_name": {"en": "[name], your {O} is {X}", "sl": "[name], {your@O.nom} {O.nom} je {X@O.nom}",
               "lv": "[name], {your@O.nom} {O.nom} ir {X@O.nom}"},
    "s_company": {"en": "[company]: {X} {O}", "sl": "[company]: {X@O.nom} {O.nom}",
                  "lv": "[company]: {X@O.nom} {O.nom}"},
    "s_order": {"en": "{O} [order number] for [name]", "sl": "{O.nom} [order number] za [name]",
                "lv": "{O.nom} [order number] – [name]"},
}  # fmt: skip

_FENCE_LINES = {
    "f_status": {"en": "Your {O} [order number] has been {X}.",
                 "sl": "{your@O.nom} {O.nom} [order number] je {X@O.nom}.",
                 "lv": "{your@O.nom} {O.nom} [order number] ir {X@O.nom}."},
    "f_link": {"en": "Open this link within [expiry]:\n[link]",
               "sl": "To povezavo odprite v [expiry]:\n[link]",
               "lv": "Atveriet šo saiti [expiry] laikā:\n[link]"},
    "f_code": {"en": "Your code is [code]. It is valid until [date].",
               "sl": "Vaša koda je [code]. Velja do [date].",
               "lv": "Jūsu kods ir [code]. Tas ir derīgs līdz [date]."},
    "f_contact": {"en": "Questions? Write to [support email] or call [support phone].",
                  "sl": "Imate vprašanja? Pišite na [support email] ali pokličite [support phone].",
                  "lv": "Jautājumi? Rakstiet uz [support email] vai zvaniet [support phone]."},
    "f_portal": {"en": "You can manage your {O.pl} in [customer portal].",
                 "sl": "{O.acc_pl} lahko urejate v portalu [customer portal].",
                 "lv": "{O.acc_pl} varat pārvaldīt portālā [customer portal]."},
    "f_thanks": {"en": "Thank you for choosing [product].",
                 "sl": "Hvala, ker ste izbrali [product].",
                 "lv": "Paldies, ka izvēlējāties [product]."},
}  # fmt: skip

_STRUCTURE = {
    "guide_title": {"en": "How to {V} the {O} of your {P}", "sl": "Kako {V.inf} {O.acc} {P.gen}",
                    "lv": "Kā {V.inf} {P.gen} {O.acc}"},
    "template_title": {"en": "{X} {O} email", "sl": "Sporočilo o {X@O.loc} {O.loc}",
                       "lv": "Vēstule par {X@O.acc} {O.acc}"},
    "when_to_send": {"en": "When to send it", "sl": "Kdaj ga poslati", "lv": "Kad to sūtīt"},
    "plain_body": {"en": "Plain-text body", "sl": "Besedilo sporočila", "lv": "Vēstules teksts"},
    "greeting": {"en": "Hello [name],", "sl": "Pozdravljeni, [name],", "lv": "Labdien, [name]!"},
    "closing": {"en": "Kind regards,\n[agent name]\n[company]",
                "sl": "Lep pozdrav,\n[agent name]\n[company]",
                "lv": "Ar cieņu,\n[agent name]\n[company]"},
}  # fmt: skip

_PHRASES = {
    "see_also": {"en": "See also [{title}]({path}).", "sl": "Preberite tudi [{title}]({path}).",
                 "lv": "Skatiet arī [{title}]({path})."},
    "short": {"en": "Short", "sl": "Kratko", "lv": "Īsi"},
    "detailed": {"en": "Detailed", "sl": "Podrobno", "lv": "Detalizēti"},
}  # fmt: skip

_PATTERNS = {
    **_TITLES, **_SENTENCES, **_NAMED, **_FIXED, **_HEADINGS, **_STEPS, **_KEYWORDS,
    **_SUBJECTS, **_FENCE_LINES, **_STRUCTURE,
}  # fmt: skip
_BODY_SENTENCES = sorted(_SENTENCES)
_NAME_SENTENCES = sorted(_NAMED)
_FIXED_NAMES = sorted(_FIXED)
_SUMMARY_SENTENCES = ["imp", "within", "anytime", "after", "help", "without", "ask", "only"]
# Sentences that read well inside an email body (no Markdown).
_FENCE_SENTENCES = [name for name in sorted(_SENTENCES) if name != "shown"]


if __name__ == "__main__":
    sys.exit(main())
