"""The search core in Python: build_index, load_index and query on small in-test corpora.

CORPORA and PARITY_QUERIES are also used by tests/browser/test_analysis_js.py, which checks that
lunr.js loads these indexes and ranks exactly as Python does.
"""

from __future__ import annotations

import json
import math
import random
import time

import pytest
from lunr.pipeline import Pipeline

from helpfirst import search
from helpfirst.analysis import analyse, pipeline_label
from helpfirst.search import (
    SearchIndexError,
    build_index,
    build_payload,
    load_index,
    plan_query,
    query,
)

CORPORA = {
    "en": [
        {
            "id": "faq/reset-password",
            "title": "Reset your password",
            "keywords": ["forgotten password", "log-in problems"],
            "summary": "How to set a new password when you cannot sign in.",
            "body": "Open the sign-in page and choose Forgot password. We e-mail you a link "
            "that works for one hour.",
        },
        {
            "id": "faq/order-status",
            "title": "Where is my order?",
            "keywords": "delivery, tracking",
            "summary": "Track an order with its order number.",
            "body": "Every order has a number such as 12345. Enter it on the tracking page.",
        },
        {
            "id": "faq/border-fees",
            "title": "Border fees",
            "keywords": ["customs"],
            "summary": "Fees charged when a parcel crosses a border.",
            "body": "Parcels from outside the EU may be charged customs fees at the border.",
        },
        {
            "id": "faq/change-email",
            "title": "Change your e-mail address",
            "keywords": ["email", "contact details"],
            "summary": "Update the address we write to.",
            "body": "Go to your profile settings and enter the new address.",
        },
        {
            "id": "faq/customer-portal",
            "title": "What is the customer portal?",
            "keywords": ["self-service portal", "client area"],
            "summary": "A secure part of the website where customers help themselves.",
            "body": "The portal lets you see invoices, orders and payments in one place.",
        },
        {
            "id": "faq/invoices",
            "title": "Invoices",
            "keywords": ["bill", "receipt"],
            "summary": "Download invoices as PDF files.",
            "body": "Your invoices are in the customer portal. Each invoice lists the order.",
        },
        {
            "id": "faq/refunds",
            "title": "Refunds",
            "keywords": ["money back"],
            "summary": "How refunds are paid.",
            "body": "We refund the payment to your card within 14 days.",
        },
        {
            "id": "faq/payment-methods",
            "title": "Payment methods",
            "summary": "Which ways to pay we accept.",
            "body": "We accept card payments and bank transfers. A refund goes back the same way.",
        },
    ],
    "sl": [
        {
            "id": "faq/racun",
            "title": "Kje najdem račun?",
            "keywords": ["računi", "e-račun"],
            "summary": "Račune najdete na portalu za stranke.",
            "body": "Vsi računi so v razdelku Računi. Vsak račun ima številko naročila.",
        },
        {
            "id": "faq/geslo",
            "title": "Pozabljeno geslo",
            "keywords": ["ponastavitev gesla"],
            "summary": "Kako nastavite novo geslo.",
            "body": "Na strani za prijavo izberite Pozabljeno geslo. Po e-pošti vam pošljemo "
            "povezavo.",
        },
        {
            "id": "faq/nastavitve",
            "title": "Nastavitve obvestil",
            "summary": "Izberite, katera sporočila prejemate.",
            "body": "V nastavitvah profila izklopite sporočila SMS.",
        },
        {
            "id": "faq/placilo",
            "title": "Načini plačila",
            "summary": "S kartico ali po predračunu.",
            "body": "Plačilo s kartico je takojšnje. Plačila po predračunu trajajo dva dni.",
        },
        {
            "id": "faq/e-naslov",
            "title": "Sprememba e-poštnega naslova",
            "keywords": ["e-pošta", "email"],
            "summary": "Kako spremenite e-naslov.",
            "body": "Nov e-naslov vpišite v profil. Na staro e-pošto vam pošljemo obvestilo.",
        },
        {
            "id": "faq/portal",
            "title": "Kaj je portal za stranke?",
            "keywords": ["samopostrežni portal"],
            "summary": "Varen del spletne strani, kjer si stranke pomagajo same.",
            "body": "Na portalu vidite račune, naročila in plačila (d.o.o. in s.p.).",
        },
    ],
    "lv": [
        {
            "id": "faq/rekins",
            "title": "Kur atrast rēķinu?",
            "keywords": ["rēķini", "e-rēķins"],
            "summary": "Rēķini ir klientu portālā.",
            "body": "Visi rēķini ir sadaļā Rēķini. Katram rēķinam ir pasūtījuma numurs.",
        },
        {
            "id": "faq/parole",
            "title": "Aizmirsta parole",
            "keywords": ["paroles maiņa"],
            "summary": "Kā iestatīt jaunu paroli.",
            "body": "Pieteikšanās lapā izvēlieties Aizmirsu paroli. Mēs nosūtīsim saiti e-pastā.",
        },
        {
            "id": "faq/lietotaji",
            "title": "Lietotāju pārvaldība",
            "summary": "Kā pievienot jaunu lietotāju.",
            "body": "Lietotājiem var piešķirt tiesības. Katram lietotājam ir savs e-pasts.",
        },
        {
            "id": "faq/maksajumi",
            "title": "Maksājumu veidi",
            "summary": "Ar karti vai ar pārskaitījumu.",
            "body": "Maksājums ar karti ir tūlītējs. Maksājumi ar pārskaitījumu aizņem divas "
            "dienas.",
        },
    ],
    "de": [
        {
            "id": "faq/passwort",
            "title": "Passwort vergessen",
            "summary": "So setzen Sie ein neues Passwort.",
            "body": "Öffnen Sie die Anmeldeseite und wählen Sie Passwort vergessen.",
        },
        {
            "id": "faq/rechnung",
            "title": "Wo finde ich meine Rechnung?",
            "summary": "Rechnungen im Kundenportal.",
            "body": "Alle Rechnungen liegen im Kundenportal der Müller GmbH.",
        },
    ],
}

