#!/usr/bin/env python3
"""scikit-learn baseline for bench/report.ts: κ, confusion matrix and P/R/F1 over the same
decisions the report uses (unbiased labels, latest of each correction chain), from Loupe's CSV
export. Prints one JSON line with the load time and the compute time separately.

    /usr/bin/python3 bench/sklearn_report.py FILE.csv
"""
import csv
import json
import sys
import time

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

t0 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
corrected = {r["corrects"] for r in rows if r["corrects"]}
keep = [r for r in rows
        if r["decision_id"] not in corrected and r["human_label"] and r["model_label"]
        and r["source"] in ("human", "history") and r["suggestion_visible"] == "0"]
human = np.array([r["human_label"] for r in keep])
model = np.array([r["model_label"] for r in keep])
human_class = np.array([r["human_class"] or ("ok" if r["human_label"] == "ok" else "unspecified") for r in keep])
model_class = np.array([r["model_class"] or ("ok" if r["model_label"] == "ok" else "unspecified") for r in keep])
load_s = time.perf_counter() - t0

t1 = time.perf_counter()
kappa = cohen_kappa_score(human, model)
cm = confusion_matrix(human, model, labels=["ok", "defect"])
prf = precision_recall_fscore_support(human, model, labels=["ok", "defect"], zero_division=0)
labels = sorted(set(human_class) | set(model_class))
cm_multi = confusion_matrix(human_class, model_class, labels=labels)
prf_multi = precision_recall_fscore_support(human_class, model_class, labels=labels, zero_division=0)
compute_s = time.perf_counter() - t1

print(json.dumps({"n": int(len(keep)), "cohen_kappa": float(kappa), "confusion": cm.tolist(), "load_s": load_s, "compute_s": compute_s}))
