"""The JSON API of `vndoc serve` on loopback, with samples/lai-chau.csv and
samples/lai-chau.json (README, "HTTP API").  Usage: test_api.py VNDOC."""
import io
import json
import os
import subprocess
import tempfile
import zipfile

from serve_util import FIXTURES, SAMPLES, Server, files_under, multipart, run, vndoc

CSV = os.path.join(SAMPLES, "lai-chau.csv")
JSON = os.path.join(SAMPLES, "lai-chau.json")


def filled_forms(tmp):
    """Every unit's filled form, as vndoc batch writes them (no PDF)."""
    out = os.path.join(tmp, "batch")
    subprocess.run([vndoc(), "batch", CSV, "-o", out, "--no-pdf", "-q", "-j", "1"], check=True)
    return out


def test_page():
    s = Server()
    try:
        status, h, body = s.request("GET", "/")
        assert status == 200 and h["content-type"].startswith("text/html"), (status, h)
        assert h["content-security-policy"] == ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                                "script-src 'self'"), h
        assert h["cache-control"] == "no-store"
        assert b"{{CSRF_TOKEN}}" not in body
        for path, ctype in (("/app.js", "text/javascript"), ("/style.css", "text/css")):
            status, h, body = s.request("GET", path)
            assert status == 200 and h["content-type"].startswith(ctype), (path, status, h)
        # A new token at each start.
        s2 = Server()
        try:
            assert s2.csrf != s.csrf
        finally:
            s2.cleanup()
        assert s.stop() == 0
    finally:
        s.cleanup()


def test_campaign_csv():
    s = Server()
    try:
        cid, c = s.create(CSV, name="Lai Châu 2026")
        assert len(cid) == 20 and cid[8] == "-" and cid[15] == "-", cid
        assert c["name"] == "Lai Châu 2026" and c["data_file"] == "lai-chau.csv", c
        assert c["counts"] == {"units": 26, "received": 0, "missing": 26, "problem": 0}, c["counts"]
        assert c["units"][0]["name"] == "Văn phòng Sở" and c["units"][0]["slug"] == "van-phong-so", c["units"][0]
        assert all(u["status"] == "missing" and u["form"] is None for u in c["units"])
        assert c["findings"] == [], c["findings"]
        status, got = s.json("GET", "/api/campaigns/" + cid)
        assert status == 200 and got == c, (status, got)
        status, lst = s.json("GET", "/api/campaigns")
        assert status == 200 and lst["campaigns"] == [
            {"id": cid, "name": "Lai Châu 2026", "created": c["created"], "units": 26, "received": 0}], lst
        # Storage as the contract describes it.
        d = os.path.join(s.campaigns, cid)
        info = json.load(open(os.path.join(d, "campaign.json")))
        assert info["id"] == cid and info["data_file"] == "lai-chau.csv", info
        assert open(os.path.join(d, "data.csv"), "rb").read() == open(CSV, "rb").read()
        assert os.stat(s.campaigns).st_mode & 0o777 == 0o700
    finally:
        s.cleanup()


def test_campaign_json_with_findings():
    s = Server()
    try:
        cid, c = s.create(JSON)
        assert c["name"] == "lai-chau.json" and c["counts"]["units"] == 26, c["counts"]
        # The same findings as vndoc check --json.
        r = subprocess.run([vndoc(), "check", JSON, "--json"], capture_output=True, text=True)
        want = json.loads(r.stdout)
        assert len(c["findings"]) == len(want), (c["findings"], want)
        for f, w in zip(c["findings"], want):
            assert f["unit"] == w["unit"] and f["message"] == w["message"], (f, w)
    finally:
        s.cleanup()


def test_campaign_xlsx_with_doc():
    s = Server()
    try:
        cid, c = s.create(os.path.join(SAMPLES, "lai-chau.xlsx"), doc=os.path.join(SAMPLES, "lai-chau-van-ban.json"))
        assert c["data_file"] == "lai-chau.xlsx" and c["counts"]["units"] == 26, c
        assert sorted(os.listdir(os.path.join(s.campaigns, cid))) == [
            "campaign.json", "data.xlsx", "doc.json", "forms", "units.json"], os.listdir(os.path.join(s.campaigns, cid))
        # The document's fields reach the plan (its signer).
        status, h, plan = s.request("GET", "/api/campaigns/%s/plan.docx" % cid)
        body = zipfile.ZipFile(io.BytesIO(plan)).read("word/document.xml").decode()
        assert status == 200 and "Lương Chiến Công" in body, status
        # The plan alone, without every unit's blank form.
        assert not os.path.exists(os.path.join(s.campaigns, cid, "out", "blank")), os.listdir(
            os.path.join(s.campaigns, cid, "out"))
        # A doc that is not JSON: 422 naming it, nothing kept.
        status, body = s.upload("/api/campaigns", [("data", "a.csv", open(CSV, "rb").read()),
                                                   ("doc", "vb.json", b"{nope")])
        assert status == 422 and body["error"].startswith("vb.json"), (status, body)
        status, lst = s.json("GET", "/api/campaigns")
        assert len(lst["campaigns"]) == 1, lst
    finally:
        s.cleanup()


