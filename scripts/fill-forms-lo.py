#!/usr/bin/python3
"""Fills the blank forms of `vndoc batch --blank` with LibreOffice as the
client (python3-uno, headless): opens each unit's form, types into the
cells through the table API (cell.setString), inserts rows with the table's
own row insertion (rows.insertByIndex) for registrations beyond the blank
rows and removes the rows left over, types the number, the day and the
signer's name, and saves as "Word 2007-365" (.docx).  The registrations
come from a data file (JSON) in the units' order, as scripts/fill-forms.py.

usage: /usr/bin/python3 scripts/fill-forms-lo.py DATA.json BLANK_DIR OUT_DIR
Writes OUT_DIR/NNN-<unit folder>.docx, NNN the unit's place in the data.
Runs its own soffice on a private profile and port; needs python3-uno and
LibreOffice Writer (Debian).
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_office(profile):
    port = free_port()
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                             "-env:UserInstallation=file://" + profile,
                             "--accept=socket,host=127.0.0.1,port=%d;urp;" % port],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % port)
            return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.1)
    proc.kill()
    sys.exit("fill-forms-lo: soffice did not answer")


def fill_table(table, regs, cells_of):
    """Rows 2.. hold the registrations: typed into, inserted, removed."""
    rows = table.getRows()
    blank = rows.getCount() - 1
    if len(regs) > blank:
        rows.insertByIndex(rows.getCount(), len(regs) - blank)
    elif len(regs) < blank:
        rows.removeByIndex(1 + len(regs), blank - len(regs))
    for i, reg in enumerate(regs):
        r = i + 2
        table.getCellByName("A%d" % r).setString(str(i + 1))
        for col, value in zip("BCDEFG", cells_of(reg)):
            table.getCellByName("%s%d" % (col, r)).setString(value)


def paragraphs(cell):
    e = cell.getText().createEnumeration()
    while e.hasMoreElements():
        yield e.nextElement()


def fill(doc, unit):
    tables = doc.getTextTables()
    for k in range(tables.getCount()):
        t = tables.getByIndex(k)
        head = t.getCellByName("B1").getString() if "B1" in t.getCellNames() else ""
        if head == "Đơn vị":
            fill_table(t, unit["tap_the"], lambda r: [r["ten"], r["dia_chi"], r["nguoi_dung_dau"], r["linh_vuc"],
                                                     r["giai_phap"], r["ghi_chu"]])
        elif head == "Họ và tên":
            fill_table(t, unit["ca_nhan"], lambda r: [r["ho_ten"], "%s; %s; %s" % (r["chuc_vu"], r["don_vi_cong_tac"],
                                                     r["noi_cu_tru"]), r["linh_vuc"], r["giai_phap"], r["ghi_chu"]])
        for name in t.getCellNames():
            cell = t.getCellByName(name)
            text = cell.getString()
            if text.startswith("Số:") and unit["so"]:
                cell.setString("Số: " + unit["so"])
            elif ", ngày ……" in text and unit["ngay"]:
                cell.setString(text.replace("ngày ……", "ngày " + unit["ngay"]))
            elif "(Ký, ghi rõ" in text:
                last = list(paragraphs(cell))[-1]
                last.setString(unit["thu_truong"]["ho_ten"])


def main():
    data, blank, out = (os.path.abspath(a) for a in sys.argv[1:4])
    units = json.load(open(data, encoding="utf-8"))["don_vi"]
    manifest = json.load(open(os.path.join(blank, "manifest.json"), encoding="utf-8"))
    forms = [e["file"] for e in manifest if e.get("file", "").endswith("bieu-dang-ky.docx")]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        proc, desktop = start_office(profile)
        try:
            for n, (unit, form) in enumerate(zip(units, forms)):
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.join(blank, form)), "_blank", 0,
                                                   (prop("Hidden", True),))
                fill(doc, unit)
                name = "%03d-%s.docx" % (n + 1, os.path.dirname(form))
                doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, name)),
                               (prop("FilterName", "MS Word 2007 XML"),))
                doc.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
