#!/usr/bin/env python3
"""Counts per language x label/intent for writer H's files (prints a Markdown table)."""
import glob, json, os, collections
here = os.path.dirname(os.path.abspath(__file__))
LANGS = ["da", "sv", "nb", "nn", "en"]
LABELS = ["THREAT", "HATE", "INSULT", "PROFANITY", "SEXUAL", "VIOLENCE", "CRIME", "ADVERTISING", "PERSONAL_DATA", "SECRET"]
INTENTS = ["QUESTION", "COMPLAINT", "POLITICAL"]
KINDS = ["public_contact", "private_data", "request_no_qmark", "rhetorical", "veiled_threat",
         "threat_lookalike", "criticism", "hate_no_slur", "group_neutral"]
c = {l: collections.Counter() for l in LANGS}
for l in LANGS:
    for line in open(os.path.join(here, f"train-h-{l}.jsonl"), encoding="utf-8"):
        o = json.loads(line)
        c[l]["rows"] += 1
        for x in o["labels"] + o["intents"]:
            c[l][x] += 1
        if not o["labels"]:
            c[l]["(no label)"] += 1
        if not o["labels"] and not o["intents"]:
            c[l]["(no label, no intent)"] += 1
        if "QUESTION" in o["intents"]:
            c[l]["QUESTION with ?" if "?" in o["text"] else "QUESTION without ?"] += 1
        if o.get("kind"):
            c[l]["kind=" + o["kind"]] += 1
rows = ["rows"] + LABELS + ["(no label)"] + INTENTS + ["QUESTION with ?", "QUESTION without ?", "(no label, no intent)"] + ["kind=" + k for k in KINDS]
print("| | " + " | ".join(LANGS) + " | total |")
print("|---|" + "---:|" * (len(LANGS) + 1))
for r in rows:
    vals = [c[l][r] for l in LANGS]
    print(f"| {r} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
