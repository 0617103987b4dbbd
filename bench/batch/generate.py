#!/usr/bin/env python3
"""bench/batch/generate.py N OUT.json: a registration file of N units for
bench/batch/run.sh, made from samples/lai-chau.json.

Unit K (1..N) is a copy of sample unit (K-1) mod 26 with " (bản K)" added to
the unit's name (and its capitalized form), its collective's name, and the
names and workplaces of its individuals, so that no two units, collectives
or people are the same and `vndoc check` finds nothing.  The document's own
fields are the sample's; any totals are dropped (vndoc counts them).  The
output is deterministic.
"""
import copy
import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        print("usage: generate.py N OUT.json", file=sys.stderr)
        sys.exit(2)
    n = int(sys.argv[1])
    with open(os.path.join(ROOT, "samples", "lai-chau.json"), encoding="utf-8") as f:
        data = json.load(f)
    units = data["don_vi"]
    out = []
    for k in range(1, n + 1):
        u = copy.deepcopy(units[(k - 1) % len(units)])
        tag = f" (bản {k})"
        u["ten"] += tag
        u["ten_in_hoa"] += tag.upper()
        for t in u["tap_the"]:
            t["ten"] += tag
        for c in u["ca_nhan"]:
            c["ho_ten"] += tag
            c["don_vi_cong_tac"] += tag
        out.append(u)
    data["don_vi"] = out
    for key in ("tong_so_don_vi", "tong_so_tap_the", "tong_so_ca_nhan"):
        data.pop(key, None)
    os.makedirs(os.path.dirname(os.path.abspath(sys.argv[2])), exist_ok=True)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