def test_bad_data():
    s = Server()
    try:
        bad = b"ten,khong,co\n1,2,3\n"
        status, body = s.upload("/api/campaigns", [("data", "ds.csv", bad)])
        assert status == 422 and body["error"].startswith("ds.csv"), (status, body)
        status, body = s.upload("/api/campaigns", [("data", "ds.txt", b"x")])
        assert status == 422 and "ds.txt" in body["error"], (status, body)
        status, body = s.upload("/api/campaigns", [("name", None, b"no data")])
        assert status == 400, (status, body)
        status, body = s.upload("/api/campaigns", [("data", "x.json", b"{\"don_vi\": [")])
        assert status == 422 and body["error"].startswith("x.json:"), (status, body)
        assert os.listdir(s.campaigns) == [".tmp"] and os.listdir(os.path.join(s.campaigns, ".tmp")) == []
    finally:
        s.cleanup()


def test_forms():
    s = Server()
    tmp = tempfile.mkdtemp(prefix="vndoc-serve-forms-")
    try:
        forms = filled_forms(tmp)
        cid, c = s.create(CSV)
        parts = [("form", "Văn phòng Sở.docx", open(os.path.join(forms, "van-phong-so", "bieu-dang-ky.docx"), "rb").read()),
                 ("form", "tt.docx", open(os.path.join(forms, "thanh-tra-so", "bieu-dang-ky.docx"), "rb").read()),
                 ("form", "cu.doc", open(os.path.join(FIXTURES, "collect", "old-word.doc"), "rb").read())]
        status, body = s.upload("/api/campaigns/%s/forms" % cid, parts)
        assert status == 200, (status, body)
        res = body["results"]
        assert [r["status"] for r in res] == ["received", "received", "rejected"], res
        assert [r["id"] for r in res] == [1, 2, 3] and res[0]["unit"] == "Văn phòng Sở", res
        assert res[0]["file"] == "Văn phòng Sở.docx" and res[0]["problems"] == [], res[0]
        assert res[2]["unit"] is None and res[2]["error"].startswith("cu.doc: a Word 97-2003"), res[2]
        status, c = s.json("GET", "/api/campaigns/" + cid)
        assert c["counts"] == {"units": 26, "received": 2, "missing": 24, "problem": 0}, c["counts"]
        u = c["units"][0]
        assert u["status"] == "received" and u["form"]["id"] == 1 and u["form"]["tap_the"] == 1, u
        assert u["form"]["preview"] == "/api/campaigns/%s/forms/1/preview.png" % cid, u
        assert [f["status"] for f in c["forms"]] == ["received", "received", "rejected"], c["forms"]
        d = os.path.join(s.campaigns, cid, "forms")
        assert sorted(os.listdir(d)) == ["1.docx", "1.json", "2.docx", "2.json", "3.docx", "3.json"], os.listdir(d)
        # A later form of a unit replaces the earlier one (both kept).
        status, body = s.upload("/api/campaigns/%s/forms" % cid, parts[:1])
        assert status == 200 and body["results"][0]["id"] == 4, body
        status, c = s.json("GET", "/api/campaigns/" + cid)
        assert c["units"][0]["form"]["id"] == 4 and c["counts"]["received"] == 2, c["units"][0]
    finally:
        s.cleanup()
        subprocess.run(["rm", "-rf", tmp])


def test_tokens_and_ids():
    s = Server()
    try:
        cid, _ = s.create(CSV)
        body, ctype = multipart([("data", "a.csv", open(CSV, "rb").read())])
        for headers in ({"Content-Type": ctype}, {"Content-Type": ctype, "X-CSRF-Token": "0" * 32}):
            status, h, data = s.request("POST", "/api/campaigns", body, headers, csrf=False)
            assert status == 403 and "error" in json.loads(data), (status, data)
        status, h, data = s.request("DELETE", "/api/campaigns/" + cid, csrf=False)
        assert status == 403, status
        for path in ("/api/campaigns/20990101-000000-abcd", "/api/campaigns/../../etc/passwd",
                     "/api/campaigns/%s/../../x" % cid, "/api/campaigns/%s/forms/1/preview.png" % cid,
                     "/api/campaigns/%s/nothing.zip" % cid, "/etc/passwd", "/api/x", "/app.js/x",
                     "/api/campaigns/%2e%2e", "/.tmp", "/api/campaigns/%s/campaign.json" % cid):
            status, data = s.json("GET", path)
            assert status == 404 and "error" in data, (path, status, data)
        status, data = s.json("PUT", "/api/campaigns")
        assert status == 405, status
        status, data = s.json("DELETE", "/api/campaigns/" + cid)
        assert status == 200 and data == {}, (status, data)
        assert not os.path.exists(os.path.join(s.campaigns, cid))
        status, data = s.json("GET", "/api/campaigns/" + cid)
        assert status == 404, status
    finally:
        s.cleanup()


