#!/usr/bin/env python3
"""Writes tests/fixtures/collect/: returned registration forms as Word writes
them, for `vndoc collect` (issue 15), and files that are not forms.

Word's ways in word-form.docx: runs split by w:proofErr and revision ids
(rsid), bookmarks, automatic numbering (w:numPr) in the Stt column, header
rows marked to repeat and a copy of the header pasted lower, a gridSpan'd
cell, a vMerge'd column, line breaks and several paragraphs in one cell,
tracked changes (w:del, w:ins), an empty row, a row of placeholder dots,
text typed in .VnTime (TCVN3), .VnTimeH and VNI-Times (VNI), a row with no
name and a combined cell that does not split.  seed-annex.docx is laid out
as the seed's own annex (paragraph heading, the combined column);
retyped.docx as a unit types its own copy (one table, a two-row header,
separate columns, "Số 05/…", a numeric date).  Every
zip entry has a fixed date: the same script gives the same bytes.

usage: scripts/make-collect-fixtures.py [OUT_DIR]
"""
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "fixtures", "collect")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# Legacy encodings, from our own tables (src/vn/legacy_tables.h), inverted.
def legacy_maps():
    text = open(os.path.join(ROOT, "src", "vn", "legacy_tables.h"), encoding="utf-8").read()
    tcvn3, vni = {}, {}
    blocks = re.split(r"static const struct", text)
    for b in blocks:
        if "tcvn3_map" in b:
            for f, t in re.findall(r"\{ 0x([0-9A-F]+), 0x([0-9A-F]+) \}", b):
                tcvn3.setdefault(chr(int(t, 16)), chr(int(f, 16)))
        elif "vni_single" in b:
            for f, t in re.findall(r"\{ 0x([0-9A-F]+), 0x([0-9A-F]+) \}", b):
                vni.setdefault(chr(int(t, 16)), chr(int(f, 16)))
        elif "vni_pairs" in b:
            for base, mod, t in re.findall(r"\{ 0x([0-9A-F]+), 0x([0-9A-F]+), 0x([0-9A-F]+) \}", b):
                vni.setdefault(chr(int(t, 16)), chr(int(base, 16)) + chr(int(mod, 16)))
    return tcvn3, vni


TCVN3, VNI = legacy_maps()


def encode(text, table):
    return "".join(table.get(c, c) for c in text)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


RSIDS = ["00A41C2E", "005D7F11", "00C93B04", "0012E8A7"]


def run(text, font=None, rsid=0, bold=False, deleted=False):
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
    if bold:
        props += "<w:b/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    tag = "w:delText" if deleted else "w:t"
    parts = text.split("\n")
    body = '<w:br/>'.join(f'<{tag} xml:space="preserve">{esc(p)}</{tag}>' for p in parts)
    return f'<w:r w:rsidRPr="{RSIDS[rsid % 4]}">{rpr}{body}</w:r>'


def word_runs(text, font=None, n=0):
    """`text` as Word leaves it after editing: split into runs by revision
    ids, a spell-check mark around a word and a bookmark."""
    words = text.split(" ")
    if len(words) < 3:
        return run(text, font, n)
    a = " ".join(words[:1]) + " "
    b = words[1]
    c = " " + " ".join(words[2:])
    return (run(a, font, n) + '<w:proofErr w:type="spellStart"/>' + run(b, font, n + 1) +
            '<w:proofErr w:type="spellEnd"/>' + f'<w:bookmarkStart w:id="{n}" w:name="_GoBack"/>' +
            run(c, font, n + 2) + f'<w:bookmarkEnd w:id="{n}"/>')


def para(inner="", num=False, jc=None):
    ppr = ""
    if num:
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return f'<w:p w:rsidR="00A41C2E" w:rsidRDefault="005D7F11">{ppr}{inner}</w:p>'


def cell(*paras, span=1, vmerge=None, width=1500):
    tcpr = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    body = "".join(paras) or para()
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>"


def row(*cells, header=False):
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f'<w:tr w:rsidR="00C93B04">{trpr}{"".join(cells)}</w:tr>'


