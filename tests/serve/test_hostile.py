"""Hostile requests to `vndoc serve`: each refused with its status code,
nothing written outside the campaign's folder (README, "HTTP API";
SECURITY.md).  Usage: test_hostile.py VNDOC."""
import io
import json
import os
import socket
import time
import zipfile

from serve_util import FIXTURES, SAMPLES, Server, files_under, multipart, run

CSV = os.path.join(SAMPLES, "lai-chau.csv")


def raw(s, head, body=b"", chunks=None, read=True):
    """Sends a request by hand; returns the status line's code (or None
    when the server closed without an answer) and the bytes sent."""
    c = socket.create_connection((s.host, s.port), timeout=60)
    sent = 0
    try:
        c.sendall(head + body)
        sent = len(body)
        for ch in chunks or ():
            c.sendall(b"%x\r\n%s\r\n" % (len(ch), ch))
            sent += len(ch)
    except OSError:
        pass
    data = b""
    try:
        while read:
            d = c.recv(65536)
            if not d:
                break
            data += d
    except OSError:
        pass
    c.close()
    code = int(data.split(b" ")[1]) if data.startswith(b"HTTP/1.1 ") else None
    return code, sent, data


def form_docx():
    import subprocess
    import tempfile
    from serve_util import vndoc
    d = tempfile.mkdtemp(prefix="vndoc-serve-hostile-")
    subprocess.run([vndoc(), "batch", CSV, "-o", d, "--no-pdf", "-q", "-j", "1"], check=True)
    data = open(os.path.join(d, "van-phong-so", "bieu-dang-ky.docx"), "rb").read()
    subprocess.run(["rm", "-rf", d])
    return data