HOSTILE_QUERIES = [
    "",
    " ",
    "\t\n",
    "***",
    ":",
    "^",
    "~",
    "+",
    "-",
    "title:",
    "title:^10~2",
    "foo~bar^baz:qux",
    "+geslo -račun",
    "((((",
    '"unbalanced',
    "\\",
    "* * *",
    "a*b*c",
    "😀" * 200,
    "👍🏽 👨‍👩‍👧",
    "مرحبا بالعالم",
    "\u202eevil\u202c",
    "\u0000\u0001\u0002",
    "e-",
    "-e",
    "d.o.o.",
    "...",
    "''''",
    "a" * 10_000,
    "pass " * 2000,
    "x" * 64 + " " + "y" * 65,
]


def _garbage(seed: int, length: int = 10_000) -> str:
    """Seeded random text from letters, marks, digits, punctuation, emoji and RTL scripts."""
    rng = random.Random(seed)
    alphabet = (
        "abcčdeéfghijklmnoprsštuvzžāēīūģķļņ0123456789 -.'’:*~^+\"()[]{}\\/|!?,;"
        "\u0301\u0304\u00ad\u200b\u200dشלΩж中😀🏽\U0001d400"
    )
    return "".join(rng.choice(alphabet) for _ in range(length))


# Queries separated by |, each typed as a customer might (typos, prefixes, folding).
PARITY_QUERIES = {
    "en": (
        "password|reset pasword|order|orders|ordr|bord|e-mail|email|self-service|selfservice|"
        "customer's invoices|12345|123|refund|refnud|how do I change my e-mail address?|"
        "portal|inv|pay|payments|title:refund^10|the|track|Invoice"
    ).split("|"),
    "sl": (
        "račun|računov|racuni|gesla|geslo pozabljeno|nastav|nastavitev|eposta|e-pošta|email|"
        "e-naslov|enaslov|plačil|placila|kje je|portalu|d.o.o.|doo|sporočil|stranke|"
        "predračun|predracun"
    ).split("|"),
    "lv": (
        "rēķins|rekinu|parole|paroli|lietotājs|lietotajiem|maksājumi|maksajums|e-pasts|"
        "epasts|kā|jaun|kart|jaunu lietotāju|rēķini portālā|maksājums ar karti"
    ).split("|"),
    "de": (
        "passwort|Rechnungen|muller|Müller|kundenportal|rech|neues Passwort|Rechnungen Kundenportal"
    ).split("|"),
}


@pytest.fixture(scope="module")
def indexes():
    """Each corpus built and loaded back from its JSON text, as the browser would."""
    return {
        lang: load_index(json.dumps(build_payload(lang, docs))) for lang, docs in CORPORA.items()
    }


def _refs(results):
    """The refs of (ref, score) results, in order."""
    return [ref for ref, _ in results]


# --- build_index -----------------------------------------------------------------------------


def _canonical(data) -> bytes:
    """The bytes a build writes: sorted keys, fixed separators."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@pytest.mark.parametrize("lang", CORPORA)
def test_build_index_is_deterministic(lang):
    """Same documents, in any order, give the same bytes."""
    docs = CORPORA[lang]
    first = _canonical(build_index(lang, docs))
    assert _canonical(build_index(lang, docs)) == first
    assert _canonical(build_index(lang, list(reversed(docs)))) == first


def test_build_index_shape():
    """lunr 2.3.9 format, our pipeline label, four boosted fields, no position metadata."""
    data = build_index("sl-SI", CORPORA["sl"])
    assert data["version"] == "2.3.9"
    assert data["pipeline"] == ["kb-sl"]
    assert data["fields"] == ["title", "keywords", "summary", "body"]
    terms = [term for term, _ in data["invertedIndex"]]
    assert terms == sorted(terms)
    assert {"racun", "gesl", "epost", "enasl", "doo", "sp"} <= set(terms)
    for _, posting in data["invertedIndex"]:
        for field, refs in posting.items():
            if field != "_index":
                assert all(metadata == {} for metadata in refs.values())
    assert build_index("de", CORPORA["de"])["pipeline"] == ["kb-generic"]


@pytest.mark.parametrize("lang", CORPORA)
def test_index_terms_are_the_analysers_terms(lang):
    """Index time and query time share one analyser: the index holds exactly analyse()'s terms."""
    docs = CORPORA[lang]
    expected = {
        term
        for doc in docs
        for field, _ in search.FIELDS
        for term in analyse(search._field_text(doc, field), lang)
    }
    assert {term for term, _ in build_index(lang, docs)["invertedIndex"]} == expected


