// The docxtemplater side of bench/merge: the same template and records as
// bench_merge, merged one after the other on one thread.
//
//   node docxtemplater.mjs TEMPLATE.docx DATA.json [-n N] [-w WARMUP] [-o DIR] [--expressions]
//
// DATA.json is a JSON array of records; each document is one record (the
// first N, cycling if N is larger).  The template file is read once; every
// document is, as docxtemplater's documentation shows,
//   new Docxtemplater(new PizZip(template), {paragraphLoop, linebreaks})
//     .render(record) then .getZip().generate({nodebuffer, DEFLATE}).
// Dotted tags ({don_vi.ten}) need a parser in docxtemplater (vndoc has
// them built in): the one below resolves plain dotted paths, the cheapest
// parser that merges this template as vndoc does.  --expressions uses
// docxtemplater's expressions parser instead (docxtemplater/expressions.js,
// angular-expressions), as its documentation sets it up, with vndoc's
// filters added to it (filters-vn.mjs): for the template with expressions.
// Prints "docxtemplater: N docs in S s = X docs/s" on stdout.
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import expressionParser from 'docxtemplater/expressions.js';
import { installFilters } from './filters-vn.mjs';

function usage() {
  console.error('usage: node docxtemplater.mjs TEMPLATE.docx DATA.json [-n N] [-w WARMUP] [-o DIR] [--expressions]');
  process.exit(2);
}

const args = process.argv.slice(2);
const operands = [];
let n = 0;
let warmup = -1;
let outDir = null;
let expressions = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-n') n = Number(args[++i]);
  else if (a === '-w') warmup = Number(args[++i]);
  else if (a === '-o') outDir = args[++i];
  else if (a === '--expressions') expressions = true;
  else if (a.startsWith('-')) usage();
  else operands.push(a);
}
if (operands.length !== 2 || !Number.isInteger(n) || n < 0) usage();

const template = fs.readFileSync(operands[0]);
let records = JSON.parse(fs.readFileSync(operands[1], 'utf8'));
if (!Array.isArray(records)) records = [records];
if (records.length === 0) {
  console.error('docxtemplater.mjs: no records');
  process.exit(1);
}
if (n === 0) n = records.length;
if (warmup < 0) warmup = Math.min(50, n);
if (outDir) fs.mkdirSync(outDir, { recursive: true });

// Plain dotted paths: "a.b.c"; "." is the scope itself.  Returning
// undefined lets docxtemplater look in the enclosing scopes.
function pathParser(tag) {
  const t = tag.trim();
  if (t === '.') return { get: (scope) => scope };
  const keys = t.split('.');
  return {
    get(scope) {
      let v = scope;
      for (const k of keys) {
        if (v === null || v === undefined || typeof v !== 'object') return undefined;
        v = v[k];
      }
      return v;
    },
  };
}

if (expressions) installFilters(expressionParser.filters);
const options = {
  paragraphLoop: true,
  linebreaks: true,
  parser: expressions ? expressionParser : pathParser,
  nullGetter: () => '',
};

function mergeOne(record) {
  const doc = new Docxtemplater(new PizZip(template), options);
  doc.render(record);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// Warm-up (not timed): lets V8 compile the hot paths, as a long-running
// server would have.
for (let i = 0; i < warmup; i++) mergeOne(records[i % records.length]);

let bytes = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  const buf = mergeOne(records[i % records.length]);
  bytes += buf.length;
  if (outDir) fs.writeFileSync(path.join(outDir, `${String(i + 1).padStart(5, '0')}.docx`), buf);
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const rss = process.resourceUsage().maxRSS; // kB
console.log(`docxtemplater: ${n} docs in ${secs.toFixed(3)} s = ${(n / secs).toFixed(1)} docs/s`);
console.error(`docxtemplater: average output ${Math.round(bytes / n)} bytes, warm-up ${warmup} docs, self-reported peak RSS ${rss} kB`);
