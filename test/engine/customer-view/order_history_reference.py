"""Order history per customer of an Online Retail-style file, computed with pandas independently of
SegmentDesk: the reference for the customer view's orders_count, total_spend, first/last order date.

Policy (exclude-cancelled): invoices "C<digits>" are cancellations and are left out; other lines with a
negative quantity or value are returns, subtracted from spend and not purchases; orders = distinct
invoices of purchase lines; a customer without a purchase has 0 orders and 0 spend. The as-of date is
the last date in the file; nothing is after it.

usage: order_history_reference.py FILE  -> JSON {"asOf", "customers", "rows": {id: [n, spend, first, last]}}
"""
import json
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str}, encoding="cp1252")
df["day"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.strftime("%Y-%m-%d")
as_of = df["day"].max()
df = df[df["CustomerID"].notna() & (df["CustomerID"] != "")]
value = df["Quantity"] * df["UnitPrice"]
cancel = df["InvoiceNo"].str.match(r"^[Cc][0-9]")
ret = ~cancel & ((df["Quantity"] < 0) | (value < 0))
purchase = ~cancel & ~ret
p = df[purchase].assign(value=value[purchase])
r = df[ret].assign(value=value[ret].clip(upper=0))
g = p.groupby("CustomerID").agg(n=("InvoiceNo", "nunique"), spend=("value", "sum"), first=("day", "min"), last=("day", "max"))
returned = r.groupby("CustomerID")["value"].sum()
g["spend"] = g["spend"] + returned.reindex(g.index).fillna(0)
rows = {cid: [0, 0.0, None, None] for cid in df["CustomerID"].unique()}
for cid, row in g.iterrows():
    rows[cid] = [int(row["n"]), float(row["spend"]), row["first"], row["last"]]
json.dump({"asOf": as_of, "customers": len(rows), "rows": rows}, sys.stdout)
