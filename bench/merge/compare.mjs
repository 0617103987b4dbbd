// Compares the text of two merged documents paragraph by paragraph
// (word/document.xml and word/footer1.xml: w:t text as Word reads it, "\t"
// for w:tab, "\n" for w:br), to check that vndoc and docxtemplater did the
// same work.
//   node compare.mjs A.docx B.docx    -> exit 0 when equal, 1 otherwise
import fs from 'node:fs';
import PizZip from 'pizzip';

const ENT = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s) => s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    : (ENT[e] ?? m));

export function paragraphs(xml) {
  const out = [];
  let cur = null;
  let inT = false;
  let preserve = false;
  const re = /<(\/?)w:(p|t|tab|br)(?=[\s/>])([^>]*?)(\/?)>|([^<]+)|<[^>]*>/g;
  for (const m of xml.matchAll(re)) {
    const [, close, name, attrs, empty, text] = m;
    if (text !== undefined) {
      // Without xml:space="preserve", Word and LibreOffice drop the
      // white space at the ends of a w:t ("15 tháng" would read "15tháng").
      if (inT && cur !== null) cur += preserve ? decode(text) : decode(text).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    } else if (name === 'p') {
      if (!close) { cur = ''; if (empty) { out.push(''); cur = null; } }
      else { out.push(cur ?? ''); cur = null; }
    } else if (name === 't') {
      inT = !close && !empty;
      preserve = inT && /xml:space\s*=\s*["']preserve["']/.test(attrs);
    } else if (name === 'tab' && !close && cur !== null) {
      cur += '\t';
    } else if (name === 'br' && !close && cur !== null) {
      cur += '\n';
    }
  }
  return out;
}

function docText(file) {
  const zip = new PizZip(fs.readFileSync(file));
  const parts = ['word/document.xml', 'word/footer1.xml'];
  return parts.flatMap((p) => (zip.file(p) ? paragraphs(zip.file(p).asText()) : []));
}

if (process.argv[1] && process.argv[1].endsWith('compare.mjs')) {
  const [a, b] = process.argv.slice(2);
  const pa = docText(a);
  const pb = docText(b);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    if (pa[i] !== pb[i]) {
      console.error(`compare.mjs: paragraph ${i + 1} differs:\n  ${a}: ${JSON.stringify(pa[i])}\n  ${b}: ${JSON.stringify(pb[i])}`);
      process.exit(1);
    }
  }
  console.error(`compare.mjs: same text (${n} paragraphs)`);
}
