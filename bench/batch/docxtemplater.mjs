// The docxtemplater side of bench/batch: each unit's registration form
// (the bieu-dang-ky template) merged with docxtemplater, as vndoc batch
// merges it, on one thread.
//
//   node docxtemplater.mjs TEMPLATE.docx DATA.json [-k K] [-n N] [-w WARMUP] [-o DIR] [--records OUT.json]
//
// DATA.json is a registration file (bench/batch/generate.py); the first K
// units (default 20) are merged, N documents in all (default K, the units
// reused in turn), after WARMUP untimed ones (default min(50, N)).  Each
// document is, as docxtemplater's documentation shows,
//   new Docxtemplater(new PizZip(template), {paragraphLoop, linebreaks, parser})
//     .render(unit) then .getZip().generate({nodebuffer, DEFLATE}),
// with the unit as the innermost scope and the registration file's own
// fields (date, guidance reference) as the outer one: the record is the
// unit's fields on an object whose prototype is the top level, and the
// parser resolves plain dotted paths ({huong_dan.so}) and {$stt}, the
// 1-based position in the innermost loop (a vndoc extension).  Returning
// undefined lets docxtemplater look in the enclosing scopes (a person's
// {ten} is not found; the unit's is).
//
// -o DIR writes unit I's document to DIR/I.docx (the first K only).
// --records OUT.json writes the K records, flattened (top level, then the
// unit over it), for bench_merge, which takes one scope per document.
// Prints "docxtemplater: N docs in S s = X docs/s" on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const modules = process.env.VNDOC_BENCH_NODE_MODULES ||
  path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'merge', 'node_modules');
const PizZip = require(path.join(modules, 'pizzip'));
const Docxtemplater = require(path.join(modules, 'docxtemplater'));

function usage() {
  console.error('usage: node docxtemplater.mjs TEMPLATE.docx DATA.json [-k K] [-n N] [-w WARMUP] [-o DIR] [--records OUT.json]');
  process.exit(2);
}

const args = process.argv.slice(2);
const operands = [];
let k = 20, n = 0, warmup = -1, outDir = null, recordsOut = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '-k') k = Number(args[++i]);
  else if (a === '-n') n = Number(args[++i]);
  else if (a === '-w') warmup = Number(args[++i]);
  else if (a === '-o') outDir = args[++i];
  else if (a === '--records') recordsOut = args[++i];
  else if (a.startsWith('-')) usage();
  else operands.push(a);
}
if (operands.length !== 2 || !Number.isInteger(k) || k < 1 || !Number.isInteger(n) || n < 0) usage();

const template = fs.readFileSync(operands[0]);
const data = JSON.parse(fs.readFileSync(operands[1], 'utf8'));
const top = { ...data };
delete top.don_vi;
const units = data.don_vi.slice(0, k);
k = units.length;
if (n === 0) n = k;
if (warmup < 0) warmup = Math.min(50, n);
const records = units.map((u) => Object.assign(Object.create(top), u));
if (recordsOut) fs.writeFileSync(recordsOut, JSON.stringify(units.map((u) => ({ ...top, ...u }))));

function parser(tag) {
  const t = tag.trim();
  if (t === '.') return { get: (scope) => scope };
  if (t === '$stt' || t === '$index') {
    const base = t === '$stt' ? 1 : 0;
    return {
      get(scope, context) {
        const idx = context.scopePathItem;
        return idx.length ? idx[idx.length - 1] + base : undefined;
      },
    };
  }
  const keys = t.split('.');
  return {
    get(scope) {
      let v = scope;
      for (const key of keys) {
        if (v === null || v === undefined || typeof v !== 'object') return undefined;
        v = v[key];
      }
      return v;
    },
  };
}

const options = { paragraphLoop: true, linebreaks: true, parser, nullGetter: () => '' };

function mergeOne(record) {
  const doc = new Docxtemplater(new PizZip(template), options);
  doc.render(record);
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

if (outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  records.forEach((r, i) => fs.writeFileSync(path.join(outDir, `${String(i + 1).padStart(5, '0')}.docx`), mergeOne(r)));
}
for (let i = 0; i < warmup; i++) mergeOne(records[i % k]);
const t0 = process.hrtime.bigint();
let bytes = 0;
for (let i = 0; i < n; i++) bytes += mergeOne(records[i % k]).length;
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.error(`docxtemplater: ${k} units, average document ${Math.round(bytes / n)} bytes`);
console.log(`docxtemplater: ${n} docs in ${s.toFixed(3)} s = ${(n / s).toFixed(1)} docs/s`);