def test_keywords_may_be_a_string_or_a_list():
    """A keyword list indexes like the same keywords written as one string."""
    as_list = build_index("en", [{"id": "a", "keywords": ["self-service", "client area"]}])
    as_text = build_index("en", [{"id": "a", "keywords": "self-service\nclient area"}])
    assert as_list == as_text


def test_build_index_rejects_bad_documents():
    """Every document needs its own string id."""
    with pytest.raises(SearchIndexError, match="#2 has no string 'id'"):
        build_index("en", [{"id": "a"}, {"title": "x"}])
    with pytest.raises(SearchIndexError, match="'a' is used twice"):
        build_index("en", [{"id": "a"}, {"id": "a"}])
    for bad in ("a", None, {"id": ""}, {"id": 5}, {"id": ["a"]}):
        with pytest.raises(SearchIndexError, match=r"^document #2 has no string 'id'$"):
            build_index("en", [{"id": "b"}, bad])
    with pytest.raises(SearchIndexError) as raised:
        build_index("en", [{"id": "a"}, {"id": "b"}, {"id": "a"}])
    assert str(raised.value) == "document id 'a' is used twice (#1, #3)"


def test_empty_index_loads_and_finds_nothing():
    """A language without documents still gets a loadable index."""
    index = load_index(build_payload("lv", []))
    assert query(index, "parole", "lv") == []


def test_payload_carries_the_label_and_stop_words():
    """The browser registers `analyser` with `stopwords` before loading `index`."""
    payload = build_payload("lv", CORPORA["lv"])
    assert payload["lang"] == "lv"
    assert payload["analyser"] == "kb-lv" == payload["index"]["pipeline"][0]
    assert len(payload["stopwords"]) == 161
    assert build_payload("de", CORPORA["de"])["stopwords"] == []


def test_payload_carries_what_a_result_shows():
    """Each ref's location, title and summary travel with the index (the body does not)."""
    docs = [dict(doc, location=f"sl/{doc['id']}/") for doc in CORPORA["sl"]]
    payload = build_payload("sl", docs)
    assert payload["base"] == "sl/"
    assert all(len(row) == 2 for row in payload["docs"])  # every location is base + ref + /
    shown = search.documents(json.loads(json.dumps(payload)))
    assert sorted(shown) == sorted(doc["id"] for doc in docs)
    for doc in docs:
        assert shown[doc["id"]] == {
            "location": f"sl/{doc['id']}/",
            "title": doc["title"],
            "summary": doc["summary"],
        }


def test_payload_location_defaults_to_the_ref():
    payload = build_payload("en", [{"id": "faq/x", "title": "X"}])
    assert search.documents(payload)["faq/x"] == {"location": "faq/x/", "title": "X", "summary": ""}


def test_payload_keeps_a_location_outside_the_common_folder():
    docs = [
        {"id": "faq/a", "title": "A", "location": "sl/faq/a/"},
        {"id": "faq/b", "title": "B", "location": "sl/faq/b/"},
        {"id": "faq/c", "title": "C", "location": "elsewhere/c.html"},
    ]
    payload = build_payload("sl", docs)
    assert payload["base"] == "sl/"
    assert payload["docs"] == [["A", ""], ["B", ""], ["C", "", "elsewhere/c.html"]]
    assert [doc["location"] for doc in search.documents(payload).values()] == [
        "sl/faq/a/",
        "sl/faq/b/",
        "elsewhere/c.html",
    ]
    assert search.payload_path("lv") == "search/kb-lv.json"


def test_load_index_accepts_payload_bare_index_and_json():
    """Three ways in, the same index."""
    payload = build_payload("en", CORPORA["en"])
    for form in (payload, payload["index"], json.dumps(payload)):
        assert _refs(query(load_index(form), "invoice", "en"))[0] == "faq/invoices"


