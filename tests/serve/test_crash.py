"""Killing `vndoc serve` (SIGKILL) in the middle of uploads and starting
it again: every acknowledged form is still there, the half uploads left
nothing.  Usage: test_crash.py VNDOC."""
import io
import os
import socket
import tempfile
import threading
import time
import zipfile

from serve_util import SAMPLES, Server, files_under, multipart, run

CSV = os.path.join(SAMPLES, "lai-chau.csv")


def half_upload(s, path, body, ctype, sent_event):
    """Sends the headers and half the body, then waits (the server dies)."""
    c = socket.create_connection((s.host, s.port))
    c.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\nX-CSRF-Token: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
              % (path.encode(), s.csrf.encode(), ctype.encode(), len(body)))
    c.sendall(body[:len(body) // 2])
    sent_event.set()
    return c


def test_kill_mid_upload():
    root = tempfile.mkdtemp(prefix="vndoc-serve-crash-")
    s = Server(dir=root)
    try:
        cid, c = s.create(CSV)
        status, h, filled = s.request("GET", "/api/campaigns/%s/filled.zip" % cid)
        z = zipfile.ZipFile(io.BytesIO(filled))
        forms = [(n.split("/")[0], z.read(n)) for n in sorted(z.namelist()) if n.endswith("/bieu-dang-ky.docx")]
        acked = []
        stop = threading.Event()

        def uploader(k):
            # Forms one after the other until the server dies; each answer
            # acknowledges its form.
            i = k
            while not stop.is_set():
                name = "%s-%d.docx" % (forms[i % 26][0], i)
                try:
                    status, body = s.upload("/api/campaigns/%s/forms" % cid, [("form", name, forms[i % 26][1])],
                                            timeout=30)
                except Exception:
                    return
                if status == 200:
                    acked.append((body["results"][0]["id"], name))
                i += 4
        threads = [threading.Thread(target=uploader, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        # Half a form upload, half a new campaign, both never finished.
        big = forms[0][1] * 40  # 2 MB of body: the server holds half of it
        body, ctype = multipart([("form", "half.docx", big)])
        e1, e2 = threading.Event(), threading.Event()
        c1 = half_upload(s, "/api/campaigns/%s/forms" % cid, body, ctype, e1)
        body2, ctype2 = multipart([("data", "half.csv", open(CSV, "rb").read() * 50)])
        c2 = half_upload(s, "/api/campaigns", body2, ctype2, e2)
        e1.wait(10)
        e2.wait(10)
        time.sleep(1.0)
        assert os.listdir(os.path.join(s.campaigns, ".tmp")), "the half uploads are being received"
        s.stop(kill=True)
        stop.set()
        for t in threads:
            t.join(30)
        c1.close()
        c2.close()
        assert len(acked) >= 4, acked

        s2 = Server(dir=root)
        try:
            status, c = s2.json("GET", "/api/campaigns/" + cid)
            assert status == 200, status
            have = dict((f["id"], f["file"]) for f in c["forms"])
            for fid, name in acked:
                assert have.get(fid) == name, (fid, name, have.get(fid))
            assert "half.docx" not in have.values()
            status, lst = s2.json("GET", "/api/campaigns")
            assert [x["id"] for x in lst["campaigns"]] == [cid], lst
            # No half file anywhere: every form N has its N.json, .tmp is empty.
            d = os.path.join(s2.campaigns, cid, "forms")
            numbers = set(int(n.split(".")[0]) for n in os.listdir(d) if n.endswith(".json"))
            assert numbers == set(have), (numbers, set(have))
            assert sorted(os.listdir(d)) == sorted("%d.%s" % (n, e) for n in numbers for e in ("docx", "json")), \
                os.listdir(d)
            assert os.listdir(os.path.join(s2.campaigns, ".tmp")) == []
            # And work goes on: a new form gets the next number.
            status, got = s2.upload("/api/campaigns/%s/forms" % cid, [("form", "after.docx", forms[1][1])])
            assert status == 200 and got["results"][0]["id"] > max(have), (got, max(have))
        finally:
            s2.cleanup()
    finally:
        s.cleanup()
        import shutil
        shutil.rmtree(root, ignore_errors=True)


def test_kill_mid_download():
    root = tempfile.mkdtemp(prefix="vndoc-serve-crash-")
    s = Server(dir=root)
    try:
        cid, c = s.create(CSV)
        def download():
            try:
                s.request("GET", "/api/campaigns/%s/blank.zip" % cid)
            except OSError:
                pass  # the server is killed before it answers
        t = threading.Thread(target=download, daemon=True)
        t.start()
        # Killed while the batch writes the blank forms.
        deadline = time.monotonic() + 30
        out = os.path.join(s.campaigns, cid, "out", "blank")
        while time.monotonic() < deadline and not (os.path.isdir(out) and len(os.listdir(out)) >= 4):
            time.sleep(0.02)
        s.stop(kill=True)
        t.join(30)
        s2 = Server(dir=root)
        try:
            status, h, blank = s2.request("GET", "/api/campaigns/%s/blank.zip" % cid)
            assert status == 200, status
            names = zipfile.ZipFile(io.BytesIO(blank)).namelist()
            assert len([n for n in names if n.endswith("/bieu-dang-ky.pdf")]) == 26, names
            fresh, _ = s2.create(CSV)
            status, h, blank2 = s2.request("GET", "/api/campaigns/%s/blank.zip" % fresh)
            assert blank2 == blank, "a download made again after a kill is the same bytes"
        finally:
            s2.cleanup()
    finally:
        s.cleanup()
        import shutil
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    run([test_kill_mid_upload, test_kill_mid_download])
