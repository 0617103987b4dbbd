#!/usr/bin/python3
"""Done when of issue 19, in a real browser: headless Chromium driven
through its WebDriver (Debian's chromium, chromium-driver, python3-selenium)
walks the page of `vndoc serve` as an office clerk does.

Run 1: open the page, upload samples/lai-chau.csv (and the document's
fields), download the blank forms ZIP, fill every unit's form with
LibreOffice (scripts/fill-forms-lo.py, as issue 9's round trip), drop all
the filled forms at once, see every unit received and no problem, open a
form's preview, download summary.xlsx and compare its rows with
samples/lai-chau.json; the summary's DOCX, PDF and the ZIP of everything
are downloaded too.
Run 2 (a new campaign from the same file): one unit's form left out,
another's truncated, a third's with a row that has no name; the page names
both units as not received, the damaged file with its error, the third form's
problem (table, row, message, what to do), and the summary holds what was
read.  Run 3: the plan's findings as a table; a data file with no unit
column refused with its message.  Run 4: a server bound to 0.0.0.0, the page
used through the access token's cookie.  No CSP violation in the console.

usage: /usr/bin/python3 test_serve_browser.py VNDOC_EXE SOURCE_DIR
Exit 0 pass, 1 fail, 77 skipped (chromium, chromedriver, selenium or
LibreOffice's python3-uno missing).  With VNDOC_SCREENSHOTS=DIR it writes
the screenshots of the three steps into DIR (serve-chuan-bi.png,
serve-thu-nhan.png, serve-tong-hop.png); CI leaves it unset.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
import zipfile

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed (scripts/deps.sh --test)")
    sys.exit(77)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 180  # seconds for one step: the machine may be shared and loaded


def fail(msg):
    raise AssertionError(msg)


def eq(got, want, what):
    if got != want:
        fail("%s: got %r, want %r" % (what, got, want))


class Server:
    """`vndoc serve --port 0 --dir DIR`, its address read from the line it prints."""

    def __init__(self, exe, campaigns, log, bind=None):
        self.log = open(log, "wb")
        self.proc = subprocess.Popen([exe, "serve", "--port", "0", "--dir", campaigns, "-j", "2"] +
                                     (["--bind", bind] if bind else []), stdout=subprocess.PIPE, stderr=self.log)
        timer = threading.Timer(30, self.proc.kill)
        timer.start()
        first = self.proc.stdout.readline().decode("utf-8", "replace")
        timer.cancel()
        if bind:
            m = re.fullmatch(r"vndoc serve: open http://%s:([0-9]+)/\?token=([0-9a-f]{32,})\n" % re.escape(bind), first)
        else:
            m = re.fullmatch(r"vndoc serve: open http://127\.0\.0\.1:([0-9]+)/\n", first)
        if not m:
            self.kill()
            fail("vndoc serve printed %r, not its address (log: %s)" % (first, log))
        self.url = "http://127.0.0.1:%s/" % m.group(1)
        self.token = m.group(2) if bind else None
        # the rest of stdout is drained so the server never blocks on it
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                fail("vndoc serve did not stop within 20 s of SIGTERM")
            eq(rc, 0, "vndoc serve's exit status after SIGTERM")
        self.log.close()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def browser(tmp, downloads):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--lang=vi", "--window-size=1280,900",
              "--user-data-dir=" + os.path.join(tmp, "chromium-profile")):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": False,
        "intl.accept_languages": "vi",
    })
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=CHROMEDRIVER, log_output=os.path.join(tmp, "chromedriver.log")) \
        if "log_output" in Service.__init__.__code__.co_varnames else \
        Service(executable_path=CHROMEDRIVER, log_path=os.path.join(tmp, "chromedriver.log"))
    d = webdriver.Chrome(service=service, options=opts)
    d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    return d


class Page:
    def __init__(self, driver, url, downloads, shots):
        self.d = driver
        self.url = url
        self.downloads = downloads
        self.shots = shots

    def wait(self, cond, what, timeout=WAIT):
        try:
            return WebDriverWait(self.d, timeout, poll_frequency=0.2).until(lambda d: cond())
        except TimeoutException:
            self.dump()
            fail("timed out after %d s waiting for %s; the page said: %r" % (timeout, what, self.message()))

    def dump(self):
        try:
            for entry in self.d.get_log("browser"):
                print("browser:", entry.get("level"), entry.get("message"))
        except Exception:
            pass

    def id(self, name):
        return self.d.find_element(By.ID, name)

    def visible(self, name):
        return self.id(name).is_displayed()

    def text(self, name):
        return self.id(name).text

    def message(self):
        m = self.id("message")
        return m.text if m.is_displayed() else ""

    def no_message(self):
        eq(self.message(), "", "error shown on the page")

    def open(self):
        self.d.get(self.url)
        self.wait(lambda: self.d.execute_script("return document.body.dataset.ready === '1'"), "the page to load")
        eq(self.d.title, "vndoc: đăng ký, thu nhận và tổng hợp", "title")
        token = self.d.find_element(By.CSS_SELECTOR, 'meta[name="csrf-token"]').get_attribute("content")
        if not re.fullmatch(r"[0-9a-f]{32}", token):
            fail("the CSRF token in the page is %r" % token)

    def step(self, name):
        self.id("tab-" + name).click()
        self.wait(lambda: self.visible(name), "step " + name)

    def download(self, link, what):
        """Clicks a download link; returns the bytes of the file the browser
        saved (its name as the page says it, from Content-Disposition)."""
        for f in os.listdir(self.downloads):
            os.remove(os.path.join(self.downloads, f))
        step = self.d.execute_script("return arguments[0].closest('.step').id", self.id(link))
        self.id(link).click()
        done = re.compile(r"Đã tải về: (\S+) \(")
        self.wait(lambda: done.match(self.text("status-" + step)) or self.message(), "the download of " + what)
        if self.message():
            fail("downloading %s: the page said %r" % (what, self.message()))
        name = done.match(self.text("status-" + step)).group(1)
        path = os.path.join(self.downloads, name)
        self.wait(lambda: os.path.exists(path), "the browser to save " + name)
        with open(path, "rb") as f:
            data = f.read()
        if not data:
            fail("%s (%s) is empty" % (name, what))
        self.saved = name
        return data

    def screenshot(self, name, most=1500):
        """The page, 1280 pixels wide, as tall as it is up to `most`."""
        if not self.shots:
            return
        os.makedirs(self.shots, exist_ok=True)
        self.d.execute_script("window.scrollTo(0, 0)")
        height = self.d.execute_script("return Math.max(document.documentElement.scrollHeight, 600)")
        self.d.set_window_size(1280, min(height + 120, most))
        time.sleep(0.5)
        self.d.save_screenshot(os.path.join(self.shots, name))
        self.d.set_window_size(1280, 900)

    def create(self, data, doc, name):
        self.step("chuan-bi")
        Select(self.id("campaign-select")).select_by_value("")
        self.wait(lambda: self.visible("create-form"), "the form that creates a campaign")
        self.id("data-file").send_keys(data)
        self.id("doc-file").send_keys(doc)
        self.id("campaign-name").send_keys(name)
        self.id("create-submit").click()
        self.wait(lambda: self.visible("plan") or self.message(), "the campaign to be created")
        self.no_message()
        eq(self.text("plan-name"), name, "the campaign's name")

    def upload(self, files):
        self.step("thu-nhan")
        self.id("form-files").send_keys("\n".join(files))
        self.wait(lambda: self.text("upload-result") or self.message(), "the forms to be uploaded")
        self.no_message()

    def rows(self, css):
        """The text of every cell (th, td) of the rows `css`, read at once:
        the page redraws its tables when forms arrive."""
        return self.d.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0])).map(function (tr) {"
            " return Array.from(tr.querySelectorAll('th, td')).map(function (c) { return c.innerText; }); });", css)

    def click(self, css):
        """Clicks the element `css`, found again if the page redrew it."""
        for _ in range(20):
            try:
                self.d.find_element(By.CSS_SELECTOR, css).click()
                return
            except StaleElementReferenceException:
                time.sleep(0.2)
        fail("%s kept being redrawn" % css)

    def units(self):
        """{unit name: (status text, file)} from the table of units."""
        rows = self.d.execute_script(
            "return Array.from(document.querySelectorAll('#units-table tbody tr')).map(function (tr) {"
            " return [tr.querySelector('th').textContent, tr.cells[2].querySelector('.badge').textContent,"
            " tr.cells[3].firstChild.textContent]; });")
        return {r[0]: (r[1], r[2]) for r in rows}


def xlsx_rows(data):
    """The summary sheet's rows as dicts by its header row (inline strings,
    or shared strings)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    z = zipfile.ZipFile(__import__("io").BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    table = []
    for row in sheet.find("m:sheetData", ns).findall("m:row", ns):
        cells = {}
        for c in row.findall("m:c", ns):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            if c.get("t") == "inlineStr":
                v = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
            elif c.get("t") == "s":
                v = shared[int(c.find("m:v", ns).text)]
            else:
                v = c.find("m:v", ns).text if c.find("m:v", ns) is not None else ""
            cells[col] = v
        table.append(cells)
    head = table[0]
    return [{head[k]: v for k, v in r.items()} for r in table[1:]]


def expected_rows(sample, skip=()):
    """What the summary sheet holds for the sample's units: one row per
    registration, the key fields the form carries."""
    out = []
    for u in sample["don_vi"]:
        if u["ten"] in skip:
            continue
        for t in u["tap_the"]:
            out.append((u["ten"], "Tập thể", t["ten"], t["dia_chi"], t["nguoi_dung_dau"], "", "", "",
                        t["linh_vuc"], t["giai_phap"], t["ghi_chu"]))
        for c in u["ca_nhan"]:
            out.append((u["ten"], "Cá nhân", c["ho_ten"], "", "", c["chuc_vu"], c["don_vi_cong_tac"],
                        c["noi_cu_tru"], c["linh_vuc"], c["giai_phap"], c["ghi_chu"]))
    return out


def sheet_rows(rows):
    cols = ("Đơn vị đăng ký", "Loại", "Tên tập thể / Họ và tên", "Địa chỉ", "Người đứng đầu; phụ trách đơn vị",
            "Chức vụ", "Đơn vị công tác", "Nơi cư trú", "Điển hình thuộc lĩnh vực",
            "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)", "Ghi chú")
    return [tuple(r.get(c, "") for c in cols) for r in rows]


def check_summary(page, sample, skip=(), minus=()):
    """Every registration of the sample's units (but the units `skip` and
    the (unit, name) pairs `minus`: rows not taken) is a row of
    summary.xlsx, field for field, and there is no other row (the order of
    the units is the server's: compared sorted)."""
    want = sorted(r for r in expected_rows(sample, skip) if (r[0], r[2]) not in minus)
    got = sorted(sheet_rows(xlsx_rows(page.download("dl-summary-xlsx", "summary.xlsx"))))
    eq(len(got), len(want), "rows of summary.xlsx")
    for g, w in zip(got, want):
        eq(g, w, "a row of summary.xlsx (sorted)")


def blank_name(src, dst, name):
    """A copy of a filled form whose individual `name` has no name left:
    its row has text but no Họ và tên."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                cut = b">" + name.encode("utf-8") + b"<"
                eq(data.count(cut), 1, "runs holding %s in %s" % (name, src))
                data = data.replace(cut, b"><")
            zout.writestr(item, data)


def fill_forms(src, blank_zip, tmp, data):
    """The blank forms ZIP unpacked, filled through LibreOffice's API."""
    blank = os.path.join(tmp, "blank")
    zipfile.ZipFile(__import__("io").BytesIO(blank_zip)).extractall(blank)
    manifest = json.load(open(os.path.join(blank, "manifest.json"), encoding="utf-8"))
    forms = [e["file"] for e in manifest if e.get("file", "").endswith("/bieu-dang-ky.docx")]
    eq(len(forms), 26, "blank forms in blank.zip")
    for f in forms:
        for ext in (".docx", ".pdf"):
            if not os.path.isfile(os.path.join(blank, f[:-5] + ext)):
                fail("blank.zip has no %s" % (f[:-5] + ext))
    filled = os.path.join(tmp, "filled")
    home = os.path.join(tmp, "home")
    os.makedirs(home, exist_ok=True)
    t = time.time()
    p = subprocess.run(["timeout", "500", "/usr/bin/python3", os.path.join(src, "scripts", "fill-forms-lo.py"), data,
                        blank, filled], env=dict(os.environ, HOME=home), capture_output=True, text=True)
    if p.returncode:
        fail("fill-forms-lo.py: exit %d: %s" % (p.returncode, p.stderr))
    out = sorted(os.path.join(filled, f) for f in os.listdir(filled))
    eq(len(out), 26, "forms filled by LibreOffice")
    print("filled 26 forms with LibreOffice in %.1f s" % (time.time() - t))
    return out


def run(exe, src, tmp, shots):
    data_csv = os.path.join(src, "samples", "lai-chau.csv")
    sample_json = os.path.join(src, "samples", "lai-chau.json")
    doc_json = os.path.join(src, "samples", "lai-chau-van-ban.json")
    sample = json.load(open(sample_json, encoding="utf-8"))
    names = [u["ten"] for u in sample["don_vi"]]
    downloads = os.path.join(tmp, "downloads")
    os.makedirs(downloads)
    server = Server(exe, os.path.join(tmp, "campaigns"), os.path.join(tmp, "serve.log"))
    driver = None
    try:
        driver = browser(tmp, downloads)
        page = Page(driver, server.url, downloads, shots)
        page.open()

        # ---- run 1: every form back, none with a problem
        t = time.time()
        page.create(data_csv, doc_json, "Đăng ký điển hình năm 2024")
        page.wait(lambda: page.visible("findings-none"), "the plan's findings")
        eq(page.text("findings-none"), "Dữ liệu đạt mọi quy định của kế hoạch.", "findings")
        if "26 đơn vị" not in page.text("plan-info"):
            fail("the plan says %r, not 26 units" % page.text("plan-info"))
        # the progress bar is fed by the event stream while blank.zip is made
        driver.execute_script(
            "window.seen = []; new MutationObserver(function () {"
            " window.seen.push(document.getElementById('progress-chuan-bi-label').textContent); })"
            ".observe(document.getElementById('progress-chuan-bi-label'), {childList: true, subtree: true});")
        blank = page.download("dl-blank", "blank.zip")
        seen = driver.execute_script("return window.seen")
        if not any(re.fullmatch(r"Đang tạo biểu đăng ký trống: [0-9]+/[0-9]+", t) for t in seen):
            fail("no progress from the event stream while blank.zip was made: %r" % seen)
        page.screenshot("serve-chuan-bi.png")
        if not page.download("dl-plan-pdf", "plan.pdf").startswith(b"%PDF-"):
            fail("plan.pdf is not a PDF")
        print("step 1 (campaign, blank.zip, plan.pdf): %.1f s" % (time.time() - t))
        forms = fill_forms(src, blank, tmp, sample_json)

        t = time.time()
        page.upload(forms)
        eq(page.text("upload-result"), "Đã gửi 26 tệp: 26 biểu nhận tốt, 0 biểu có lỗi, 0 tệp không đọc được.",
           "the upload's result")
        page.wait(lambda: page.text("counts") == "26 đơn vị: đã nhận 26, chưa nhận 0, có lỗi 0.", "the counts")
        units = page.units()
        eq(sorted(units), sorted(names), "units in the table")
        for i, n in enumerate(names):
            eq(units[n], ("Đã nhận", os.path.basename(forms[i])), "the row of " + n)
        if page.visible("rejected"):
            fail("files shown as unreadable: %r" % page.text("rejected"))
        # the first unit's form: no problem, its first page as a picture
        page.click('#units-table button[aria-label="Xem biểu của %s"]' % names[0])
        page.wait(lambda: page.visible("detail"), "the form's detail")
        eq(page.text("detail-title"), "Biểu của " + names[0], "detail title")
        if not page.visible("problems-none"):
            fail("problems shown for %s: %r" % (names[0], page.text("problems-table")))
        page.wait(lambda: driver.execute_script(
            "var i = document.getElementById('preview-img'); return i.complete && i.naturalWidth > 100;"),
            "the form's preview")
        png = driver.execute_script("return document.getElementById('preview-img').naturalHeight"
                                    " / document.getElementById('preview-img').naturalWidth")
        if not 0.68 < png < 0.74:  # the form is an A4 page in landscape
            fail("the preview's height/width is %.2f, not a landscape A4 page's" % png)
        print("step 2 (26 forms uploaded and shown): %.1f s" % (time.time() - t))

        t = time.time()
        page.step("tong-hop")
        eq(page.text("summary-info"), "Bảng tổng hợp gồm các biểu đã nhận: 26/26 đơn vị.", "summary info")
        if page.visible("summary-missing"):
            fail("units shown as missing: %r" % page.text("summary-missing"))
        check_summary(page, sample)
        if not page.download("dl-summary-docx", "summary.docx").startswith(b"PK"):
            fail("summary.docx is not a zip package")
        if not page.download("dl-summary-pdf", "summary.pdf").startswith(b"%PDF-"):
            fail("summary.pdf is not a PDF")
        everything = zipfile.ZipFile(__import__("io").BytesIO(page.download("dl-all", "all.zip")))
        if "manifest.json" not in everything.namelist():
            fail("all.zip has no manifest.json: %r" % everything.namelist()[:20])
        page.screenshot("serve-tong-hop.png")
        print("step 3 (summary.xlsx checked, docx, pdf, all.zip): %.1f s" % (time.time() - t))
        page.no_message()

        # ---- run 2: one unit's form missing, another's damaged, a third
        # with a row that has no name (a problem: the row is not taken)
        t = time.time()
        page.create(data_csv, doc_json, "Lần hai: thiếu một biểu, một biểu hỏng")
        missing, damaged, faulty = names[3], names[7], names[5]
        nameless = sample["don_vi"][5]["ca_nhan"][0]["ho_ten"]
        broken = os.path.join(tmp, "hong-" + os.path.basename(forms[7]))
        with open(forms[7], "rb") as f, open(broken, "wb") as g:
            g.write(f.read()[:4000])
        noname = os.path.join(tmp, "thieu-ten-" + os.path.basename(forms[5]))
        blank_name(forms[5], noname, nameless)
        some = [f for i, f in enumerate(forms) if i not in (3, 5, 7)] + [broken, noname]
        page.upload(some)
        eq(page.text("upload-result"), "Đã gửi 25 tệp: 23 biểu nhận tốt, 1 biểu có lỗi, 1 tệp không đọc được.",
           "the upload's result")
        page.wait(lambda: page.text("counts") == "26 đơn vị: đã nhận 23, chưa nhận 2, có lỗi 1.", "the counts")
        units = page.units()
        eq(units[missing], ("Chưa nhận", "—"), "the row of the unit whose form is missing")
        eq(units[damaged], ("Chưa nhận", "—"), "the row of the unit whose form is damaged")
        eq(units[faulty][0], "Có lỗi", "the status of the unit whose form has a row with no name")
        eq(sum(1 for s in units.values() if s[0] == "Đã nhận"), 23, "units received")
        page.wait(lambda: page.visible("rejected"), "the table of unreadable files")
        rows = page.rows("#rejected-table tbody tr")
        eq(len(rows), 1, "unreadable files")
        cells = rows[0]
        eq(cells[0], os.path.basename(broken), "the damaged file's name")
        if "zip" not in cells[1].lower():
            fail("the damaged file's error is %r" % cells[1])
        eq(cells[2], "Tệp hỏng hoặc không phải tệp Word (.docx). Đề nghị đơn vị mở lại bằng Word, lưu và gửi lại.",
           "what to do with the damaged file")
        # the faulty form's problem: table, row, its message and what to do
        page.click('#units-table button[aria-label="Xem biểu của %s"]' % faulty)
        page.wait(lambda: page.visible("problems-table"), "the problems of " + faulty)
        if os.path.basename(noname) not in page.text("detail-info"):
            fail("the detail names %r, not the form's file" % page.text("detail-info"))
        problems = page.rows("#problems-table tbody tr")
        eq(len(problems), 1, "problems of " + faulty)
        text = " | ".join(problems[0])
        for want in ("no name (Họ và tên), so the row is not taken",
                     "Dòng có nội dung nhưng thiếu tên (Đơn vị / Họ và tên) nên không được lấy."):
            if want not in text:
                fail("the problem reads %r, without %r" % (text, want))
        page.wait(lambda: driver.execute_script(
            "var i = document.getElementById('preview-img'); return i.complete && i.naturalWidth > 100;"),
            "the faulty form's preview")
        page.screenshot("serve-thu-nhan.png")
        Select(page.id("unit-filter")).select_by_value("missing")
        eq(sorted(page.units()), sorted([missing, damaged]), "units listed as not received")
        Select(page.id("unit-filter")).select_by_value("all")
        page.step("tong-hop")
        eq(page.text("summary-missing"), "Chưa nhận biểu của 2 đơn vị: %s, %s." % (missing, damaged),
           "the summary's warning")
        # the faulty form is summed up with what was read: its nameless row left out
        check_summary(page, sample, skip=(missing, damaged), minus={(faulty, nameless)})
        page.no_message()
        print("run 2 (a form missing, one damaged, one with a problem): %.1f s" % (time.time() - t))

        # ---- run 3: the plan's findings as a table; data that cannot be read
        t = time.time()
        lines = open(data_csv, encoding="utf-8-sig").read().splitlines(True)
        no_collective = os.path.join(tmp, "thieu-tap-the.csv")
        with open(no_collective, "w", encoding="utf-8") as f:
            f.writelines([lines[0]] + lines[2:])  # Văn phòng Sở's collective left out
        page.create(no_collective, doc_json, "Thiếu tập thể")
        page.wait(lambda: page.visible("findings-table"), "the table of findings")
        eq(page.text("findings-some"), "1 điểm chưa đạt quy định của kế hoạch (các đơn vị này sẽ không có biểu điền sẵn):",
           "the findings' heading")
        rows = page.rows("#findings-table tbody tr")
        eq(len(rows), 1, "findings")
        eq(rows[0][0], names[0], "the finding's unit")
        if "Tập thể" not in rows[0][1:4]:
            fail("the finding %r does not name the collectives (Tập thể)" % rows[0])
        for want in ("registers 0 collectives; the plan asks for exactly one",
                     "Kế hoạch yêu cầu mỗi đơn vị đăng ký đúng một tập thể."):
            if want not in rows[0][4]:
                fail("the finding reads %r, without %r" % (rows[0][4], want))
        # deleted from the page (DELETE with the CSRF token, after a confirm)
        gone = Select(page.id("campaign-select")).first_selected_option.get_attribute("value")
        page.id("campaign-delete").click()
        WebDriverWait(driver, 10).until(lambda d: d.switch_to.alert).accept()
        page.wait(lambda: page.visible("create-form") or page.message(), "the campaign to be deleted")
        page.no_message()
        left = [o.get_attribute("value") for o in Select(page.id("campaign-select")).options]
        if gone in left or len(left) != 3:
            fail("after deleting %s the campaigns are %r" % (gone, left))
        if os.path.exists(os.path.join(tmp, "campaigns", gone)):
            fail("the deleted campaign's folder is still there")
        no_units = os.path.join(tmp, "khong-co-don-vi.csv")
        with open(no_units, "w", encoding="utf-8") as f:
            f.write("Tên;Địa chỉ\nA;B\n")
        page.step("chuan-bi")
        Select(page.id("campaign-select")).select_by_value("")
        page.wait(lambda: page.visible("create-form"), "the form that creates a campaign")
        page.id("data-file").send_keys(no_units)
        page.id("create-submit").click()
        page.wait(lambda: page.message(), "the data file's error")
        msg = page.message()
        for want in ("Không tạo được đợt: ", "khong-co-don-vi.csv", 'no column "Đơn vị đăng ký" in the header',
                     "Hàng tiêu đề thiếu cột đã nêu."):
            if want not in msg:
                fail("the page says %r, without %r" % (msg, want))
        if page.visible("plan"):
            fail("a campaign was made from a file with no units")
        print("run 3 (findings, unreadable data): %.1f s" % (time.time() - t))
        # ---- run 4: bound off loopback, the page works through the access
        # token's cookie, which opening the printed link sets
        t = time.time()
        other = Server(exe, os.path.join(tmp, "campaigns-2"), os.path.join(tmp, "serve-2.log"), bind="0.0.0.0")
        try:
            driver.get(other.url)
            if "the access token is missing or wrong" not in driver.page_source:
                fail("without the token the page answered %r" % driver.page_source[:300])
            page2 = Page(driver, other.url + "?token=" + other.token, downloads, None)
            page2.open()
            eq(driver.current_url, other.url, "the address after the token's redirect")
            cookie = driver.get_cookie("vndoc_token")
            if not cookie or cookie["value"] != other.token or not cookie["httpOnly"]:
                fail("the access token's cookie is %r" % cookie)
            page2.create(data_csv, doc_json, "Qua mạng nội bộ")
            if not page2.download("dl-plan-docx", "plan.docx").startswith(b"PK"):
                fail("plan.docx is not a zip package")
            page2.no_message()
            other.stop()
        finally:
            other.kill()
        print("run 4 (bound to 0.0.0.0, the access token's cookie): %.1f s" % (time.time() - t))
        # the page runs under the server's CSP: nothing refused, no script error
        for entry in driver.get_log("browser"):
            m = entry.get("message", "")
            if "Content Security Policy" in m or "Uncaught" in m:
                fail("the browser's console: %s" % m)
        driver.quit()
        driver = None
        server.stop()
    except Exception:
        if driver:
            Page(driver, "", "", None).dump()
            driver.save_screenshot(os.path.join(tmp, "failure.png"))
            print("the page at the failure:", os.path.join(tmp, "failure.png"))
        raise
    finally:
        if driver:
            driver.quit()
        server.kill()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for need in (CHROMIUM, CHROMEDRIVER, "/usr/bin/soffice"):
        if not os.access(need, os.X_OK):
            print("SKIP: %s is missing (scripts/deps.sh --test)" % need)
            sys.exit(77)
    if subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode:
        print("SKIP: python3-uno is missing (scripts/deps.sh --test)")
        sys.exit(77)
    shots = os.environ.get("VNDOC_SCREENSHOTS")
    shots = os.path.abspath(shots) if shots else None
    keep = os.environ.get("VNDOC_KEEP_TMP")
    tmp = tempfile.mkdtemp(prefix="vndoc-browser-")
    t = time.time()
    try:
        run(exe, src, tmp, shots)
    except AssertionError as e:
        print("FAIL:", e)
        print("work folder kept:", tmp)
        sys.exit(1)
    print("PASS in %.1f s" % (time.time() - t))
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
