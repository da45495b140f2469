#!/usr/bin/env python3
"""Builds heldout-i-<lang>.jsonl from src/<lang>.txt and prints/writes counts.
Source line format:  kind:LABELS:INTENTS:text   ('#' lines are post headers / comments)
kind codes: o ordinary, pc public_contact, cr criticism, rh rhetorical,
rq request_no_qmark, vt veiled_threat, hn hate_no_slur
label letters: T THREAT, H HATE, I INSULT, P PROFANITY, S SEXUAL, V VIOLENCE,
C CRIME, A ADVERTISING, D PERSONAL_DATA, X SECRET
intent letters: Q QUESTION, K COMPLAINT, L POLITICAL"""
import json, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
KIND = dict(o="ordinary", pc="public_contact", cr="criticism", rh="rhetorical",
            rq="request_no_qmark", vt="veiled_threat", hn="hate_no_slur")
LAB = dict(T="THREAT", H="HATE", I="INSULT", P="PROFANITY", S="SEXUAL", V="VIOLENCE",
           C="CRIME", A="ADVERTISING", D="PERSONAL_DATA", X="SECRET")
INT = dict(Q="QUESTION", K="COMPLAINT", L="POLITICAL")
LANGS = ["da", "sv", "nb", "nn", "en"]
rows_by = {}
for lang in LANGS:
    p = os.path.join(HERE, "src", lang + ".txt")
    if not os.path.exists(p):
        continue
    rows = []
    for n, line in enumerate(open(p, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        k, l, i, text = line.split(":", 3)
        text = text.strip()
        assert k in KIND, (lang, n, line)
        labels = [LAB[c] for c in l]
        intents = [INT[c] for c in i]
        kind = KIND[k]
        # consistency checks
        if kind == "criticism": assert not labels and intents, (lang, n, line)
        if kind == "public_contact": assert "PERSONAL_DATA" not in labels, (lang, n)
        if kind == "rhetorical": assert "QUESTION" not in intents, (lang, n)
        if kind == "request_no_qmark": assert "QUESTION" in intents and "?" not in text, (lang, n, line)
        if kind == "veiled_threat": assert "THREAT" in labels, (lang, n)
        if kind == "hate_no_slur": assert "HATE" in labels, (lang, n)
        assert text, (lang, n)
        rows.append(dict(id="hoI-%s-%04d" % (lang, len(rows) + 1), lang=lang, text=text,
                         labels=labels, intents=intents, kind=kind))
    texts = [r["text"] for r in rows]
    dup = [t for t, c in collections.Counter(texts).items() if c > 1]
    assert not dup, (lang, dup)
    with open(os.path.join(HERE, "heldout-i-%s.jsonl" % lang), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    rows_by[lang] = rows
# validate by re-reading
for lang in rows_by:
    for l in open(os.path.join(HERE, "heldout-i-%s.jsonl" % lang), encoding="utf-8"):
        o = json.loads(l)
        assert list(o) == ["id", "lang", "text", "labels", "intents", "kind"]
langs = list(rows_by)
def table(keys, getter):
    out = ["| | " + " | ".join(langs) + " | total |", "|---|" + "---|" * (len(langs) + 1)]
    for k in keys:
        cs = [sum(1 for r in rows_by[g] if getter(r, k)) for g in langs]
        out.append("| %s | %s | %d |" % (k, " | ".join(map(str, cs)), sum(cs)))
    return "\n".join(out)
t = []
t.append(table(["rows"], lambda r, k: True))
t.append(table(list(LAB.values()) + ["(no label)"], lambda r, k: (not r["labels"]) if k == "(no label)" else k in r["labels"]))
t.append(table(list(INT.values()) + ["(no intent)"], lambda r, k: (not r["intents"]) if k == "(no intent)" else k in r["intents"]))
t.append(table(list(KIND.values()), lambda r, k: r["kind"] == k))
t.append(table(["QUESTION with '?'", "QUESTION without '?'"], lambda r, k: "QUESTION" in r["intents"] and (("?" in r["text"]) == k.endswith("with '?'"))))
s = "\n\n".join(t)
print(s)
open(os.path.join(HERE, "counts.md"), "w").write(s + "\n")

README = """# Held-out evaluation set 4 — writer I ("one week on eight pages")

Writer: **I** (branch `data-heldout4`). Written 2026-12-07.
Licence: **CC0 1.0 Universal** (public domain dedication). All rows are synthetic.

## What this is

Synthetic comments as citizens post them on Nordic municipalities' Facebook and
Instagram pages during one invented week. Eight invented municipalities, each with
three or four posts from its communication unit, and the comments a week brings
under them:

| language | municipality | posts this week |
|---|---|---|
| da | Nørreå Kommune (Vestjylland) | road works on Storegade; closing of Vestervang Skole; Christmas market; storm warning |
| da | Stevnsholm Kommune (Sjælland) | hiring care workers; keys found at the town hall; 40 refugees arriving; new waste scheme |
| sv | Ljungå kommun (Västernorrland) | swimming pool closing; orange snow warning; wind-farm consultation (reindeer herding); dog found |
| sv | Vallsjö kommun (Småland) | hiring preschool teachers; Lucia on the square; unaccompanied minors; water main break |
| nb | Solheim kommune (Innlandet) | council closes a nursing home; Storgata dug up; hiring firefighters; lost and found |
| nb | Nordvik kommune (Nordland) | red wind warning; Sami language administrative area; Christmas market; landslide evacuation |
| nn | Fjellstrand kommune (Sogn) | rockslide closes county road; school merger; Christmas concert; hiring a nurse |
| nn | Storlid kommune (Sunnmøre) | flood/landslide warning; resettling refugees; lost and found; parking fees |
| en | all eight | expats, tourists and an Øresund commuter commenting under the same posts |

Most rows are ordinary (thanks, tags of friends, jokes, questions, complaints,
opinions); the hard cases sit where they would naturally occur: veiled and
conditional threats against staff and property, hate without slurs (dehumanising
metaphors, conspiracy claims, calls for expulsion), insults aimed at named
officials and other commenters, private persons' phone numbers / addresses /
ID numbers / health facts, public-body contact details that are **not** personal
data (switchboards, postmottak@/kommun@ addresses, town-hall addresses,
organisation numbers, 112/113/1177/1813/116 117/116 123 …), questions without a
question mark, rhetorical questions, and sharp but lawful criticism of decisions
and services. Near misses are included on purpose (hyperbole such as "jeg kunne
myrde en æbleskive", negated or quoted insults, sympathetic mentions of groups,
criticism of immigration *policy*, questions addressed to friends rather than the page).

All names, private numbers, addresses, e-mails, account and ID numbers are invented;
the municipalities are invented too (their switchboards, addresses and org numbers
are therefore fictitious); national emergency and health lines are the real ones.

## Files and format

`heldout-i-{da,sv,nb,nn,en}.jsonl`, one JSON object per line:
`{"id": "hoI-<lang>-NNNN", "lang": ..., "text": ..., "labels": [...], "intents": [...], "kind": ...}`.
`kind` is one of `public_contact`, `criticism`, `rhetorical`, `request_no_qmark`,
`veiled_threat`, `hate_no_slur`, `ordinary` (one per row; the first matching of
these describes why the row is in the set).

`src/<lang>.txt` is the hand-written source (one row per line,
`kind:LABELS:INTENTS:text`, `#` lines name the post the comments are under);
`build.py` turns it into the JSONL files, checks kind/label consistency, re-parses
every output line as JSON, and writes the counts below (also in `counts.md`).
Run `python3 build.py` to rebuild.

## Independence

Written from the brief and the writer's own knowledge of Denmark, Sweden and
Norway only. The writer did not open anything under `classifier/` other than this
folder — no classifier code, no docs, no other data folder — and ran no builds or
tests. Nobody may tune a classifier on this set; it is for evaluation only.

## Counts (computed by build.py)

"""
with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as f:
    f.write(README + s + "\n")