def table(ncols, *rows):
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in range(ncols))
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>'
            '<w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
            '<w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>'
            f'</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def text_cell(s, **kw):
    return cell(*(para(word_runs(p)) for p in s.split("\n\n")), **kw)


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                 '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                 '</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '</Relationships>')
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def write_docx(name, body):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
           '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/></w:sectPr></w:body></w:document>')
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
             ("word/document.xml", doc), ("word/_rels/document.xml.rels", DOC_RELS),
             ("word/numbering.xml", NUMBERING)]
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def p_text(s, **kw):
    return para(word_runs(s), **kw)


HEAD_TT = ["Stt", "Đơn vị", "Địa chỉ", "Người đứng đầu; phụ trách đơn vị", "Điển hình thuộc lĩnh vực",
           "Các giải pháp thực hiện xây dựng, nhân rộng điển hình (nêu khái quát)", "Ghi chú"]
HEAD_CN = ["Stt", "Họ và tên", "Chức vụ; đơn vị công tác; địa chỉ nơi cư trú", "Điển hình thuộc lĩnh vực",
           "Các giải pháp của cá nhân đăng ký thực hiện (nêu khái quát)", "Ghi chú"]
SENTENCE = ("Thực hiện Hướng dẫn số 2533/HD-UBND, ngày 02/7/2024 của Ủy ban nhân dân tỉnh về xây dựng và "
            "nhân rộng các mô hình tiêu biểu, điển hình tiên tiến trên địa bàn tỉnh Lai Châu, ")
TITLE = "Xây dựng và nhân rộng các mô hình tiêu biểu, điển hình tiên tiến trên địa bàn tỉnh Lai Châu"


def header_row(names, repeat=True):
    return row(*(cell(para(run(n, bold=True), jc="center")) for n in names), header=repeat)


def numbered():
    return cell(para(num=True))


def legacy_cell(text, font, table, upper=False):
    enc = encode(text.lower() if upper else text, table)
    return cell(para(run(enc[:7], font, 1) + '<w:proofErr w:type="gramStart"/>' + run(enc[7:], font, 2) +
                     '<w:proofErr w:type="gramEnd"/>'))


