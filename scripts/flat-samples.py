#!/usr/bin/env python3
"""Writes the flat forms of samples/lai-chau.json, as offices send them:

  samples/lai-chau.csv       one row per registration, as Excel saves
                             "CSV UTF-8" in a Vietnamese locale (BOM, ';', CRLF)
  samples/lai-chau.xlsx      the same rows in a workbook (shared strings, an
                             inline string, numbers), deterministic bytes
  samples/lai-chau-van-ban.json   the document's own fields (everything but
                             don_vi), given to vndoc with --doc

Run from the repository root: scripts/flat-samples.py
"""
import csv
import io
import json
import zipfile
from xml.sax.saxutils import escape

HEADER = ["Đơn vị đăng ký", "Cơ quan cấp trên", "Tên đơn vị in hoa", "Địa danh", "Ngày", "Tháng",
          "Năm", "Số", "Thủ trưởng", "Chức vụ thủ trưởng", "Loại", "Tên tập thể / Họ và tên",
          "Địa chỉ", "Người đứng đầu; phụ trách đơn vị", "Chức vụ", "Đơn vị công tác",
          "Nơi cư trú", "Điển hình thuộc lĩnh vực",
          "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)", "Ghi chú"]


def rows(data):
    for u in data["don_vi"]:
        unit = [u["ten"], u["co_quan_cap_tren"], u["ten_in_hoa"], u["dia_danh"], u["ngay"],
                u["thang"], u["nam"], u["so"], u["thu_truong"]["ho_ten"], u["thu_truong"]["chuc_vu"]]
        for t in u["tap_the"]:
            yield unit + ["Tập thể", t["ten"], t["dia_chi"], t["nguoi_dung_dau"], "", "", "",
                          t["linh_vuc"], t["giai_phap"], t["ghi_chu"]]
        for c in u["ca_nhan"]:
            yield unit + ["Cá nhân", c["ho_ten"], "", "", c["chuc_vu"], c["don_vi_cong_tac"],
                          c["noi_cu_tru"], c["linh_vuc"], c["giai_phap"], c["ghi_chu"]]


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(table):
    strings, index = [], {}
    sheet = []
    for r, row in enumerate(table, 1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v == "":
                continue
            if v.isdigit() and len(v) < 6 and not v.startswith("0") and HEADER[c] in ("Năm", "Ngày", "Tháng"):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')          # a number
            elif r == 1 and c == 0:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
            else:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts = {
        "[Content_Types].xml": decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": decl + f'<workbook {ns} {rel}><sheets><sheet name="Đăng ký" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
        "xl/styles.xml": decl + f'<styleSheet {ns}><fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": decl + f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>",
        "xl/worksheets/sheet1.xml": decl + f'<worksheet {ns}><sheetData>{"".join(sheet)}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def main():
    with open("samples/lai-chau.json", encoding="utf-8") as f:
        data = json.load(f)
    table = [HEADER] + list(rows(data))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)
    with open("samples/lai-chau.csv", "wb") as f:
        f.write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    with open("samples/lai-chau.xlsx", "wb") as f:
        f.write(xlsx(table))
    doc = {k: v for k, v in data.items() if k != "don_vi"}
    with open("samples/lai-chau-van-ban.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
