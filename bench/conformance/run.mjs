// bench/conformance/run.mjs: merges docxtemplater's e2e fixtures (exported
// by export.cjs) with vndoc and compares with what each expects.
//
//   node run.mjs FIXTURES.json VNDOC WORKDIR [-v]
//
// Each fixture's XML is wrapped in a package (a w:document around it, a
// paragraph and run around bare w:t, a table around bare rows), merged with
// `vndoc merge`, and the body unwrapped again.  Expected XML is compared
// after two normalizations that do not change what Word shows:
// xml:space="preserve" is ignored and <w:t></w:t> is <w:t/>.  Expected
// errors compare by kind (docxtemplater's error id against vndoc's message)
// and number.  Missing values: docxtemplater's default prints "undefined"
// where vndoc prints nothing (template-language.md), so "undefined" in an
// expected text is read as nothing.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PizZip = require('pizzip');

const [fixturesPath, vndoc, work, verbose] = process.argv.slice(2);
if (!fixturesPath || !vndoc || !work) {
  console.error('usage: node run.mjs FIXTURES.json VNDOC WORKDIR [-v]');
  process.exit(2);
}
const fixtures = JSON.parse(fs.readFileSync(fixturesPath, 'utf8'));
fs.mkdirSync(work, { recursive: true });

const NS = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:o="urn:schemas-microsoft-com:office:office"',
].join(' ');
const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

// The wrappers around a fixture's XML that make it a document body.
function wrappers(content) {
  let pre = '';
  let post = '';
  if (!/<w:p[ >]/.test(content) && /<w:t[ >]/.test(content)) {
    if (/<w:r[ >]/.test(content)) { pre = '<w:p>'; post = '</w:p>'; }
    else { pre = '<w:p><w:r>'; post = '</w:r></w:p>'; }
  } else if (!/<w:tbl[ >]/.test(content) && /<w:tr[ >]/.test(content)) {
    pre = '<w:tbl>'; post = '</w:tbl>';
  }
  return { pre, post };
}

// docxtemplater's error ids and what vndoc says for each.
const ERRORS = {
  unclosed_tag: /unclosed tag/,
  unopened_tag: /unopened tag/,
  duplicate_open_tag: /unclosed tag/,
  duplicate_close_tag: /unopened tag/,
  closing_tag_does_not_match_opening_tag: /mismatched close/,
  unclosed_loop: /unclosed section/,
  unopened_loop: /closing tag without an open section/,
  unbalanced_loop_tags: /unbalanced sections/,
  loop_position_invalid: /cannot be joined/,
  scopeparser_compilation_failed: /expression|filter/,
  scopeparser_execution_failed: /expression|filter/,
  change_delimiters_invalid: /invalid delimiter tag/,
  malformed_xml: /malformed XML/,
};

// What Word shows does not change with: xml:space, empty w:t (docxtemplater
// keeps the w:t a tag was cut from, vndoc drops it), run boundaries without
// properties, white space between elements, <x></x> for <x/>.
const norm = (s) => s
  .replace(/ xml:space="preserve"/g, '')
  .replace(/<([\w:]+)((?: [^>]*)?)><\/\1>/g, '<$1$2/>')
  .replace(/<w:t\s*\/>/g, '')
  .replace(/<\/w:r>\s*<w:r>/g, '')
  .replace(/<w:r>\s*<\/w:r>/g, '')
  .replace(/(<(?!w:t[ >])[^>]*>)\s+</g, '$1<')
  .replace(/>\s+(<\/?(?!w:t[ >\/])[\w:]+)/g, '>$1');

function runOne(f, i) {
  const dir = path.join(work, String(i).padStart(3, '0'));
  fs.mkdirSync(dir, { recursive: true });
  const { pre, post } = wrappers(f.content);
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file('word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${pre}${f.content}${post}</w:body></w:document>`);
  fs.writeFileSync(path.join(dir, 'template.docx'), zip.generate({ type: 'nodebuffer' }));
  fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify(f.scope));
  const out = path.join(dir, 'out.docx');
  fs.rmSync(out, { force: true });
  const args = ['merge', path.join(dir, 'template.docx'), path.join(dir, 'data.json'), '-o', out];
  if (f.delimiters) args.push('--delimiters', `${f.delimiters.start} ${f.delimiters.end}`);
  const r = spawnSync(vndoc, args, { encoding: 'utf8' });
  const stderr = (r.stderr || '').trim();

  if (f.error) {
    if (r.status === 0) return { ok: false, why: `merged, expected error ${f.error.join(', ')}` };
    const lines = stderr.split('\n').filter((l) => l && !/template errors$|^vndoc: \d+ /.test(l));
    const ids = f.error;
    const missing = ids.filter((id) => !(ERRORS[id] && ERRORS[id].test(stderr)));
    if (missing.length) return { ok: false, why: `expected ${ids.join(', ')}, vndoc: ${lines.join(' | ')}` };
    return { ok: true };
  }
  if (r.status !== 0) return { ok: false, why: `vndoc failed: ${stderr.split('\n').join(' | ')}` };
  const xml = new PizZip(fs.readFileSync(out)).file('word/document.xml').asText();
  let body = xml.slice(xml.indexOf('<w:body>') + 8, xml.lastIndexOf('</w:body>'));
  if (body.startsWith(pre) && body.endsWith(post)) body = body.slice(pre.length, body.length - post.length);
  if (f.resultText != null) {
    const got = norm(body).replace(/^<w:t>/, '').replace(/<\/w:t>$/, '');
    const want = f.resultText.replace(/undefined/g, '');
    return got === want ? { ok: true } : { ok: false, why: `text ${JSON.stringify(got)}, expected ${JSON.stringify(want)}` };
  }
  const got = norm(body);
  const want = norm(f.result.replace(/undefined/g, ''));
  return got === want ? { ok: true } : { ok: false, why: `XML ${JSON.stringify(got)}\n      expected ${JSON.stringify(want)}` };
}

let pass = 0;
let inside = 0;
const failures = [];
const outside = {};
fixtures.forEach((f, i) => {
  if (f.outside) {
    (outside[f.outside] ||= []).push(f.it);
    return;
  }
  inside++;
  const r = runOne(f, i);
  if (r.ok) pass++;
  else failures.push(`  FAIL #${f.index} ${f.it}${f.expressions ? ' [expressions]' : ''}\n      ${r.why}`);
  if (verbose && r.ok) console.log(`  ok   #${f.index} ${f.it}`);
});
console.log(`${pass} of ${inside} fixtures inside the language pass (${fixtures.length} fixtures in docxtemplater's e2e suite)`);
for (const l of failures) console.log(l);
console.log('Outside the language:');
for (const [why, list] of Object.entries(outside).sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${list.length} ${why}${verbose ? `: ${list.join('; ')}` : ''}`);
}
process.exit(pass === inside ? 0 : 1);
