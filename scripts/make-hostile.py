#!/usr/bin/env python3
"""Writes the hostile fixtures of tests/fixtures/hostile/ (issue 7): files
that attack a document tool.  Each has a test in tests/e2e/test_hostile.c
that expects an exact error, a non-zero exit and no file left behind.
Deterministic: run from the repository root, commit the output.
"""
import io
import json
import struct
import zipfile

OUT = "tests/fixtures/hostile/"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')


def doc(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def para(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return buf.getvalue()


def save(name, data):
    with open(OUT + name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def ok_parts(body=para("Xin chào {ten}")):
    return [("[Content_Types].xml", CT), ("word/document.xml", doc(body))]


SS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SS_HEADER = ["Đơn vị đăng ký", "Loại", "Tên tập thể / Họ và tên"]


def xlsx(sheet_rows, strings=None, styles=None, raw_strings=None):
    """A workbook of one sheet: `sheet_rows` are the <row> elements' text;
    `strings` the shared strings (or `raw_strings`, the part's bytes)."""
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    pkg = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    parts = [("[Content_Types].xml", CT),
             ("xl/workbook.xml", decl + f'<workbook {SS} {rel}><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
                                        '</sheets></workbook>'),
             ("xl/_rels/workbook.xml.rels", decl + f'<Relationships {pkg}><Relationship Id="rId1" '
                                                   'Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
             ("xl/worksheets/sheet1.xml", decl + f'<worksheet {SS}><sheetData>{"".join(sheet_rows)}'
                                                 '</sheetData></worksheet>')]
    if raw_strings is not None:
        parts.append(("xl/sharedStrings.xml", raw_strings))
    elif strings is not None:
        parts.append(("xl/sharedStrings.xml", decl + f'<sst {SS}>'
                      + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>"))
    if styles is not None:
        parts.append(("xl/styles.xml", decl + f"<styleSheet {SS}>{styles}</styleSheet>"))
    return docx(parts)


def header_row():
    return '<row r="1">' + "".join(f'<c r="{"ABC"[i]}1" t="inlineStr"><is><t>{h}</t></is></c>'
                                   for i, h in enumerate(SS_HEADER)) + "</row>"


def letters(n):
    """n letters that do not compress past the zip-bomb ratio."""
    out, x = bytearray(), 1
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(97 + (x >> 16) % 26)
    return out.decode()


def utf16(text):
    """An XML part declared and encoded as UTF-16 (with its BOM)."""
    return text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


def to_cp1258(text):
    """Text as Windows-1258 writes it: letters with a circumflex, breve or
    horn precomposed, tone marks as combining characters."""
    import unicodedata
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        shape = [m for m in marks if m in "\u0302\u0306\u031b"]
        if shape:
            base, marks = unicodedata.normalize("NFC", base + shape[0]), [m for m in marks if m != shape[0]]
        out += base.encode("cp1258") + "".join(marks).encode("cp1258")
    return bytes(out)


PIC_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="media/big.png"/></Relationships>')


def picture_docx(blip_parents, width, height):
    """A paragraph with an inline PNG whose a:blip lies `blip_parents`
    elements below pic:blipFill; the PNG is only a header claiming
    width x height pixels (the size is read from it, nothing decoded)."""
    png = (b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR" + struct.pack(">II", width, height)
           + b"\x08\x02\0\0\0")
    blip = "<a:x>" * blip_parents + '<a:blip r:embed="rId9"/>' + "</a:x>" * blip_parents
    body = (f'<w:p><w:r><w:drawing><wp:inline {PIC_NS}><wp:extent cx="914400" cy="914400"/><a:graphic>'
            f"<a:graphicData><pic:pic><pic:blipFill>{blip}</pic:blipFill></pic:pic></a:graphicData>"
            "</a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>Chữ vẫn in.</w:t></w:r></w:p>")
    return docx([("[Content_Types].xml", CT), ("word/document.xml", doc(body)),
                 ("word/_rels/document.xml.rels", RELS), ("word/media/big.png", png)])


def limits():
    """The nesting and size limits of src/core/limits.h that a DOCX can
    reach, each just past its limit (test_hostile.c, render cases)."""
    # VNDOC_LIMIT_TABLE_DEPTH (16): the 18th table is at depth 17.
    tbl = para("đáy")
    for _ in range(18):
        tbl = f"<w:tbl><w:tr><w:tc>{tbl}<w:p/></w:tc></w:tr></w:tbl>"
    save("deep-tables.docx", docx(ok_parts(tbl + para("x"))))
    # VNDOC_LIMIT_WRAPPER_DEPTH (32): 33 content controls around a paragraph.
    sdt = "<w:sdt><w:sdtContent>" * 33 + para("x") + "</w:sdtContent></w:sdt>" * 33
    save("deep-content.docx", docx(ok_parts(sdt)))
    # ... and 33 hyperlinks around a run: not read, with a warning.
    runs = ("<w:p><w:r><w:t xml:space=\"preserve\">Trước </w:t></w:r>" + "<w:hyperlink>" * 33
            + "<w:r><w:t>sâu</w:t></w:r>" + "</w:hyperlink>" * 33 + "<w:r><w:t>sau</w:t></w:r></w:p>")
    save("deep-runs.docx", docx(ok_parts(runs)))
    # VNDOC_LIMIT_FIELD_DEPTH (8): nine PAGE fields, one in the other.
    fld = lambda t: f'<w:r><w:fldChar w:fldCharType="{t}"/></w:r>'
    fields = ("<w:p>" + (fld("begin") + "<w:r><w:instrText>PAGE</w:instrText></w:r>" + fld("separate")) * 9
              + "<w:r><w:t>1</w:t></w:r>" + fld("end") * 9 + "<w:r><w:t>sau</w:t></w:r></w:p>")
    save("deep-fields.docx", docx(ok_parts(fields)))
    # VNDOC_LIMIT_PAGES (20000): 20000 page breaks make 20001 pages.
    save("many-pages.docx", docx(ok_parts('<w:p><w:r><w:br w:type="page"/></w:r></w:p>' * 20000 + para("x"))))
    # VNDOC_LIMIT_PICTURE_PIXELS (64 Mi): 10000 x 10000 pixels, each side
    # under VNDOC_LIMIT_PICTURE_SIDE.
    save("huge-picture.docx", picture_docx(0, 10000, 10000))
    # VNDOC_LIMIT_DRAWING_DEPTH (16): the a:blip 17 elements below pic:blipFill.
    save("deep-drawing.docx", picture_docx(17, 10, 10))


def layout_runaways():
    """Runaways and loss in the layout (issue 18; test_hostile_layout.c):
    a 200,000-character paragraph with no space, 80,000 words in one
    paragraph, 10,000 sections, 10,000 numbered
    paragraphs with a list each, one counting past the largest int, a
    header of 500 frames over 300 pages."""
    save("long-word.docx", docx(ok_parts(para("x" * 200000))))
    save("many-words.docx", docx(ok_parts(para(" ".join(["Nguyễn"] * 80000)))))
    # Letters of 1638 pt (the largest w:sz) before 12 pt and 1 pt ones in
    # one paragraph: a piece of the paragraph is shorter where its letters
    # are larger, and none is lost.
    save("huge-letters.docx", docx(ok_parts(
        '<w:p><w:r><w:rPr><w:sz w:val="3276"/></w:rPr><w:t>' + "W" * 300 + "</w:t></w:r><w:r><w:t>"
        + "ằ" * 5000 + '</w:t></w:r><w:r><w:rPr><w:sz w:val="2"/></w:rPr><w:t>' + "i" * 20000
        + "</w:t></w:r></w:p>")))
    save("many-sections.docx", docx(ok_parts(
        "".join(f"<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>Mục {i}</w:t></w:r></w:p>" for i in range(10000))
        + para("x"))))
    # Each paragraph its own list (10,000 w:num over 10,000 w:abstractNum),
    # nine levels; the last list starts at 2147483647 and counts on.
    num_ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    lvls = "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="{{s}}"/><w:numFmt w:val="decimal"/>'
                   f'<w:lvlText w:val="%{k + 1}."/></w:lvl>' for k in range(9))
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {num_ns}>'
                 + "".join(f'<w:abstractNum w:abstractNumId="{i}">'
                           + lvls.replace("{s}", "2147483647" if i == 9999 else "1") + "</w:abstractNum>"
                           for i in range(10000))
                 + "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(10000))
                 + "</w:numbering>")
    item = '<w:p><w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{n}"/></w:numPr></w:pPr><w:r><w:t>mục</w:t></w:r></w:p>'
    body = "".join(item.format(l=i % 9, n=i + 1) for i in range(10000)) + item.format(l=8, n=10000) * 2
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
    save("many-lists.docx", docx(ok_parts(body) + [("word/_rels/document.xml.rels", rels),
                                                   ("word/numbering.xml", numbering)]))
    # Those lists in a body render streams (> 2 MiB), a section each: the
    # numbering kept for each section took 10,000 lists' counters each time
    # (3 GB here).
    body = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{i + 1}"/></w:numPr><w:sectPr/>'
                   f'</w:pPr><w:r><w:t>{" ".join(str(i * 7 + k) for k in range(100))}</w:t></w:r></w:p>'
                   for i in range(3300))
    save("stream-lists.docx", docx(ok_parts(body) + [("word/_rels/document.xml.rels", rels),
                                                     ("word/numbering.xml", numbering)]))
    # A header of 500 frames over 300 page breaks: a small body, whose
    # pages render kept all together (545 MB) before writing them.
    r_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    frames = "".join(f'<w:p><w:pPr><w:framePr w:w="1500" w:wrap="around" w:vAnchor="page" w:hAnchor="page" '
                     f'w:x="{(i % 5) * 1600}" w:y="{(i % 40) * 20}"/></w:pPr><w:r><w:t>K{i}</w:t></w:r></w:p>'
                     for i in range(500))
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>{frames}{para("h")}</w:hdr>'
    hrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/header" Target="header1.xml"/></Relationships>')
    body = ('<w:p><w:r><w:br w:type="page"/></w:r></w:p>' * 300
            + f'<w:sectPr {r_ns}><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>')
    save("header-frames.docx", docx([("[Content_Types].xml", CT),
                                     ("word/document.xml", doc(body).replace("<w:document ", f"<w:document {r_ns} ")),
                                     ("word/_rels/document.xml.rels", hrels), ("word/header1.xml", header)]))


def main():
    # A 64 MB document of spaces: ~1000:1.
    save("zip-bomb.docx", docx([("[Content_Types].xml", CT),
                                ("word/document.xml", doc(para("x")) + " " * (64 << 20))]))
    # Two directory entries over one local header and one stream of data.
    good = docx(ok_parts())
    z = bytearray(good)
    eocd = z.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack_from("<HIIxx", z, eocd + 10)[0], *struct.unpack_from("<II", z, eocd + 12)
    cd = bytes(z[offset:offset + size])
    # The second central entry points at the first local header.
    first_len = 46 + sum(struct.unpack_from("<HHH", cd, 28))
    second = bytearray(cd[first_len:])
    struct.pack_into("<I", second, 42, 0)
    new_cd = cd[:first_len] + bytes(second)
    z = z[:offset] + new_cd + z[eocd:]
    save("overlap.docx", bytes(z))
    save("truncated.docx", good[: len(good) // 2])
    # The "encrypted" flag (bit 0) in the local and central headers.
    z = bytearray(good)
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = z.find(sig)
        while i >= 0:
            z[i + off] |= 1
            i = z.find(sig, i + 4)
    save("encrypted.docx", bytes(z))
    save("traversal.docx", docx(ok_parts() + [("../../evil.xml", "<x/>")]))
    save("absolute.docx", docx(ok_parts() + [("/etc/passwd", "root")]))
    save("no-content-types.docx", docx([("word/document.xml", doc(para("x")))]))
    save("no-document.docx", docx([("[Content_Types].xml", CT), ("word/styles.xml", "<w:styles/>")]))
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
           + f']><w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    save("billion-laughs.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", lol)]))
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           f'<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
    save("xxe.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", xxe)]))
    save("deep.docx", docx([("[Content_Types].xml", CT),
                            ("word/document.xml", doc("<w:p>" + "<w:r>" * 10000 + "</w:r>" * 10000 + "</w:p>"))]))
    save("bad-utf8.docx", docx([("[Content_Types].xml", CT),
                                ("word/document.xml", doc(para("Lai Ch")).encode() .replace(b"Lai Ch", b"Lai Ch\xe2\x28"))]))
    save("nested-sections.docx", docx(ok_parts(para("{#a}" * 10000 + "x" + "{/a}" * 10000))))
    limits()
    layout_runaways()
    save("big-field.json", json.dumps({"ten": "x" * (2 << 20)}))
    save("big-field.csv", "Đơn vị đăng ký;Loại;Họ và tên\r\nA;Cá nhân;" + "y" * (300 << 10) + "\r\n")
    save("million-columns.csv", ";" * 1000000 + "\r\n")
    # The DOCTYPE refusal on every path (issue 18): a part declared and
    # encoded as UTF-16 (document, shared strings), a DOCTYPE after a
    # prolog longer than a first read, in a body long enough (> 2 MiB) for
    # render to stream it, and a UTF-16 document that is fine.
    save("utf16-billion.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", utf16(lol))]))
    save("utf16-ok.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", utf16(doc(para("Xin chào {ten}"))))]))
    save("utf16-strings.xlsx", xlsx([header_row()], raw_strings=utf16(
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>'
        f'<sst {SS}><si><t>&a;</t></si></sst>')))
    body = "".join(para(f"Đoạn {i}") for i in range(70000))
    save("long-prolog.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", lol.replace(
        "<!DOCTYPE", "<!--" + " " * 5000 + "--><!DOCTYPE").replace("<w:p><w:r><w:t>&lol9;", body + "<w:p><w:r><w:t>&lol9;"))]))
    # mc:AlternateContent read as Word reads it (issue 18): a block, a run
    # and a character inside one; a branch nobody reads, with no fallback.
    mc = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
          'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
          'xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" '
          'xmlns:x9="urn:example:unknown"')
    alt = ('<mc:AlternateContent><mc:Choice Requires="{req}">{choice}</mc:Choice>'
           '{fallback}</mc:AlternateContent>')
    fb = "<mc:Fallback>{}</mc:Fallback>".format
    body = (alt.format(req="w14", choice=para("Khối trong Choice"), fallback=fb(para("Khối trong Fallback")))
            + '<w:p><w:r><w:t xml:space="preserve">Đoạn có </w:t></w:r>'
            + alt.format(req="w15 w14", choice="<w:r><w:t>chữ trong Choice</w:t></w:r>",
                         fallback=fb("<w:r><w:t>chữ trong Fallback</w:t></w:r>")) + "</w:p>"
            + '<w:p><w:r><w:t xml:space="preserve">Mặt cười: </w:t>'
            + alt.format(req="w16se", choice='<w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="1F600"/>',
                         fallback=fb("<w:t>:-)</w:t>")) + "</w:r></w:p>"
            + alt.format(req="x9", choice=para("Không ai đọc được"), fallback=""))
    save("alternate-content.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", doc(body).replace(
        "<w:document ", "<w:document " + mc + " "))]))
    # CSV encodings (issue 18): the first unit of the sample as older
    # Vietnamese Excel saves it (Windows-1258), the same with a stray byte
    # in UTF-8, as UTF-16 ("Unicode Text").
    with open("samples/lai-chau.csv", encoding="utf-8-sig", newline="") as f:
        lines = f.read().split("\r\n")
    first_unit = [ln for ln in lines[1:] if ln.split(";")[0] == lines[1].split(";")[0]]
    sample = "\r\n".join([lines[0]] + first_unit) + "\r\n"
    save("cp1258.csv", to_cp1258(sample))
    save("stray-byte.csv", sample.encode("utf-8").replace("Nguyễn".encode(), b"Nguy\xe1\xbb", 1))
    save("utf16.csv", sample.encode("utf-16"))
    # Deadlines as people type them (issue 18): each unit registered on
    # 26/7/2024, one day late, whatever form han_dang_ky takes; a deadline
    # that is not a date is said, not skipped.
    def registration(deadline, day="26"):
        return json.dumps({"han_dang_ky": deadline, "don_vi": [
            {"ten": "Phòng A", "ngay": day, "thang": "7", "nam": "2024",
             "tap_the": [{"ten": "Tổ 1", "dia_chi": "a", "nguoi_dung_dau": "b", "linh_vuc": "c", "giai_phap": "d"}],
             "ca_nhan": [{"ho_ten": "Người 1", "chuc_vu": "a", "don_vi_cong_tac": "b", "noi_cu_tru": "c",
                          "linh_vuc": "d", "giai_phap": "e"}]}]}, ensure_ascii=False, indent=1)
    save("deadline-iso.json", registration("2024-07-25"))
    save("deadline-serial.json", registration("45498"))
    save("deadline-words.json", registration("ngày 25 tháng 7 năm 2024"))
    save("deadline-not-a-date.json", registration("cuối tháng 7"))
    save("unit-date-not-a-date.json", registration("25/7/2024", day="31/6"))
    # Template runaways (issue 18): errors kept up to a cap and counted,
    # unmatched openings in linear time, sections nested over long lists
    # stopped by a work limit.
    save("stray-closes.docx", docx(ok_parts(para("{/}" * 340000))))
    save("unmatched-opens.docx", docx(ok_parts(para("{" * 300000))))
    save("nested-lists.docx", docx(ok_parts(para("{#don_vi}" * 6 + "x" + "{/don_vi}" * 6))))
    # 5,000 attributes on one element (libxml2 is quadratic in them),
    # in a document, in UTF-16, and in a workbook's shared strings.
    attrs = " ".join(f'a{i}="1"' for i in range(5000))
    save("many-attributes.docx", docx(ok_parts(f'<w:p {attrs}><w:r><w:t>x</w:t></w:r></w:p>')))
    save("many-attributes-utf16.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", utf16(
        doc(f'<w:p {attrs}><w:r><w:t>x</w:t></w:r></w:p>')))]))
    save("many-attributes.xlsx", xlsx([header_row()], raw_strings=f'<?xml version="1.0"?><sst {SS}><si {attrs}>'
                                      '<t>x</t></si></sst>'))
    # A zip bomb split into entries each under the ratio check's minimum
    # (VNDOC_LIMIT_ZIP_RATIO_MIN_BYTES): the parts together are checked.
    save("split-bomb.docx", docx(ok_parts() + [(f"word/pad{i}.xml", " " * (600 << 10)) for i in range(3)]))
    # A UTF-16 body long enough (> 2 MiB) for render to stream it, and the
    # same body in UTF-8 (loaded whole): the same PDF.
    paras = "".join(para(f"Đoạn {i}") for i in range(30000))
    save("big-utf16.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", utf16(doc(paras)))]))
    save("big-utf8.docx", docx([("[Content_Types].xml", CT), ("word/document.xml", doc(paras))]))
    # XLSX (issue 18): cells whose text together overflows a row, one cell
    # past the value limit, date serials no calendar has, a shared string
    # that does not exist, a row number past any sheet, a DOCTYPE in the
    # shared strings.
    unit = '<c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Cá nhân</t></is></c>'
    save("long-row.xlsx", xlsx([header_row(), '<row r="2">' + "".join(f'<c r="{c}2" t="s"><v>0</v></c>'
                                                                   for c in "DEFGA") + "</row>"],
                               strings=["x" * 1000000]))
    save("big-cell.xlsx", xlsx([header_row(), '<row r="2">' + unit
                                + '<c r="C2" t="inlineStr"><is><t>' + letters(1100 << 10) + "</t></is></c></row>"]))
    date_style = '<cellXfs count="1"><xf numFmtId="14"/></cellXfs>'
    for name, serial in (("date-huge.xlsx", "1e300"), ("date-nan.xlsx", "NaN")):
        save(name, xlsx([header_row(), f'<row r="2">{unit}<c r="C2" s="0"><v>{serial}</v></c></row>'],
                        styles=date_style))
    save("shared-index.xlsx", xlsx([header_row(), f'<row r="2">{unit}<c r="C2" t="s"><v>4294967297</v></c></row>'],
                                   strings=["x"]))
    save("row-number.xlsx", xlsx([header_row(), f'<row r="99999999999999999999">{unit}</row>']))
    save("far-column.xlsx", xlsx([header_row(), '<row r="2"><c r="XFD1048576" t="inlineStr"><is><t>A</t></is></c>'
                                                 + unit + "</row>"]))
    save("doctype-strings.xlsx", xlsx([header_row()], raw_strings='<?xml version="1.0"?><!DOCTYPE sst []>'
                                      f'<sst {SS}><si><t>x</t></si></sst>'))
    save("escape-names.json", json.dumps({"han_dang_ky": "25/7/2024", "don_vi": [
        {"ten": name, "tap_the": [{"ten": f"Tập thể {i}", "dia_chi": "a", "nguoi_dung_dau": "b",
                                   "linh_vuc": "c", "giai_phap": "d"}],
         "ca_nhan": [{"ho_ten": f"Người {i}", "chuc_vu": "a", "don_vi_cong_tac": "b", "noi_cu_tru": "c",
                      "linh_vuc": "d", "giai_phap": "e"}]}
        for i, name in enumerate(["../..", "/etc", "CON", "aux", "..", "a/../../b", "nul.txt"])]},
        ensure_ascii=False, indent=1))


