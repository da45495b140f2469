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