# --- query -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("en", "password", "faq/reset-password"),
        ("en", "passwords", "faq/reset-password"),
        ("en", "Invoices", "faq/invoices"),
        ("en", "customer's invoice", "faq/invoices"),
        ("en", "e-mail", "faq/change-email"),
        ("en", "email", "faq/change-email"),
        ("en", "self service", "faq/customer-portal"),
        ("en", "selfservice", "faq/customer-portal"),
        ("en", "12345", "faq/order-status"),
        ("sl", "računov", "faq/racun"),
        ("sl", "racuni", "faq/racun"),
        ("sl", "gesla", "faq/geslo"),
        ("sl", "eposta", "faq/e-naslov"),
        ("sl", "e-pošto", "faq/e-naslov"),
        ("sl", "enaslov", "faq/e-naslov"),
        ("sl", "doo", "faq/portal"),
        ("lv", "rēķinu", "faq/rekins"),
        ("lv", "rekini", "faq/rekins"),
        ("lv", "lietotājiem", "faq/lietotaji"),
        ("lv", "paroli", "faq/parole"),
        ("de", "muller", "faq/rechnung"),
    ],
)
def test_inflected_folded_and_hyphenated_forms_find_the_entry(indexes, lang, text, first):
    """Any case form, with or without diacritics or hyphen, finds the entry."""
    assert _refs(query(indexes[lang], text, lang))[0] == first


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("en", "passw", "faq/reset-password"),
        ("en", "inv", "faq/invoices"),
        ("en", "reset passw", "faq/reset-password"),
        ("sl", "nastav", "faq/nastavitve"),
        ("sl", "plači", "faq/placilo"),
        ("sl", "e-poš", "faq/e-naslov"),
        ("lv", "lietot", "faq/lietotaji"),
        ("lv", "maksāj", "faq/maksajumi"),
    ],
)
def test_last_term_matches_as_a_prefix_while_typing(indexes, lang, text, found):
    """The word being typed matches indexed terms it starts (folded, not stemmed)."""
    assert _refs(query(indexes[lang], text, lang))[0] == found


def test_only_the_last_term_is_a_prefix():
    """Earlier words are complete: they match exactly (or with a typo), never as prefixes."""
    plan = plan_query("inv passw", "en")
    assert [c for c in plan if "wildcard" in c] == [
        {"term": "passw", "boost": 3, "words": [1], "wildcard": "trailing"}
    ]
    assert query(load_index(build_payload("en", CORPORA["en"])), "inv zzz", "en") == []


def test_ranking_constants_are_pinned():
    """Both languages' code could change a value together and still agree: the values are pinned
    here, and search.py says beside each why it is what it is."""
    assert search.FIELDS == (("title", 10), ("keywords", 10), ("summary", 4), ("body", 1))
    assert (search.EXACT_BOOST, search.PREFIX_BOOST, search.TYPO_BOOST) == (10, 3, 0.5)
    assert search.SYNONYM_BOOST == search.CORRECTION_BOOST == 5
    assert (search.CORRECTION_LETTERS, search.MAX_CORRECTIONS) == (
        "abcdefghijklmnopqrstuvwxyz",
        8,
    )
    assert (search.MIN_PREFIX_LENGTH, search.MIN_TYPO_LENGTH) == (3, 5)
    assert (search.K1, search.B) == (1.2, 0.75)


def test_prefixes_start_at_three_letters():
    """One or two letters would match a large share of every term at thousands of entries."""
    assert search.MIN_PREFIX_LENGTH == 3
    assert not [c for c in plan_query("reset pa", "en") if "wildcard" in c]
    assert [c["term"] for c in plan_query("reset pas", "en") if "wildcard" in c] == ["pas"]
    assert [c["term"] for c in plan_query("Čaš", "sl") if "wildcard" in c] == ["cas"]


def test_prefix_is_folded_but_not_stemmed():
    """Wildcard terms skip lunr's pipeline, so the query folds them itself."""
    assert plan_query("Plačil", "sl")[-1] == {
        "term": "placil",
        "boost": 3,
        "words": [0],
        "wildcard": "trailing",
    }
    assert plan_query("payments", "en")[-1]["term"] == "payments"


def test_typo_tolerance_for_long_terms_only(indexes):
    """Five or more letters tolerate one edit; shorter terms and numbers do not."""
    assert _refs(query(indexes["en"], "refnud", "en"))[0] == "faq/refunds"
    assert _refs(query(indexes["en"], "pasword", "en"))[0] == "faq/reset-password"
    assert query(indexes["en"], "ordr fes", "en") == []
    assert not any("editDistance" in c for c in plan_query("12346 ordr", "en"))


def test_exact_matches_rank_above_typo_matches(indexes):
    """'order' matches border by one edit, but every exact match ranks above it."""
    refs = _refs(query(indexes["en"], "order", "en", limit=None))
    exact = {"faq/order-status", "faq/invoices", "faq/customer-portal"}
    assert set(refs[: len(exact)]) == exact
    assert "faq/border-fees" in refs[len(exact) :]


INVITATIONS = [
    {"id": "invitation", "title": "The invitation email", "body": "Who gets it and when."},
    {"id": "invoice", "title": "Your invoice", "body": "Where to find it."},
]


def test_a_misspelled_word_is_corrected_as_a_word_before_stemming():
    """`invitaton` stems to itself, four edits from `invit` (of `invitation`): one edit on the
    word finds it, at half an exact word's weight."""
    index = load_index(build_payload("en", INVITATIONS))
    assert _refs(query(index, "invitaton", "en")) == ["invitation"]
    assert _refs(query(index, "invitaton emial", "en")) == ["invitation"]
    plan = plan_query("invitaton", "en", index.inverted_index.__contains__)
    assert {"term": "invit", "boost": search.CORRECTION_BOOST, "words": [0]} in plan
    # Without the index's terms nothing is corrected (the plan that tests compare alone).
    assert not [c for c in plan_query("invitaton", "en") if c["term"] == "invit"]