def sheet_rows(xlsx):
    """The rows of the first sheet of an XLSX (shared strings resolved)."""
    import re
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(io.BytesIO(xlsx))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    rows = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % ns["m"]):
        cells = []
        for c in row.findall("m:c", ns):
            v = c.find("m:v", ns)
            t = c.get("t")
            if t == "s" and v is not None:
                cells.append(strings[int(v.text)])
            elif t == "inlineStr":
                cells.append("".join(x.text or "" for x in c.iter("{%s}t" % ns["m"])))
            else:
                cells.append(v.text if v is not None else "")
        rows.append(cells)
    return rows


def events_reader(s, cid):
    """Reads the campaign's event stream in a thread; returns (lines, stop)."""
    import socket
    import threading
    sock = socket.create_connection((s.host, s.port))
    sock.sendall(b"GET /api/campaigns/%s/events HTTP/1.1\r\nHost: x\r\n\r\n" % cid.encode())
    got = []

    def read():
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            got.append(data)
    t = threading.Thread(target=read, daemon=True)
    t.start()
    import time
    deadline = time.monotonic() + 10
    while b": connected" not in b"".join(got) and time.monotonic() < deadline:
        time.sleep(0.02)

    def stop(until=None):
        """Closes the stream (once `until` has come, or after 10 s)."""
        end = time.monotonic() + 10
        while until and until.encode() not in b"".join(got) and time.monotonic() < end:
            time.sleep(0.02)
        sock.close()
        t.join(5)
        return b"".join(got).decode("utf-8", "replace")
    return stop


def test_downloads():
    s = Server()
    try:
        cid, c = s.create(CSV)
        stop = events_reader(s, cid)
        status, h, blank = s.request("GET", "/api/campaigns/%s/blank.zip" % cid)
        assert status == 200 and h["content-type"] == "application/zip", (status, h)
        assert h["content-disposition"] == 'attachment; filename="%s-blank.zip"' % cid, h
        names = zipfile.ZipFile(io.BytesIO(blank)).namelist()
        assert names == sorted(names), names
        for n in ("ke-hoach.docx", "ke-hoach.pdf", "manifest.json", "van-phong-so/bieu-dang-ky.docx",
                  "van-phong-so/bieu-dang-ky.pdf"):
            assert n in names, (n, names)
        assert len([n for n in names if n.endswith("/bieu-dang-ky.pdf")]) == 26, names
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(blank)).infolist())
        events = stop('event: done\ndata: {"job":"blank"}')
        assert 'event: progress\ndata: {"job":"blank","done":1,"total":28}' in events, events[:500]
        assert 'event: progress\ndata: {"job":"blank","done":28,"total":28}' in events, events[-500:]
        assert 'event: done\ndata: {"job":"blank"}' in events, events[-300:]
        # Made once, then kept; made again, the same bytes.
        assert s.request("GET", "/api/campaigns/%s/blank.zip" % cid)[2] == blank
        subprocess.run(["rm", "-rf", os.path.join(s.campaigns, cid, "out")], check=True)
        assert s.request("GET", "/api/campaigns/%s/blank.zip" % cid)[2] == blank
        for what, ctype, magic in (("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml"
                                    ".document", b"PK"), ("plan.pdf", "application/pdf", b"%PDF")):
            status, h, data = s.request("GET", "/api/campaigns/%s/%s" % (cid, what))
            assert status == 200 and h["content-type"] == ctype and data.startswith(magic), (what, status, h)
            # The same bytes as the plan in blank.zip.
            assert data == zipfile.ZipFile(io.BytesIO(blank)).read("ke-hoach." + what.split(".")[1]), what
        # The filled forms of the data, sent back as returned forms.
        status, h, filled = s.request("GET", "/api/campaigns/%s/filled.zip" % cid)
        assert status == 200, status
        z = zipfile.ZipFile(io.BytesIO(filled))
        forms = sorted(n for n in z.namelist() if n.endswith("/bieu-dang-ky.docx"))
        assert len(forms) == 26, forms
        parts = [("form", n.split("/")[0] + ".docx", z.read(n)) for n in forms[:5]]
        status, body = s.upload("/api/campaigns/%s/forms" % cid, parts)
        assert status == 200 and [r["status"] for r in body["results"]] == ["received"] * 5, body
        status, h, png = s.request("GET", "/api/campaigns/%s/forms/1/preview.png" % cid)
        assert status == 200 and h["content-type"] == "image/png" and png.startswith(b"\x89PNG"), (status, h)
        status, body = s.json("GET", "/api/campaigns/%s/forms/9/preview.png" % cid)
        assert status == 404, (status, body)
        # The summary: the five units' registrations, a row each.
        status, h, xlsx = s.request("GET", "/api/campaigns/%s/summary.xlsx" % cid)
        assert status == 200, status
        rows = sheet_rows(xlsx)
        units = set(r[0] for r in rows[1:])
        status, c = s.json("GET", "/api/campaigns/" + cid)
        want = set(u["name"] for u in c["units"] if u["status"] == "received")
        assert len(want) == 5 and want <= set(sum(rows[1:], [])), (want, rows[:3])
        n_regs = sum(u["form"]["tap_the"] + u["form"]["ca_nhan"] for u in c["units"] if u["form"])
        assert len(rows) - 1 == n_regs, (len(rows), n_regs)
        for what, magic in (("summary.docx", b"PK"), ("summary.pdf", b"%PDF")):
            status, h, data = s.request("GET", "/api/campaigns/%s/%s" % (cid, what))
            assert status == 200 and data.startswith(magic), (what, status)
        status, h, all1 = s.request("GET", "/api/campaigns/%s/all.zip" % cid)
        z = zipfile.ZipFile(io.BytesIO(all1))
        names = z.namelist()
        assert names == sorted(names) and "data.csv" in names and "tong-hop.xlsx" in names, names
        assert [n for n in names if n.startswith("forms/")] == ["forms/%04d.docx" % i for i in range(1, 6)], names
        m = json.loads(z.read("manifest.json"))
        assert m["campaign"] == cid and len(m["forms"]) == 5 and m["forms"][0]["file"] == parts[0][1], m
        # A new form: a new summary.
        s.upload("/api/campaigns/%s/forms" % cid, [("form", "x.docx", zipfile.ZipFile(io.BytesIO(filled)).read(forms[6]))])
        rows2 = sheet_rows(s.request("GET", "/api/campaigns/%s/summary.xlsx" % cid)[2])
        assert len(rows2) > len(rows), (len(rows2), len(rows))
        assert len(zipfile.ZipFile(io.BytesIO(s.request("GET", "/api/campaigns/%s/all.zip" % cid)[2])).namelist()) \
            == len(names) + 1
    finally:
        s.cleanup()


