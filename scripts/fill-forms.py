#!/usr/bin/env python3
"""Fills the blank forms of `vndoc batch --blank` as a unit would in Word:
types into the cells (the text replaces the dots), adds a row for every
registration beyond the blank ones (a copy of the last row, its Stt
renumbered; in every third form the unit first deletes the blank rows
but one), deletes the rows left over in every other form and leaves them
dotted in the rest, types the number, the day and the signer's name.
The registrations come from a data file (JSON) in the units' order.

usage: scripts/fill-forms.py DATA.json BLANK_DIR OUT_DIR
Writes OUT_DIR/NNN-<unit folder>.docx, NNN the unit's place in the data
(from BLANK_DIR/manifest.json), so a folder read in name order is in data
order.  Used by tests/e2e/test_e2e_collect.c (the cycle without LibreOffice).
"""
import copy
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag):
    return "{%s}%s" % (W, tag)


def register_namespaces(xml):
    for prefix, uri in re.findall(rb'xmlns:(\w+)="([^"]+)"', xml):
        ET.register_namespace(prefix.decode(), uri.decode())


def text_of(el):
    return "".join(t.text or "" for t in el.iter(q("t")))


def type_into_paragraph(p, text):
    """The paragraph's text replaced, in the formatting of its first run."""
    ts = list(p.iter(q("t")))
    if not ts:
        r = ET.SubElement(p, q("r"))
        ts = [ET.SubElement(r, q("t"))]
    ts[0].text = text
    ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in ts[1:]:
        t.text = ""


def type_into_cell(tc, text):
    paras = tc.findall(q("p"))
    type_into_paragraph(paras[0], text)
    for p in paras[1:]:
        tc.remove(p)


def fill_table(tbl, regs, cells_of, delete_rest, one_row_first):
    rows = tbl.findall(q("tr"))
    data = rows[1:]
    if one_row_first:  # the unit deletes the blank rows but one, then inserts rows
        for row in data[1:]:
            tbl.remove(row)
        data = data[:1]
    for i, reg in enumerate(regs):
        if i < len(data):
            row = data[i]
        else:  # a row inserted below the last one, as Word's "Insert Below" does
            row = copy.deepcopy(data[-1])
            tbl.insert(list(tbl).index(data[-1]) + 1, row)
            data.append(row)
        tcs = row.findall(q("tc"))
        type_into_cell(tcs[0], str(i + 1))
        for tc, value in zip(tcs[1:], cells_of(reg)):
            type_into_cell(tc, value)
    if delete_rest:
        for row in data[len(regs):]:
            tbl.remove(row)


def fill(doc, unit, n):
    body = doc.find(q("body"))
    for tbl in body.findall(q("tbl")):
        head = text_of(tbl.find(q("tr")))
        if "Người đứng đầu" in head:
            fill_table(tbl, unit["tap_the"], lambda r: [r["ten"], r["dia_chi"], r["nguoi_dung_dau"], r["linh_vuc"],
                                                       r["giai_phap"], r["ghi_chu"]], n % 2 == 0, n % 3 == 1)
        elif "Họ và tên" in head:
            fill_table(tbl, unit["ca_nhan"], lambda r: [r["ho_ten"], "%s; %s; %s" % (r["chuc_vu"], r["don_vi_cong_tac"],
                                                       r["noi_cu_tru"]), r["linh_vuc"], r["giai_phap"], r["ghi_chu"]],
                       n % 2 == 0, n % 3 == 1)
    for p in doc.iter(q("p")):
        t = text_of(p)
        if t.startswith("Số:") and unit["so"]:
            type_into_paragraph(p, "Số: " + unit["so"])
        elif ", ngày ……" in t and unit["ngay"]:
            type_into_paragraph(p, t.replace("ngày ……", "ngày " + unit["ngay"]))
    for tc in doc.iter(q("tc")):
        if "(Ký, ghi rõ" in text_of(tc):
            type_into_paragraph(tc.findall(q("p"))[-1], unit["thu_truong"]["ho_ten"])


def main():
    data, blank, out = sys.argv[1:4]
    units = json.load(open(data, encoding="utf-8"))["don_vi"]
    manifest = json.load(open(os.path.join(blank, "manifest.json"), encoding="utf-8"))
    forms = [e["file"] for e in manifest if e.get("file", "").endswith("bieu-dang-ky.docx")]
    os.makedirs(out, exist_ok=True)
    for n, (unit, form) in enumerate(zip(units, forms)):
        src = zipfile.ZipFile(os.path.join(blank, form))
        xml = src.read("word/document.xml")
        register_namespaces(xml)
        doc = ET.fromstring(xml)
        fill(doc, unit, n)
        name = "%03d-%s.docx" % (n + 1, os.path.dirname(form))
        with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                part = src.read(info.filename)
                if info.filename == "word/document.xml":
                    part = ET.tostring(doc, encoding="UTF-8", xml_declaration=True)
                z.writestr(info, part)


if __name__ == "__main__":
    main()