def word_form():
    heading = table(2,
        row(cell(p_text("UBND HUYỆN PHONG THỔ"), p_text("TRUNG TÂM VĂN HÓA, THỂ THAO VÀ TRUYỀN THÔNG"), para()),
            cell(p_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p_text("Độc lập - Tự do - Hạnh phúc"))),
        row(cell(para(run("Số: ", rsid=1) + run("08/ĐK-TTVH", rsid=2))),
            cell(para(run("Phong Thổ, ngày ") + run("18", rsid=3) + run(" tháng 7 năm 2024")))))
    sentence = para(run(SENTENCE) +
                    '<w:del w:id="11" w:author="Văn thư" w:date="2024-07-18T08:00:00Z">' +
                    run("Trung tâm Văn hóa huyện", deleted=True) + "</w:del>" +
                    '<w:ins w:id="12" w:author="Văn thư" w:date="2024-07-18T08:00:00Z">' +
                    run("Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong Thổ", rsid=2) + "</w:ins>" +
                    run(" đăng ký thực hiện như sau:", rsid=3))
    tt = table(7,
        header_row(HEAD_TT),
        row(*(cell(para(run(f"({i})"), jc="center")) for i in range(1, 8))),
        row(numbered(), text_cell("Đội Thông tin lưu động huyện Phong Thổ"),
            legacy_cell("Tổ 5, thị trấn Phong Thổ", ".VnTime", TCVN3),
            text_cell("Lò Văn Páo - Đội trưởng"), text_cell("Văn hóa cơ sở"),
            text_cell("Xây dựng 12 chương trình lưu động mỗi năm.\n\nPhối hợp với các xã tổ chức liên hoan văn nghệ."),
            cell(para())),
        row(numbered(), *(cell(para(run("……………"))) for _ in range(6))),
        row(numbered(), *(cell(para()) for _ in range(6))))
    ghi_chu = cell(para(
        '<w:ins w:id="21" w:author="Văn thư" w:date="2024-07-18T08:00:00Z">' + run("Đạt giải A hội diễn 2023") +
        '</w:ins><w:del w:id="22" w:author="Văn thư" w:date="2024-07-18T08:00:00Z">' +
        run("Chưa có", deleted=True) + "</w:del>"))
    cn = table(6,
        header_row(HEAD_CN),
        row(numbered(), text_cell("Sùng A Chứ"),
            cell(para(run("Viên chức; Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong Thổ;\nBản Pa So, xã Ma Li Pho"))),
            text_cell("Thể dục thể thao", vmerge="restart"), text_cell("Huấn luyện đội bóng chuyền nữ của huyện."),
            cell(para())),
        row(numbered(), legacy_cell("Lò Thị Mai", "VNI-Times", VNI),
            legacy_cell("Diễn viên; Đội Thông tin lưu động; Tổ 3, thị trấn Phong Thổ", "VNI-Times", VNI),
            cell(para(), vmerge="continue"), text_cell("Sưu tầm 20 làn điệu dân ca Hà Nhì."), ghi_chu),
        header_row(HEAD_CN, repeat=False),
        row(numbered(), cell(para()), text_cell("Chuyên viên; Trung tâm; Bản Mồ Sì San"), text_cell("Văn hóa"),
            cell(para()), cell(para())),
        row(numbered(), text_cell("Nguyễn Văn Hùng"), text_cell("Phó Giám đốc Trung tâm"), text_cell("Du lịch"),
            text_cell("Quảng bá điểm du lịch cộng đồng Sín Súi Hồ."),
            legacy_cell("Đề nghị khen thưởng", ".VnTimeH", TCVN3, upper=True)),
        row(numbered(), text_cell("Phàn Thị Lan"),
            text_cell("Hướng dẫn viên; Trung tâm Văn hóa, Thể thao và Truyền thông huyện Phong Thổ; Bản Sin Suối Hồ"),
            text_cell("Du lịch cộng đồng", span=2), cell(para())))
    sign = table(2, row(
        cell(p_text("Nơi nhận:"), p_text("- Văn phòng Sở Văn hóa, Thể thao và Du lịch;"), p_text("- Lưu: VT.")),
        cell(p_text("GIÁM ĐỐC"), p_text("(Ký, ghi rõ họ và tên, đóng dấu)"), para(), para(), p_text("Vàng A Dế"))))
    return (heading + para() + p_text("BIỂU ĐĂNG KÝ") + p_text(TITLE) + sentence + p_text("I. TẬP THỂ") + tt +
            para() + p_text("II. CÁ NHÂN") + cn + para() + sign)


def seed_annex():
    tt = table(7, row(*(cell(para(run(n))) for n in HEAD_TT)),
        row(text_cell("1"), text_cell("Thư viện huyện Sìn Hồ"), text_cell("Thị trấn Sìn Hồ"),
            text_cell("Tẩn Thị Mẩy - Phụ trách"), text_cell("Thư viện"),
            text_cell("Luân chuyển sách về các điểm trường."), cell(para())))
    cn = table(6, row(*(cell(para(run(n))) for n in HEAD_CN)),
        row(text_cell("1"), text_cell("Lý A Phử"),
            text_cell("Chuyên viên; Phòng Văn hóa và Thông tin huyện Sìn Hồ; Bản Nậm Tăm, xã Nậm Tăm"),
            text_cell("Văn hóa cơ sở"), text_cell("Xây dựng hương ước, quy ước ở 5 bản."), cell(para())),
        row(text_cell("2"), text_cell("Lò Văn Hương"), text_cell("Chuyên viên; Phòng Văn hóa và Thông tin"),
            text_cell("Gia đình"), text_cell("Tuyên truyền phòng chống bạo lực gia đình."), cell(para())))
    return (p_text("PHÒNG VĂN HÓA VÀ THÔNG TIN HUYỆN SÌN HỒ") + p_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") +
            p_text("Độc lập - Tự do - Hạnh phúc") + p_text("Sìn Hồ, ngày 20 tháng 7 năm 2024") +
            p_text("BIỂU ĐĂNG KÝ") + p_text(TITLE) +
            para(run(SENTENCE + "Phòng Văn hóa và Thông tin huyện Sìn Hồ đăng ký thực hiện như sau:")) +
            p_text("I. TẬP THỂ") + tt + p_text("II. CÁ NHÂN") + cn + p_text("Nơi nhận:") +
            p_text("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ") + p_text("(Ký, ghi rõ họ và tên, đóng dấu)") + para() +
            p_text("Lý Văn Sơn"))