def test_events_and_stop():
    s = Server()
    tmp = tempfile.mkdtemp(prefix="vndoc-serve-events-")
    try:
        forms = filled_forms(tmp)
        cid, c = s.create(CSV)
        stop = events_reader(s, cid)
        form = open(os.path.join(forms, "thanh-tra-so", "bieu-dang-ky.docx"), "rb").read()
        status, body = s.upload("/api/campaigns/%s/forms" % cid, [("form", "tt.docx", form)])
        assert status == 200, (status, body)
        import time
        t0 = time.monotonic()
        # Stopped with a stream open: the stream ends, the server exits 0 at once.
        assert s.stop() == 0, s.stderr
        assert time.monotonic() - t0 < 10, time.monotonic() - t0
        events = stop('event: forms')
        assert events.startswith("HTTP/1.1 200 OK\r\n") and "text/event-stream" in events, events[:300]
        assert 'event: forms\ndata: {"received":1}\n\n' in events, events
    finally:
        s.cleanup()
        subprocess.run(["rm", "-rf", tmp])


def test_unit_list_only():
    s = Server()
    tmp = tempfile.mkdtemp(prefix="vndoc-serve-list-")
    try:
        path = os.path.join(tmp, "don-vi.csv")
        with open(path, "w") as f:
            f.write("Đơn vị đăng ký\nVăn phòng Sở\nThanh tra Sở\n")
        cid, c = s.create(path)
        assert [u["name"] for u in c["units"]] == ["Văn phòng Sở", "Thanh tra Sở"] and c["findings"] == [], c
        status, h, blank = s.request("GET", "/api/campaigns/%s/blank.zip" % cid)
        assert status == 200 and "thanh-tra-so/bieu-dang-ky.pdf" in zipfile.ZipFile(io.BytesIO(blank)).namelist()
        status, body = s.json("GET", "/api/campaigns/%s/filled.zip" % cid)
        assert status == 422 and "registers nothing" in body["error"], (status, body)
    finally:
        s.cleanup()
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    run([test_page, test_campaign_csv, test_campaign_json_with_findings, test_campaign_xlsx_with_doc, test_bad_data, test_forms,
         test_tokens_and_ids, test_downloads, test_events_and_stop,
         test_unit_list_only])
