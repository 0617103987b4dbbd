"""Helpers of the HTTP tests of `vndoc serve` (python3 standard library only).

start() runs the built vndoc (argv[1] of every test, or $VNDOC) on a free
port of loopback with a campaigns folder of its own, and reads the address
it prints; request() sends one request on a connection of its own;
multipart() builds a multipart/form-data body.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(SOURCE, "samples")
FIXTURES = os.path.join(SOURCE, "tests", "fixtures")


def vndoc():
    return sys.argv[1] if len(sys.argv) > 1 else os.environ.get("VNDOC", "vndoc")


class Server:
    def __init__(self, dir=None, bind=None, jobs=2, extra=()):
        self.own_dir = dir is None
        self.stderr = ""
        self.dir = dir or tempfile.mkdtemp(prefix="vndoc-serve-test-")
        args = [vndoc(), "serve", "--port", "0", "--dir", os.path.join(self.dir, "campaigns"), "-q", "-j", str(jobs)]
        if bind:
            args += ["--bind", bind]
        args += list(extra)
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"vndoc serve: open http://([0-9.]+):(\d+)/(\?token=([0-9a-f]+))?\n$", line)
        if not m:
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            raise AssertionError("vndoc serve printed %r (stderr %r)" % (line, err))
        self.host, self.port, self.token = m.group(1), int(m.group(2)), m.group(4)
        self.campaigns = os.path.join(self.dir, "campaigns")
        status, headers, body = self.request("GET", "/", auth=True)
        m = re.search(rb'<meta name="csrf-token" content="([0-9a-f]{32})">', body)
        assert status == 200 and m, (status, body[:300])
        self.csrf = m.group(1).decode()

    def request(self, method, path, body=None, headers=None, csrf=True, auth=True, host=None, timeout=120):
        h = dict(headers or {})
        if csrf and method in ("POST", "DELETE") and "X-CSRF-Token" not in h:
            h["X-CSRF-Token"] = self.csrf if hasattr(self, "csrf") else ""
        if auth and self.token:
            h["Authorization"] = "Bearer " + self.token
        c = http.client.HTTPConnection(host or self.host, self.port, timeout=timeout)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data
        finally:
            c.close()

    def json(self, method, path, body=None, headers=None, **kw):
        status, h, data = self.request(method, path, body, headers, **kw)
        try:
            return status, json.loads(data.decode("utf-8")) if data else None
        except ValueError:
            raise AssertionError("%s %s: %d, not JSON: %r" % (method, path, status, data[:200]))

    def upload(self, path, parts, **kw):
        body, ctype = multipart(parts)
        return self.json("POST", path, body, {"Content-Type": ctype}, **kw)

    def create(self, data_path, name=None, doc=None):
        parts = [("data", os.path.basename(data_path), open(data_path, "rb").read())]
        if doc:
            parts.append(("doc", os.path.basename(doc), open(doc, "rb").read()))
        if name:
            parts.append(("name", None, name.encode()))
        status, body = self.upload("/api/campaigns", parts)
        assert status == 201, (status, body)
        return body["id"], body["campaign"]

    def rss_kb(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, kill=False):
        """Stops the server (SIGTERM, or SIGKILL) and returns its exit
        status; what it wrote on standard error is kept in self.stderr."""
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError("vndoc serve did not stop on SIGTERM")
        if not self.proc.stderr.closed:
            self.stderr = self.proc.stderr.read()
            self.proc.stdout.close()
            self.proc.stderr.close()
        return self.proc.returncode

    def cleanup(self):
        """Stops the server as Ctrl-C does: it must exit 0 with nothing
        said (no sanitizer report, no leak)."""
        killed = self.proc.poll() is not None
        status = self.stop()
        if self.own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)
        if not killed:
            assert status == 0 and "ERROR" not in self.stderr and "runtime error" not in self.stderr, \
                (status, self.stderr[-3000:])


def multipart(parts):
    """parts: (name, filename or None, bytes) -> (body, content type)."""
    boundary = "vndoc-" + uuid.uuid4().hex
    out = []
    for name, filename, data in parts:
        out.append(b"--" + boundary.encode() + b"\r\n")
        if filename is None:
            out.append(b'Content-Disposition: form-data; name="%s"\r\n\r\n' % name.encode())
        else:
            out.append(b'Content-Disposition: form-data; name="%s"; filename="%s"\r\n'
                       b"Content-Type: application/octet-stream\r\n\r\n" % (name.encode(), filename.encode()))
        out.append(data)
        out.append(b"\r\n")
    out.append(b"--" + boundary.encode() + b"--\r\n")
    return b"".join(out), "multipart/form-data; boundary=" + boundary


def files_under(root):
    """Every file under root (relative paths), for 'nothing written' checks."""
    found = set()
    for d, _, names in os.walk(root):
        for n in names:
            found.add(os.path.relpath(os.path.join(d, n), root))
    return found


def run(tests):
    """Runs the test functions in order, each with a fresh server; prints
    a line per test and its time; exits 1 when any failed."""
    failed = 0
    for t in tests:
        t0 = time.monotonic()
        try:
            t()
            print("ok   %-40s %.1f s" % (t.__name__, time.monotonic() - t0), flush=True)
        except Exception:
            import traceback
            failed += 1
            print("FAIL %-40s %.1f s" % (t.__name__, time.monotonic() - t0), flush=True)
            traceback.print_exc()
    sys.exit(1 if failed else 0)
