#!/usr/bin/env python3
"""Builds heldout-j-<lang>.jsonl from src/<lang>.txt (writer J).
Source line format: LABELS;INTENTS;KIND;text  (codes below; '#' lines are comments)."""
import json, os, sys, collections
L = {"TH":"THREAT","HA":"HATE","IN":"INSULT","PR":"PROFANITY","SX":"SEXUAL","VI":"VIOLENCE",
     "CR":"CRIME","AD":"ADVERTISING","PD":"PERSONAL_DATA","SE":"SECRET"}
I = {"Q":"QUESTION","C":"COMPLAINT","P":"POLITICAL"}
K = {"pc":"public_contact","cr":"criticism","rh":"rhetorical","rq":"request_no_qmark",
     "vt":"veiled_threat","hn":"hate_no_slur","o":"ordinary"}
here = os.path.dirname(os.path.abspath(__file__)); out = os.path.dirname(here)
ok = True
for lang in ["da","sv","nb","nn","en"]:
    src = os.path.join(here, lang + ".txt")
    if not os.path.exists(src): continue
    rows = []
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"): continue
        lab, inn, kind, text = line.split(";", 3)
        labels = [L[c] for c in lab.split(",") if c]
        intents = [I[c] for c in inn.split(",") if c]
        kind = K[kind]
        text = text.replace("\\n", "\n")
        # consistency checks
        def bad(msg):
            global ok; ok = False; print(f"{lang}:{n}: {msg}: {text[:60]}")
        if kind == "request_no_qmark" and ("QUESTION" not in intents or "?" in text): bad("rq")
        if kind == "criticism" and (labels or not set(intents) & {"COMPLAINT","POLITICAL"}): bad("cr")
        if kind == "rhetorical" and "QUESTION" in intents: bad("rh")
        if kind == "veiled_threat" and "THREAT" not in labels: bad("vt")
        if kind == "hate_no_slur" and "HATE" not in labels: bad("hn")
        if kind == "public_contact" and "PERSONAL_DATA" in labels: pass
        rows.append({"id": f"hoJ-{lang}-{len(rows)+1:04d}", "lang": lang, "text": text,
                     "labels": labels, "intents": intents, "kind": kind})
    texts = collections.Counter(r["text"] for r in rows)
    for t, c in texts.items():
        if c > 1: ok = False; print(f"{lang}: duplicate: {t[:60]}")
    with open(os.path.join(out, f"heldout-j-{lang}.jsonl"), "w", encoding="utf-8") as f:
        for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for l in open(os.path.join(out, f"heldout-j-{lang}.jsonl"), encoding="utf-8"): json.loads(l)
sys.exit(0 if ok else 1)