def files_and_messages():
    """Issue 18, classes "Files" and "Messages" (tests/e2e/test_hostile_files.c)."""
    # An end-of-central-directory record alone: a zip with no entry.
    save("empty.zip", b"PK\x05\x06" + bytes(18))
    save("bad-content-types.docx", docx([("[Content_Types].xml", "<Types")]))
    # A registration sheet whose third line has a kind that is neither
    # "Tập thể" nor "Cá nhân": the data cannot be read (a batch printed only
    # "wrote 0 files").
    save("broken-row.csv", "\ufeffĐơn vị đăng ký;Loại;Tên tập thể / Họ và tên\n"
         "Văn phòng Sở;Tập thể;Văn phòng\nVăn phòng Sở;Đoàn thể;Người 1\n")
    # A unit whose name is a list, not text.
    save("nameless-unit.json", json.dumps({"don_vi": [{"ten": ["a", "b"]}]}))


def floods():
    """Issue 18: floods of warnings and notes, kept up to
    VNDOC_LIMIT_WARNINGS and counted past it; a template past
    VNDOC_LIMIT_TMPL_TAGS (stray-closes.docx, in main) and one below it
    whose errors are counted (test_hostile_input.c)."""
    import re
    save("stray-closes-90k.docx", docx(ok_parts(para("{/}" * 90000))))
    # 3,000 registrations with a control character in each name: a
    # warning each.
    save("many-warnings.csv", "Đơn vị đăng ký;Loại;Tên tập thể / Họ và tên\r\n"
         + "".join(f"A;Cá nhân;Người\x01 {i}\r\n" for i in range(3000)))
    # A returned form whose individuals' table has 2,000 rows whose second
    # column does not split (a repair each) and 1,500 with no name (text
    # not taken each), from our own collect fixture.
    with zipfile.ZipFile("tests/fixtures/collect/seed-annex.docx") as z:
        parts = [(n, z.read(n)) for n in z.namelist()]
    xml = dict(parts)["word/document.xml"].decode()
    last = re.findall(r"<w:tr\b.*?</w:tr>", xml, re.S)[-1]
    cells = re.findall(r"<w:tc>.*?</w:tc>", last, re.S)
    nameless = last.replace(cells[1], re.sub(r"(<w:t[^>]*>)[^<]*", r"\1", cells[1]))
    xml = xml.replace(last, last * 2000 + nameless * 1500)
    save("many-notes.docx", docx([(n, xml if n == "word/document.xml" else d) for n, d in parts]))
    # A cell of 2,000 characters merged down (vMerge) over 600 rows: its
    # text would be repeated in each (1.2 MB; 100 KB over 5,000 rows of a
    # 62 KB form made 500 MB).
    xml = dict(parts)["word/document.xml"].decode()
    text = r"(<w:t(?: [^>]*)?>)[^<]*"
    first = re.sub(text, r"\1", cells[3].replace("<w:tcPr>", '<w:tcPr><w:vMerge w:val="restart"/>', 1))
    first = re.sub(r"(<w:t(?: [^>]*)?>)", lambda m: m.group(1) + letters(2000), first, count=1)
    below = re.sub(text, r"\1", cells[3].replace("<w:tcPr>", "<w:tcPr><w:vMerge/>", 1))
    xml = xml.replace(last, last.replace(cells[3], first) + last.replace(cells[3], below) * 600)
    save("merged-down.docx", docx([(n, xml if n == "word/document.xml" else d) for n, d in parts]))


def blank_units():
    """batch --blank checks nothing, but a unit that is a number, text, null
    or a list has no fields to fill (it crashed, issue 18)."""
    save("blank-not-units.json", json.dumps({"don_vi": [1, "a", None, [], {"ten": "Phòng A"}]},
                                            ensure_ascii=False))


def pictures():
    """Pictures from data (issue 18): sizes no page has (1e308 mm
    overflowed the size in EMU), a negative one, one given as text."""
    import base64
    save("picture.docx", docx(ok_parts(para("Ảnh: {%anh} hết"))))
    # One picture file named by each of many units (the test writes the
    # file and the data): it is read once, not once a unit.
    save("picture-loop.docx", docx(ok_parts(para("{#ds}{%anh}{/ds}"))))
    png = (b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR" + struct.pack(">II", 4, 4) + b"\x08\x02\0\0\0")
    uri = "data:image/png;base64," + base64.b64encode(png).decode()
    for name, size in (("huge", {"width": 1e308}), ("negative", {"height": -5}), ("text", {"width": "30"})):
        save(f"picture-{name}.json", json.dumps({"anh": dict(src=uri, **size)}))


if __name__ == "__main__":
    main()
    files_and_messages()
    floods()
    pictures()
    blank_units()