def retyped():
    """A unit's own copy, typed again: its own title and sentence, "Số" with
    no colon, a numeric date, one table for both kinds with section rows, a
    two-row header (the last three columns under "Thông tin đăng ký"), the
    individuals' fields in columns of their own, a signer's title of its own."""
    def span_cell(text, span):
        return cell(para(run(text, bold=True)), span=span)
    head1 = row(cell(para(run("Stt")), vmerge="restart"), cell(para(run("Tên tập thể")), vmerge="restart"),
                cell(para(run("Địa chỉ")), vmerge="restart"), cell(para(run("Người đứng đầu")), vmerge="restart"),
                span_cell("Thông tin đăng ký", 3), header=True)
    head2 = row(cell(para(), vmerge="continue"), cell(para(), vmerge="continue"), cell(para(), vmerge="continue"),
                cell(para(), vmerge="continue"), text_cell("Lĩnh vực"), text_cell("Giải pháp"), text_cell("Ghi chú"),
                header=True)
    cn_head = row(*(text_cell(t) for t in ["TT", "Họ tên", "Chức vụ", "Đơn vị công tác", "Nơi cư trú", "Lĩnh vực",
                                           "Giải pháp"]))
    both = table(7,
        row(text_cell("I. Tập thể", span=7)), head1, head2,
        row(text_cell("1"), text_cell("Thư viện huyện Tam Đường"), text_cell("Thị trấn Tam Đường"),
            text_cell("Lò Thị Hoa"), text_cell("Thư viện"), text_cell("Xe sách lưu động về bản."), cell(para())),
        row(text_cell("II. Cá nhân", span=7)), cn_head,
        row(text_cell("1"), text_cell("Tẩn Văn Chỉn"), text_cell("Thủ thư"), text_cell("Thư viện huyện Tam Đường"),
            text_cell("Bản Bình Lư"), text_cell("Thư viện"), text_cell("Đọc sách cho trẻ em mỗi tuần.")))
    return (p_text("UBND HUYỆN TAM ĐƯỜNG") + p_text("PHÒNG VĂN HÓA VÀ THÔNG TIN") + p_text("Số 05/ĐK-VHTT") +
            p_text("Tam Đường, ngày 19/7/2024") + p_text("BIỂU ĐĂNG KÝ ĐIỂN HÌNH TIÊN TIẾN NĂM 2024") +
            para(run("Phòng Văn hóa và Thông tin huyện Tam Đường đăng ký thực hiện các mô hình như sau:")) +
            both + p_text("TRƯỞNG PHÒNG") + p_text("(Ký tên, đóng dấu)") + p_text("Tẩn Láo Lở"))


def main():
    os.makedirs(OUT, exist_ok=True)
    write_docx("word-form.docx", word_form())
    write_docx("seed-annex.docx", seed_annex())
    write_docx("retyped.docx", retyped())
    write_docx("no-table.docx", p_text("Kính gửi: Văn phòng Sở Văn hóa, Thể thao và Du lịch") +
               p_text("Đơn vị xin gửi kèm biểu đăng ký qua đường bưu điện."))
    with open(os.path.join(OUT, "old-word.doc"), "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504))
    with open(os.path.join(OUT, "scan.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    with open(os.path.join(OUT, "not-a-docx.docx"), "wb") as f:
        f.write("Biểu đăng ký (bản nháp)\n".encode("utf-8"))
    with zipfile.ZipFile(os.path.join(OUT, "no-document.docx"), "w") as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", date_time=(1980, 1, 1, 0, 0, 0)), CONTENT_TYPES)


if __name__ == "__main__":
    main()