def test_a_word_the_index_holds_is_never_corrected():
    """Corrections are for words the index lacks: an exact word keeps its own meaning, and the
    entry that has it ranks above any entry found by a correction."""
    docs = [*INVITATIONS, {"id": "literal", "title": "Invitaton", "body": "A brand name."}]
    index = load_index(build_payload("en", docs))
    assert _refs(query(index, "invitaton", "en")) == ["literal"]
    assert corrections_of(index, "invitaton") == []
    # Short words, digits and letters outside a-z are never corrected.
    assert corrections_of(index, "invt") == [] and corrections_of(index, "invitat0n") == []


def corrections_of(index, word: str) -> list[str]:
    """The corrections of one folded word against an index."""
    term = analyse(word, "en")[0]
    return search.corrections(word, term, "en", index.inverted_index.__contains__)


def test_corrections_are_kept_per_index_and_answer_alike():
    """A word typed earlier in a query is corrected once; the memo changes no answer."""
    index = load_index(build_payload("en", INVITATIONS))
    first = query(index, "invitaton emial", "en")
    assert index.kb_corrections == {"invitaton": ["invit"], "emial": ["email"]}
    assert query(index, "invitaton emial", "en") == first
    index.kb_corrections["invitaton"] = []  # what is kept is what is used
    assert query(index, "invitaton", "en") == []


def test_hostile_text_is_corrected_cheaply():
    """At most MAX_CORRECTED_WORDS words of a query, none longer than MAX_CORRECTION_LENGTH."""
    index = load_index(build_payload("en", INVITATIONS))
    known = index.inverted_index.__contains__
    plan = plan_query("invitaton " * 6, "en", known)
    assert sum(c["boost"] == search.CORRECTION_BOOST for c in plan) == search.MAX_CORRECTED_WORDS
    long_word = "invitaton" + "x" * (search.MAX_CORRECTION_LENGTH - 8)
    assert corrections_of(index, long_word) == []
    fresh = load_index(build_payload("en", INVITATIONS))
    query(fresh, " ".join("qwertyuiopasdfghjklz"[i:] + "q" * i for i in range(32)), "en")
    assert len(fresh.kb_corrections) == search.MAX_CORRECTED_WORDS


def test_corrections_are_capped_and_sorted():
    """A word near many indexed words brings at most MAX_CORRECTIONS, in term order."""
    words = [f"{a}{b}ster" for a in "bcdfghjklmnp" for b in "ao"]
    index = load_index(build_payload("en", [{"id": w, "title": w} for w in words]))
    found = corrections_of(index, "zaster")
    assert found == sorted(found) and len(found) == search.MAX_CORRECTIONS


SUBJECTS = [
    {"id": "subject", "title": "Write a good subject line", "body": "Short and clear."},
    {"id": "headline", "title": "Headline of a campaign", "body": "Shown in the list."},
    {"id": "other", "title": "Delivery times", "body": "One line about the subject."},
]
SUBJECT_SYNONYMS = [[["subject", "line"], ["headlin"]]]


def test_synonyms_find_the_entry_in_other_words():
    """A query with one member of a set also looks for the others; the entry in the reader's
    own words ranks first."""
    index = load_index(build_payload("en", SUBJECTS, SUBJECT_SYNONYMS))
    assert index.kb_synonyms == SUBJECT_SYNONYMS
    assert _refs(query(index, "headline", "en"))[:2] == ["headline", "subject"]
    assert _refs(query(index, "subject line", "en"))[0] == "subject"
    assert "headline" in _refs(query(index, "subject line", "en"))
    # A member of two words applies only when both stand together in the query.
    assert "headline" not in _refs(query(index, "subject", "en"))
    assert "subject" not in _refs(query(index, "headline", "en", synonyms=[]))
    plan = plan_query("headline", "en", synonyms=SUBJECT_SYNONYMS)
    # The two words of a phrase share the boost of one.
    assert plan[-2:] == [
        {"term": "subject", "boost": search.SYNONYM_BOOST / 2, "words": [0]},
        {"term": "line", "boost": search.SYNONYM_BOOST / 2, "words": [0]},
    ]


def test_payload_holds_synonyms_only_when_there_are_some():
    """Without sets the payload is as before; with them it holds their terms."""
    assert "synonyms" not in build_payload("en", SUBJECTS)
    assert build_payload("en", SUBJECTS, SUBJECT_SYNONYMS)["synonyms"] == SUBJECT_SYNONYMS


def test_field_boosts_rank_title_and_keywords_over_summary_over_body():
    """The same word ranks its entry by where it stands."""
    filler = "lorem ipsum dolor"
    docs = [
        {"id": field, "title": filler, "keywords": filler, "summary": filler, "body": filler}
        for field in ("title", "keywords", "summary", "body")
    ]
    for doc in docs:
        doc[doc["id"]] = filler + " zebra"
    refs = _refs(query(load_index(build_payload("en", docs)), "zebra", "en"))
    assert sorted(refs[:2]) == ["keywords", "title"] and refs[2:] == ["summary", "body"]


