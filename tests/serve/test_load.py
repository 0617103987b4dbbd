"""200 requests from 20 clients at once to `vndoc serve` (uploads and
downloads), every one answered correctly within a bound, the server's
memory (VmRSS) flat.  Usage: test_load.py VNDOC."""
import io
import os
import threading
import time
import zipfile

from serve_util import SAMPLES, Server, multipart, run

CSV = os.path.join(SAMPLES, "lai-chau.csv")
CLIENTS = 20
REQUESTS = 200
# Bounds: generous for the ASan build on a shared machine.
REQUEST_SECONDS = 60
TOTAL_SECONDS = 120
RSS_GROWTH_KB = 64 * 1024      # second half against the first
RSS_PEAK_KB = 1024 * 1024


def test_load():
    s = Server(jobs=2)
    try:
        cid, c = s.create(CSV)
        status, h, blank = s.request("GET", "/api/campaigns/%s/blank.zip" % cid)
        status, h, filled = s.request("GET", "/api/campaigns/%s/filled.zip" % cid)
        z = zipfile.ZipFile(io.BytesIO(filled))
        forms = [(n.split("/")[0], z.read(n)) for n in sorted(z.namelist()) if n.endswith("/bieu-dang-ky.docx")]
        status, got = s.upload("/api/campaigns/%s/forms" % cid, [("form", "first.docx", forms[0][1])])
        assert status == 200, (status, got)
        data = open(CSV, "rb").read()
        lock = threading.Lock()
        results, errors, samples = [], [], []
        done = threading.Event()

        def sample():
            while not done.is_set():
                samples.append((time.monotonic(), s.rss_kb()))
                time.sleep(0.05)

        def one(i):
            kind = i % 8
            t0 = time.monotonic()
            if kind == 0:
                status, body = s.upload("/api/campaigns/%s/forms" % cid,
                                        [("form", "%s.docx" % forms[i % 26][0], forms[i % 26][1])])
                ok = status == 200 and body["results"][0]["status"] == "received"
            elif kind == 1:
                status, h, body = s.request("GET", "/api/campaigns/%s/blank.zip" % cid)
                ok = status == 200 and body == blank
            elif kind == 2:
                status, body = s.json("GET", "/api/campaigns/" + cid)
                ok = status == 200 and body["counts"]["units"] == 26
            elif kind == 3:
                status, body = s.upload("/api/campaigns", [("data", "lai-chau.csv", data), ("name", None, b"%d" % i)])
                ok = status == 201 and body["campaign"]["counts"]["units"] == 26
            elif kind == 4:
                status, h, body = s.request("GET", "/api/campaigns/%s/summary.xlsx" % cid)
                ok = status == 200 and body.startswith(b"PK")
            elif kind == 5:
                status, h, body = s.request("GET", "/api/campaigns/%s/forms/1/preview.png" % cid)
                ok = status == 200 and body.startswith(b"\x89PNG")
            elif kind == 6:
                status, h, body = s.request("GET", "/app.js")
                ok = status == 200
            else:
                status, body = s.json("GET", "/api/campaigns")
                ok = status == 200 and len(body["campaigns"]) >= 1
            took = time.monotonic() - t0
            with lock:
                results.append((kind, status, took))
                if not ok or took > REQUEST_SECONDS:
                    errors.append((i, kind, status, took))

        def client(k, start, end):
            for i in range(start + k, end, CLIENTS):
                try:
                    one(i)
                except Exception as e:  # a connection reset is a failure too
                    with lock:
                        errors.append((i, "exception", repr(e)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.monotonic()
        halves = []
        for start, end in ((0, REQUESTS // 2), (REQUESTS // 2, REQUESTS)):
            threads = [threading.Thread(target=client, args=(k, start, end)) for k in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            halves.append(s.rss_kb())
        total = time.monotonic() - t0
        done.set()
        sampler.join()
        peak = max(kb for _, kb in samples)
        print("  %d requests from %d clients in %.1f s (%.1f/s); slowest %.2f s; VmRSS %d KB after half 1, %d KB "
              "after half 2, peak %d KB" % (len(results), CLIENTS, total, len(results) / total,
                                            max(t for _, _, t in results), halves[0], halves[1], peak))
        assert not errors, errors[:10]
        assert len(results) == REQUESTS, len(results)
        assert total < TOTAL_SECONDS, total
        assert peak < RSS_PEAK_KB, peak
        assert halves[1] - halves[0] < RSS_GROWTH_KB, halves
        status, c = s.json("GET", "/api/campaigns/" + cid)
        assert len(c["forms"]) == 1 + REQUESTS // 8, len(c["forms"])
        assert [f["id"] for f in c["forms"]] == list(range(1, len(c["forms"]) + 1))
        assert s.stop() == 0
    finally:
        s.cleanup()


if __name__ == "__main__":
    run([test_load])
