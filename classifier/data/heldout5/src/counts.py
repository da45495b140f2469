#!/usr/bin/env python3
"""Prints the counts table (language x label / intent / kind) as Markdown."""
import json, os, collections
out = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
langs = ["da","sv","nb","nn","en"]
C = {l: collections.Counter() for l in langs}; N = collections.Counter()
for l in langs:
    p = os.path.join(out, f"heldout-j-{l}.jsonl")
    if not os.path.exists(p): continue
    for line in open(p, encoding="utf-8"):
        r = json.loads(line); N[l] += 1
        for x in r["labels"]: C[l]["label:" + x] += 1
        for x in r["intents"]: C[l]["intent:" + x] += 1
        C[l]["kind:" + r["kind"]] += 1
        if "QUESTION" in r["intents"] and "?" not in r["text"]: C[l]["(QUESTION without ?)"] += 1
        if not r["labels"]: C[l]["(no harm label)"] += 1
keys = sorted(set().union(*[c.keys() for c in C.values()]))
print("| | " + " | ".join(langs) + " | total |"); print("|---" * (len(langs) + 2) + "|")
print("| rows | " + " | ".join(str(N[l]) for l in langs) + f" | {sum(N.values())} |")
for k in keys:
    print(f"| {k} | " + " | ".join(str(C[l][k]) for l in langs) + f" | {sum(C[l][k] for l in langs)} |")