def test_stop_words_alone_find_nothing(indexes):
    """A query of only stop words has no clauses, and lunr never sees an empty query."""
    assert plan_query("kje je to", "sl") == []
    assert query(indexes["sl"], "kje je to", "sl") == []
    assert query(indexes["en"], "the", "en") == []


def test_query_syntax_is_plain_text(indexes):
    """lunr's query syntax characters are separators, never operators."""
    assert _refs(query(indexes["en"], "title:refund^10", "en"))[0] == "faq/refunds"
    assert _refs(query(indexes["en"], "-refund", "en"))[0] == "faq/refunds"


def test_results_are_ranked_and_limited(indexes):
    """(ref, score) pairs, best first, ties by ref, at most `limit`."""
    results = query(indexes["en"], "payment card refund portal", "en", limit=3)
    assert len(results) == 3
    scores = [score for _, score in results]
    assert scores == sorted(scores, reverse=True)
    assert len(query(indexes["en"], "payment card refund portal", "en", limit=None)) > 3


@pytest.mark.parametrize(
    "text", HOSTILE_QUERIES + [None, 123, b"bytes"], ids=lambda t: repr(t)[:24]
)
def test_hostile_input_never_raises(indexes, text):
    """Anything typed (or passed) gives a list."""
    for lang, index in indexes.items():
        assert isinstance(query(index, text, lang), list)


def test_random_garbage_never_raises_and_stays_fast(indexes):
    """10 kB of seeded random garbage per query, in every language, well under a second each."""
    for seed in range(5):
        text = _garbage(seed)
        for lang, index in indexes.items():
            started = time.perf_counter()
            assert isinstance(query(index, text, lang), list)
            assert time.perf_counter() - started < 1.0


def test_query_caps_hostile_lengths():
    """At most MAX_QUERY_TOKENS tokens from the first MAX_QUERY_CHARS characters are used."""
    assert len(plan_query("word " * 500, "de")) <= 3 * search.MAX_QUERY_TOKENS
    assert plan_query("x" * 2000, "de") == []


def _lunr_builder_index(lang: str, docs) -> dict:
    """The same documents indexed by lunr.py's own Builder (the reference our counts must give
    back): the analyser's terms per field, each entry counted once in a term's idf."""
    from lunr import builder as lunr_builder

    from helpfirst.analysis import pipeline_function

    terms_of = pipeline_function(lang).terms_of
    builder = lunr_builder.Builder()
    builder.ref("id")
    for name, boost in search.FIELDS:
        builder.field(
            name,
            boost=boost,
            extractor=lambda doc, name=name: [
                term
                for token in search.tokenise(search._field_text(doc, name))
                for term in terms_of(token.lower())
            ],
        )

    builder.search_pipeline.add(pipeline_function(lang))

    def entry_idf(posting, document_count):
        refs = {ref for field, found in posting.items() if field != "_index" for ref in found}
        return search.idf(len(refs), document_count)

    original = lunr_builder.Idf
    lunr_builder.Idf = entry_idf
    try:
        for doc in sorted(docs, key=lambda d: d["id"]):
            builder.add(doc)
        return json.loads(json.dumps(builder.build().serialize()))
    finally:
        lunr_builder.Idf = original


def _weights(index: dict) -> dict[str, dict[str, float]]:
    """{field ref: {term: weight}} of a serialised lunr index."""
    terms = {posting["_index"]: term for term, posting in index["invertedIndex"]}
    return {
        field_ref: {terms[values[i]]: values[i + 1] for i in range(0, len(values), 2)}
        for field_ref, values in index["fieldVectors"]
    }


@pytest.mark.parametrize("lang", ["en", "sl", "lv", "de"])
def test_expanded_counts_give_lunrs_own_index(lang):
    """The payload holds counts; expanded, they give what lunr's builder builds: the same terms
    in the same order, postings, field refs and weights (lunr rounds with Python's round(), we
    as analysis.js does, so a weight may differ in its last decimal, never more)."""
    reference = _lunr_builder_index(lang, CORPORA[lang])
    expanded = search.expand_index(
        json.loads(json.dumps(search.build_compact(lang, CORPORA[lang])))
    )
    assert [term for term, _ in expanded["invertedIndex"]] == [
        term for term, _ in reference["invertedIndex"]
    ]
    for (_, want), (_, got) in zip(
        reference["invertedIndex"], expanded["invertedIndex"], strict=True
    ):
        assert {k: v for k, v in got.items() if k != "_index"} == {
            k: v for k, v in want.items() if k != "_index"
        }
    want, got = _weights(reference), _weights(expanded)
    assert got.keys() == want.keys()
    for field_ref, terms in want.items():
        assert got[field_ref].keys() == terms.keys(), field_ref
        for term, value in terms.items():
            assert abs(got[field_ref][term] - value) <= 0.001 + 1e-12, (field_ref, term)
    assert expanded["pipeline"] == reference["pipeline"] == [f"kb-{search.language_key(lang)}"]


