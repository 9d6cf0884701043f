"""Gamma-Gamma spend model fitted with scipy, independently of SegmentDesk: the reference for the demo's
lifetime-value fit.

Reads the per-customer repeat-purchase count (frequency) and mean repeat spend (monetary) from a workspace's
clv_<dataset> view (customers with at least one repeat purchase and positive spend, the model's convention)
and maximises the Gamma-Gamma log-likelihood (Fader, Hardie & Lee 2005, as in the lifetimes package) over
log-parameters with Nelder-Mead from several starting points.

usage: gamma_gamma_reference.py WORKSPACE.sdw DATASET  -> JSON {"p", "q", "v", "customers", "nll"}
"""
import json
import sqlite3
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

db = sqlite3.connect(sys.argv[1])
rows = np.array(db.execute(f'SELECT frequency, monetary FROM "clv_{sys.argv[2]}" WHERE frequency > 0 AND monetary > 0').fetchall(), float)
x, m = rows[:, 0], rows[:, 1]


def nll(log_params):
    p, q, v = np.exp(log_params)
    ll = gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v) + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)
    return -ll.sum()


best = None
for start in ([0, 0, 0], [1, 1, 1], [2, 0.5, 2], [3, 1, 3], [-1, 0, 0]):
    r = minimize(nll, start, method="Nelder-Mead", options={"maxiter": 20000, "xatol": 1e-9, "fatol": 1e-9})
    if best is None or r.fun < best.fun:
        best = r
p, q, v = np.exp(best.x)
print(json.dumps({"p": p, "q": q, "v": v, "customers": int(len(x)), "nll": best.fun}))