def zip_bomb():
    """A DOCX whose body inflates 1000:1 (20 MB of spaces in 20 KB)."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:body><w:p><w:r><w:t>')
            for _ in range(20):
                f.write(b" " * (1 << 20))
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return b.getvalue()


def test_uploads_refused():
    s = Server()
    try:
        cid, _ = s.create(CSV)
        before = files_under(s.dir)
        head = (b"POST /api/campaigns/%s/forms HTTP/1.1\r\nHost: x\r\nX-CSRF-Token: %s\r\n"
                b"Content-Type: multipart/form-data; boundary=vndocvndoc\r\n" % (cid.encode(), s.csrf.encode()))
        # Oversized: said by Content-Length, refused before the body.
        code, _, data = raw(s, head + b"Content-Length: %d\r\n\r\n" % (300 << 20))
        assert code == 413 and b"200 MiB" in data, (code, data[-200:])
        # A file past 20 MiB: the body is read and dropped, then 413.
        body, ctype = multipart([("form", "big.docx", b"\0" * ((20 << 20) + 1))])
        status, got = s.json("POST", "/api/campaigns/%s/forms" % cid, body, {"Content-Type": ctype})
        assert status == 413 and "20 MiB" in got["error"], (status, got)
        # Endless (chunked, no length): cut at the request limit.
        part = b'--vndocvndoc\r\nContent-Disposition: form-data; name="form"; filename="x.docx"\r\n\r\n'
        code, sent, data = raw(s, head + b"Transfer-Encoding: chunked\r\n\r\n",
                               chunks=[part] + [b"y" * (1 << 20)] * 400)
        assert code in (None, 413) and sent <= (260 << 20), (code, sent >> 20)
        # Too many files in one request.
        body, ctype = multipart([("form", "%d.docx" % i, b"x") for i in range(501)])
        status, got = s.json("POST", "/api/campaigns/%s/forms" % cid, body, {"Content-Type": ctype})
        assert status == 413 and "500 files" in got["error"], (status, got)
        # Malformed multipart: no boundary, a body that ends inside a part.
        for ctype, body in (("multipart/form-data", b"x"), ("text/plain", b"x"),
                            ("multipart/form-data; boundary=vndocvndoc",
                             b'--vndocvndoc\r\nContent-Disposition: form-data; name="form"; filename="a.docx"\r\n\r\nab')):
            status, got = s.json("POST", "/api/campaigns/%s/forms" % cid, body, {"Content-Type": ctype})
            assert status == 400 and "error" in got, (ctype, status, got)
        status, got = s.upload("/api/campaigns/%s/forms" % cid, [("name", None, b"no form")])
        assert status == 400 and "'form'" in got["error"], (status, got)
        # Nothing kept of any of them, no form numbered (a cut connection's
        # temporary file goes when the server has seen the cut).
        deadline = time.monotonic() + 10
        while files_under(s.dir) != before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert files_under(s.dir) == before, files_under(s.dir) ^ before
        status, c = s.json("GET", "/api/campaigns/" + cid)
        assert c["forms"] == [], c["forms"]
    finally:
        s.cleanup()


def test_names_and_bombs():
    s = Server()
    try:
        cid, _ = s.create(CSV)
        before = files_under(s.dir)
        form = form_docx()
        names = ["../../../../evil.docx", "/tmp/evil.docx", "..\\..\\evil.docx", "a/../../b/../../c.docx",
                 "campaign.json", ".tmp", "%2e%2e%2fx.docx"]
        status, got = s.upload("/api/campaigns/%s/forms" % cid, [("form", n, form) for n in names])
        assert status == 200, (status, got)
        res = got["results"]
        assert [r["status"] for r in res] == ["received"] * len(names), res
        assert [r["id"] for r in res] == list(range(1, len(names) + 1)), res
        # The names are strings in JSON, never paths.
        status, c = s.json("GET", "/api/campaigns/" + cid)
        assert [f["file"] for f in c["forms"]] == [r["file"] for r in res], (c["forms"], res)
        assert all(r["file"] for r in res), res
        # A name that is not UTF-8: kept with U+FFFD for each bad byte.
        body = (b'--vndocvndoc\r\nContent-Disposition: form-data; name="form"; filename="\xff\xfe\x01.docx"\r\n\r\n'
                + form + b"\r\n--vndocvndoc--\r\n")
        status, got = s.json("POST", "/api/campaigns/%s/forms" % cid, body,
                             {"Content-Type": "multipart/form-data; boundary=vndocvndoc"})
        assert status == 200 and got["results"][0]["file"] == "\ufffd\ufffd\x01.docx", (status, got)
        names.append(got["results"][0]["file"])
        # A zip bomb, a .doc, a PDF, no zip at all: rejected, kept as rejected.
        bad = [("form", "bomb.docx", zip_bomb()),
               ("form", "old.doc", open(os.path.join(FIXTURES, "collect", "old-word.doc"), "rb").read()),
               ("form", "scan.pdf", open(os.path.join(FIXTURES, "collect", "scan.pdf"), "rb").read()),
               ("form", "empty.docx", b"")]
        status, got = s.upload("/api/campaigns/%s/forms" % cid, bad)
        assert status == 200, (status, got)
        res = got["results"]
        assert [r["status"] for r in res] == ["rejected"] * 4, res
        assert res[0]["error"].startswith("bomb.docx") and "zip bomb" in res[0]["error"], res[0]
        status, data = s.json("GET", "/api/campaigns/%s/forms/%d/preview.png" % (cid, len(names) + 1))
        assert status == 422 and "error" in data, (status, data)
        added = files_under(s.dir) - before
        prefix = os.path.join("campaigns", cid) + os.sep
        assert all(f.startswith(prefix + "forms" + os.sep) or f.startswith(prefix + "out" + os.sep)
                   for f in added), added
        assert not os.path.exists("/tmp/evil.docx") and not os.path.exists(os.path.join(s.dir, "evil.docx"))
        assert os.listdir(os.path.join(s.campaigns, ".tmp")) == []
    finally:
        s.cleanup()


def test_urls():
    s = Server()
    try:
        cid, _ = s.create(CSV)
        paths = ["/api/campaigns/%s/forms/1/../../../campaign.json" % cid, "//etc/passwd", "/../../etc/passwd",
                 "/api/campaigns/%s%%2f..%%2f..%%2fetc" % cid, "/api/campaigns/%s/forms/01/preview.png" % cid,
                 "/api/campaigns/%s/forms/-1/preview.png" % cid, "/api/campaigns/%s/out/blank.zip" % cid,
                 "/api/campaigns/%s/data.csv" % cid, "/api/campaigns/.tmp", "/api/campaigns/" + "9" * 5000,
                 "/api/campaigns/%s/forms/99999999999999999999/preview.png" % cid, "/index.html/../app.js",
                 "/api/campaigns/%s/blank.zip/x" % cid, "/api/campaigns/%s/" % cid, "/api/campaigns/"]
        for p in paths:
            code, _, data = raw(s, b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % p.encode())
            assert code in (404, 414, 431), (p, code, data[:100])
    finally:
        s.cleanup()


def test_access_token():
    s = Server(bind="0.0.0.0")
    try:
        assert s.token and len(s.token) == 64, s.token
        for p in ("/", "/app.js", "/api/campaigns", "/?token=" + "0" * 64):
            status, h, data = s.request("GET", p, auth=False, host="127.0.0.1")
            assert status == 401 and "error" in json.loads(data), (p, status, data)
        status, h, data = s.request("GET", "/api/campaigns", auth=False, host="127.0.0.1",
                                    headers={"Authorization": "Bearer " + "0" * 64})
        assert status == 401, status
        status, h, data = s.request("GET", "/api/campaigns", host="127.0.0.1")
        assert status == 200, status
        # The printed link sets the cookie, then the page opens with it.
        status, h, data = s.request("GET", "/?token=" + s.token, auth=False, host="127.0.0.1")
        assert status == 303 and h["location"] == "/", (status, h)
        cookie = h["set-cookie"]
        assert cookie.startswith("vndoc_token=%s;" % s.token) and "HttpOnly" in cookie and \
            "SameSite=Strict" in cookie, cookie
        status, h, data = s.request("GET", "/", auth=False, host="127.0.0.1",
                                    headers={"Cookie": "vndoc_token=" + s.token})
        assert status == 200 and b'name="csrf-token"' in data, status
        # The access token is not the CSRF token.
        body, ctype = multipart([("data", "a.csv", open(CSV, "rb").read())])
        status, h, data = s.request("POST", "/api/campaigns", body, {"Content-Type": ctype}, csrf=False,
                                    host="127.0.0.1")
        assert status == 403, status
    finally:
        s.cleanup()


def test_streams():
    """Event streams left open (a page reloaded again and again) cannot
    take every connection: past 16 the oldest ends."""
    s = Server()
    try:
        cid, _ = s.create(CSV)
        socks = []
        for i in range(70):
            k = socket.create_connection((s.host, s.port))
            k.sendall(b"GET /api/campaigns/%s/events HTTP/1.1\r\nHost: x\r\n\r\n" % cid.encode())
            socks.append(k)
        status, lst = s.json("GET", "/api/campaigns", timeout=20)
        assert status == 200 and len(lst["campaigns"]) == 1, status

        # Which streams the server ended (their connection closed): any
        # 54, whichever threads registered their streams first.
        import select
        open_socks, ended = set(socks), 0
        deadline = time.monotonic() + 30
        while ended < 54 and time.monotonic() < deadline:
            ready, _, _ = select.select(list(open_socks), [], [], 1)
            for k in ready:
                try:
                    d = k.recv(65536)
                except OSError:
                    d = b""
                if not d:
                    open_socks.discard(k)
                    ended += 1
        time.sleep(1)
        ready, _, _ = select.select(list(open_socks), [], [], 0.5)
        still = [k for k in ready if not k.recv(65536)]
        assert ended == 54 and not still and len(open_socks) == 16, (ended, len(still), len(open_socks))
        for k in socks:
            k.close()
    finally:
        s.cleanup()


if __name__ == "__main__":
    run([test_uploads_refused, test_names_and_bombs, test_urls, test_access_token, test_streams])