@pytest.mark.parametrize("lang", ["en", "sl", "lv"])
def test_payload_and_lunrs_own_index_answer_alike(lang):
    reference = search.Index.load(_lunr_builder_index(lang, CORPORA[lang]))
    payload = load_index(json.dumps(build_payload(lang, CORPORA[lang])))
    # What a result shows is the payload's, not lunr's: both rescore with the same texts.
    reference.kb_documents = payload.kb_documents
    for text in [doc["title"] for doc in CORPORA[lang]] + ["e", "zzz", "pass"]:
        got = query(payload, text, lang, limit=None)
        want = query(reference, text, lang, limit=None)
        assert [ref for ref, _ in got] == [ref for ref, _ in want]
        assert [score for _, score in got] == pytest.approx([score for _, score in want], rel=1e-3)


def test_compact_postings_form():
    """Documents numbered in id order; distances from the previous document (the first from -1),
    negated and followed by the count when a term occurs more than once in the field."""
    docs = [
        {"id": "b", "title": "Parcel", "body": "parcel parcel invoice"},
        {"id": "a", "title": "Invoice invoice", "body": "invoice"},
        {"id": "c", "title": "Invoice"},
    ]
    data = search.build_compact("en", docs)
    assert data["format"] == search.COMPACT_FORMAT
    assert data["refs"] == ["a", "b", "c"]
    assert data["fields"] == ["title", "keywords", "summary", "body"]
    assert data["boosts"] == [10, 10, 4, 1] and data["bm25"] == [1.2, 0.75]
    assert data["lengths"] == [[2, 1, 1], [0, 0, 0], [0, 0, 0], [1, 3, 0]]
    assert data["terms"] == [
        ["invoic", [-1, 2, 2], [], [], [1, 1]],
        ["parcel", [2], [], [], [-2, 2]],
    ]


def test_compact_index_is_smaller():
    compact = json.dumps(search.build_compact("sl", CORPORA["sl"]))
    assert len(compact) < len(json.dumps(build_index("sl", CORPORA["sl"]))) * 0.5


def test_a_word_in_every_entry_weighs_less_than_a_word_in_one():
    """Document frequency counts entries, not fields: lunr's own made `email` (in every entry's
    title and body) heavier than a word that names one entry."""
    docs = [
        {"id": f"faq/{n}", "title": f"Email {word}", "summary": "email", "body": "email"}
        for n, word in enumerate(["timing", "tone", "subject", "attachments"])
    ]
    index = build_index("en", docs)
    weights = {}
    for field_ref, values in index["fieldVectors"]:
        if field_ref == "title/faq/0":
            terms = {p["_index"]: t for t, p in index["invertedIndex"]}
            weights = {terms[values[i]]: values[i + 1] for i in range(0, len(values), 2)}
    assert weights["time"] > 5 * weights["email"] > 0
    assert search.idf(1, 4) > search.idf(2, 4) > search.idf(4, 4) > 0


ZEBRAS = [
    {
        "id": "one-word",
        "title": "Zebra crossings",
        "keywords": ["zebra"],
        "summary": "Where a zebra crossing is.",
        "body": "A zebra crossing has stripes.",
    },
    {"id": "every-word", "title": "Zebra", "summary": "Stripes and more.", "body": "A giraffe."},
    {"id": "giraffe", "title": "Giraffe necks", "body": "Long necks."},
    {"id": "lion", "title": "Lions", "body": "Manes."},
]


def test_an_entry_with_every_word_outranks_one_that_repeats_one(monkeypatch):
    """lunr adds up each field a word stands in: `zebra` in all four fields outweighs `zebra`
    and `giraffe` once each. Times the share of the query's words matched, the entry with
    both ranks first."""
    index = load_index(build_payload("en", ZEBRAS))
    assert _refs(query(index, "zebra giraffe", "en")) == ["every-word", "one-word", "giraffe"]
    assert search.coordinate(6.0, 1, 3) == 2.0
    # One word alone: every entry matched all of it, so the order is lunr's.
    monkeypatch.setattr(search, "coordinate", lambda score, covered, words: score)
    assert _refs(query(index, "zebra giraffe", "en"))[0] == "one-word"


PORTAL = [
    {"id": "apart", "title": "Settings", "summary": "The portal sends emails."},
    {
        "id": "beside",
        "title": "What customers get",
        "summary": "The emails of the portal, one by one.",
    },
    {"id": "invoices", "title": "Invoices", "summary": "Paying."},
    {"id": "refunds", "title": "Refunds", "summary": "Money back."},
]


@pytest.mark.parametrize("text", ["portal emails", "emails of the portal", "portal emials"])
def test_words_side_by_side_rank_their_entry_first(monkeypatch, text):
    """Words that stand together in the title or summary, in either order, stop words aside
    and typos forgiven, lift their entry above one that has them apart."""
    index = load_index(build_payload("en", PORTAL))
    assert _refs(query(index, text, "en")) == ["beside", "apart"]
    monkeypatch.setattr(search, "adjacency", lambda score, *_: score)
    assert _refs(query(index, text, "en")) == ["apart", "beside"]


