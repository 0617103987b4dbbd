#!/usr/bin/env python3
"""bench/data/generate.py OUTDIR [ROWS] [ROWS_PER_UNIT]: writes a big flat
registration sheet, as offices send them, for bench/data/run.sh:

  OUTDIR/registrations.csv    Excel's "CSV UTF-8" in a Vietnamese locale:
                              BOM, ';', CRLF, the header of samples/lai-chau.csv
  OUTDIR/registrations.xlsx   the same rows in a workbook (shared strings, an
                              inline string, numbers)

ROWS (default 100000) registrations in units of ROWS_PER_UNIT rows (default
5: one collective and four individuals), so 20,000 units by default.  The text
is Vietnamese, drawn from samples/lai-chau.json with a fixed seed: the same
bytes every run.  Solution texts ("giải pháp") are 3 to 6 sentences long.
The CSV and XLSX writers are those of scripts/flat-samples.py.

Run from anywhere: the repository is found from this file's path.
"""
import csv
import importlib.util
import io
import json
import os
import random
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

spec = importlib.util.spec_from_file_location("flat_samples", os.path.join(ROOT, "scripts", "flat-samples.py"))
flat = importlib.util.module_from_spec(spec)
spec.loader.exec_module(flat)

HO = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
      "Lý", "Lò", "Tòng", "Giàng", "Vàng", "Sùng", "Tẩn", "Lường"]
DEM = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Quang", "Hồng", "Xuân", "Hữu", "Thế"]
TEN = ["Hằng", "Tuấn", "Pâng", "Dũng", "Hương", "Sơn", "Lan", "Thắng", "Mai", "Cường", "Nga",
       "Phương", "Hùng", "Thủy", "Quỳnh", "Khánh", "Dung", "Bình", "Chiến", "Hạnh", "Sính", "Páo",
       "Chứ", "Xuyến", "Ngân", "Trường", "Thảo", "Long", "Yến", "Đạt"]


def sentences(text):
    return [s.strip() + "." for s in text.split(".") if s.strip()]


def main():
    if len(sys.argv) < 2 or len(sys.argv) > 4:
        print("usage: generate.py OUTDIR [ROWS] [ROWS_PER_UNIT]", file=sys.stderr)
        sys.exit(2)
    out_dir = sys.argv[1]
    n_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    per_unit = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rnd = random.Random(20240715)
    with open(os.path.join(ROOT, "samples", "lai-chau.json"), encoding="utf-8") as f:
        data = json.load(f)
    units = data["don_vi"]
    people = [c for u in units for c in u["ca_nhan"]]
    teams = [t for u in units for t in u["tap_the"]]
    pool = sorted({s for x in people + teams for s in sentences(x["giai_phap"])})
    fields = sorted({x["linh_vuc"] for x in people + teams})
    notes = sorted({x["ghi_chu"] for x in people + teams if x["ghi_chu"]}) + [""] * 4
    homes = sorted({c["noi_cu_tru"] for c in people})
    posts = sorted({c["chuc_vu"] for c in people})

    def solution():
        return " ".join(rnd.sample(pool, rnd.randint(3, 6)))

    def person():
        return f"{rnd.choice(HO)} {rnd.choice(DEM)} {rnd.choice(TEN)}"

    table = [flat.HEADER]
    k = 0
    while len(table) - 1 < n_rows:
        k += 1
        u = units[(k - 1) % len(units)]
        t = u["tap_the"][0]
        name = f"{u['ten']} (bản {k})"
        head = person()
        unit = [name, u["co_quan_cap_tren"], name.upper(), u["dia_danh"], str(rnd.randint(1, 25)), "7",
                "2024", f"{k}/ĐK", head, u["thu_truong"]["chuc_vu"]]
        table.append(unit + ["Tập thể", f"{t['ten']} (bản {k})", t["dia_chi"], f"{head} - {u['thu_truong']['chuc_vu']}",
                             "", "", "", rnd.choice(fields), solution(), rnd.choice(notes)])
        for _ in range(min(per_unit - 1, n_rows - (len(table) - 1))):
            table.append(unit + ["Cá nhân", person(), "", "", rnd.choice(posts), name, rnd.choice(homes),
                                 rnd.choice(fields), solution(), rnd.choice(notes)])
    table = table[: n_rows + 1]
    os.makedirs(out_dir, exist_ok=True)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)
    with open(os.path.join(out_dir, "registrations.csv"), "wb") as f:
        f.write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    with open(os.path.join(out_dir, "registrations.xlsx"), "wb") as f:
        f.write(flat.xlsx(table))
    print(f"generate.py: {n_rows} rows, {k} units in {out_dir}/registrations.{{csv,xlsx}}", file=sys.stderr)


if __name__ == "__main__":
    main()
