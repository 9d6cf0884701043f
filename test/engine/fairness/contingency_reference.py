#!/usr/bin/env python3
"""Independent reference for electron/engine/stats/contingency.ts (scipy), for test/engine/fairness/contingency.test.ts.

  contingency_reference.py '[[[positives, n], ...], ...]'
    -> JSON list, per table: {"chi2", "df", "p" (chi2_contingency, correction=False), "minExpected",
       "fisher" (scipy.stats.fisher_exact two-sided, 2 groups only), "ffh" (exact enumeration in integers),
       "chi2Exact" (the exact conditional p-value of the chi-square statistic: what a Monte-Carlo p-value estimates)}
    (the last two only for tables with at most 2,000,000 to enumerate)

Fisher–Freeman–Halton is not in scipy 1.10: it is enumerated here with exact integer arithmetic (math.comb),
counting tables whose probability is at most the observed one's (the fisher_exact rule).
"""
import itertools
import json
import math
import sys
from fractions import Fraction

import numpy as np
from scipy.stats import chi2_contingency, fisher_exact

out = []
for groups in json.loads(sys.argv[1]):
    table = np.array([[p for p, n in groups], [n - p for p, n in groups]])
    chi2, p, df, expected = chi2_contingency(table, correction=False)
    r = {"chi2": float(chi2), "df": int(df), "p": float(p), "minExpected": float(expected.min())}
    if len(groups) == 2:
        r["fisher"] = float(fisher_exact(table)[1])
    sizes = [n for _, n in groups]
    s = sum(p for p, _ in groups)
    N = sum(sizes)
    if math.prod(min(c, s) + 1 for c in sizes[:-1]) <= 2_000_000:
        total = math.comb(N, s)
        obs = math.prod(math.comb(c, x) for c, (x, _) in zip(sizes, groups))
        exp1 = [c * s / N for c in sizes]

        def stat(xs):
            return sum((x - e) ** 2 / e + (x - e) ** 2 / (c - e) for x, e, c in zip(xs, exp1, sizes))

        acc = 0
        acc_chi = 0
        for xs in itertools.product(*[range(min(c, s) + 1) for c in sizes[:-1]]):
            last = s - sum(xs)
            if last < 0 or last > sizes[-1]:
                continue
            w = math.prod(math.comb(c, x) for c, x in zip(sizes, xs)) * math.comb(sizes[-1], last)
            if w <= obs:
                acc += w
            if stat(list(xs) + [last]) >= chi2 * (1 - 1e-7):
                acc_chi += w
        r["ffh"] = float(Fraction(acc, total))
        r["chi2Exact"] = float(Fraction(acc_chi, total))
    out.append(r)
json.dump(out, sys.stdout)