def test_only_the_first_entries_are_rescored():
    """Rescoring reads the entries' texts, so it stops at RESCORE_WINDOW: an entry below it
    keeps its score, however well its words stand together."""
    docs = [{"id": f"d{n:02d}", "title": "Portal", "summary": f"Emails, {n}."} for n in range(10)]
    docs.append({"id": "late", "title": "Other things", "summary": "Portal emails."})
    index = load_index(build_payload("en", docs))
    assert search.RESCORE_WINDOW == 10
    assert _refs(query(index, "portal emails", "en", limit=None))[-1] == "late"
    # The same entry among the first ten is lifted to the top.
    index = load_index(build_payload("en", docs[1:]))
    assert _refs(query(index, "portal emails", "en", limit=None))[0] == "late"


def test_word_pairs_and_plan_words():
    """Neighbouring words pair once whatever their order; clauses name their words."""
    assert search.word_pairs(["a", "b", "a", "c", "c"]) == [(0, 1), (0, 2)]
    assert search.word_pairs(["a"]) == []
    plan = plan_query("headline subject", "en", synonyms=SUBJECT_SYNONYMS)
    assert [c["words"] for c in plan if c["boost"] == search.EXACT_BOOST] == [[0], [1]]
    assert plan[-1] == {"term": "line", "boost": search.SYNONYM_BOOST / 2, "words": [0]}


def test_idf_counts_each_entry_once_as_bm25_does():
    """BM25's idf: log(1 + (N - n + 0.5) / (n + 0.5)), the same in analysis.js."""
    assert search.idf(1, 10) == math.log(1 + 9.5 / 1.5)
    assert search.idf(3, 3) == math.log(1 + 0.5 / 3.5)


def test_payload_base_is_the_most_frequent_folder_then_the_first_by_name():
    """The base is the prefix most locations share, whatever its place in the alphabet or
    in the documents' order; a location off the base keeps its own; none shared gives ""."""
    docs = [
        {"id": "a", "location": "en/a/"},
        {"id": "b", "location": "sl/b/"},
        {"id": "c", "location": "sl/c/"},
    ]
    payload = build_payload("sl", docs)
    assert payload["base"] == "sl/"
    assert [row[2:] for row in payload["docs"]] == [["en/a/"], [], []]
    tie = build_payload("sl", [{"id": "a", "location": "sl/a/"}, {"id": "b", "location": "en/b/"}])
    assert tie["base"] == "en/"
    own = build_payload("sl", [{"id": "a", "location": "x/"}, {"id": "b", "location": "y/"}])
    assert own["base"] == ""
    assert [row[2:] for row in own["docs"]] == [["x/"], ["y/"]]


def test_documents_of_a_payload_without_a_base():
    """A payload without `base` places each entry at `<ref>/`."""
    shown = search.documents({"index": {"refs": ["a"]}, "docs": [["Title", "Summary"]]})
    assert shown == {"a": {"location": "a/", "title": "Title", "summary": "Summary"}}


def test_load_index_registers_the_analyser_it_names():
    """A payload loads in a process where its analyser's label is not registered yet."""
    label = pipeline_label("en")
    payload = json.dumps(build_payload("en", CORPORA["en"]))
    own = Pipeline.registered_functions.pop(label)
    try:
        index = load_index(payload)
        assert label in Pipeline.registered_functions
        assert _refs(query(index, "password", "en"))[0] == "faq/reset-password"
    finally:
        Pipeline.registered_functions[label] = own


def test_contains_run_needs_the_terms_one_after_another():
    """A member stands in the terms only as a run; an empty member never does."""
    assert search.contains_run(["a", "b", "c"], ["b", "c"])
    assert not search.contains_run(["a", "c", "b"], ["b", "c"])
    assert not search.contains_run(["a", "b"], [])
    assert not search.contains_run([], [])


def test_adjacency_reads_each_side_of_a_pair_from_its_own_term():
    """A pair counts only when one term matched its first word and the next its second (in
    either order); two terms of the same word, or of one side only, do not."""
    boost = 1 + search.ADJACENCY_BOOST
    masks = {"a": 0b001, "b": 0b010, "c": 0b100}
    assert search.adjacency(2.0, [["b", "c"]], masks, [(1, 2)]) == 2.0 * boost
    assert search.adjacency(2.0, [["c", "b"]], masks, [(1, 2)]) == 2.0 * boost
    assert search.adjacency(2.0, [["a", "a"]], masks, [(0, 1)]) == 2.0
    assert search.adjacency(2.0, [["b", "b"]], masks, [(0, 1)]) == 2.0
    assert search.adjacency(2.0, [["a", "x", "b"]], masks, [(0, 1)]) == 2.0
    assert search._joins(0b010, 0b100, (1, 2))
    assert not search._joins(0b100, 0b010, (1, 2))
    assert not search._joins(0b001, 0b001, (0, 1))
    assert not search._joins(0b010, 0b010, (0, 1))
