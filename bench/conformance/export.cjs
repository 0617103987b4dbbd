// bench/conformance/export.cjs: exports docxtemplater's own end-to-end
// fixtures (js/tests/e2e/fixtures.js in its npm package) as JSON, each with
// what vndoc must give and whether it is inside vndoc's template language.
//
//   node export.cjs OUT.json
//
// A fixture is inside the language unless it needs something vndoc does not
// have (the reason is recorded): PowerPoint, raw XML, dash loops, modules,
// docxtemplater's syntax options, a parser of the fixture's own, functions
// in the data, a null-getter, or paragraphLoop/linebreaks turned off (vndoc
// always has both on: the fixture is re-run with docxtemplater with them on,
// and is outside when that changes its result), XML that is not
// well-formed, and names with spaces around them in the data (docxtemplater
// without a parser looks the tag up as written, vndoc trims it).  Fixtures that check only
// docxtemplater's internals (lexed/parsed trees) have no result to compare.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const dt = path.dirname(require.resolve('docxtemplater/package.json'));
const expressionParser = require(path.join(dt, 'js/expressions.js'));
const expressionParserIE11 = require(path.join(dt, 'js/expressions-ie11.js'));
const PizZip = require('pizzip');
const Docxtemplater = require('docxtemplater');

// fixtures.js needs lodash and the test utilities (chai...): the two
// functions it uses are given here instead.
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'lodash') return { assign: Object.assign };
  if (request === '../utils.js' && parent && /e2e/.test(parent.filename)) {
    return {
      wrapMultiError(error) {
        const errors = Array.isArray(error) ? error : [error];
        return { name: 'TemplateError', message: 'Multi error', properties: { id: 'multi_error', errors } };
      },
      expect() { throw new Error('expect() is not available here'); },
    };
  }
  return load.call(this, request, parent, isMain);
};
let fixtures = require(path.join(dt, 'js/tests/e2e/fixtures.js'));
Module._load = load;

const hasFunction = (v) => {
  if (typeof v === 'function') return true;
  if (v && typeof v === 'object') return Object.values(v).some(hasFunction);
  return false;
};

// The error ids a fixture expects.
function errorIds(e) {
  if (!e || typeof e !== 'object') return ['unknown'];
  const p = e.properties || {};
  if (p.errors) return p.errors.map((x) => (x.properties && x.properties.id) || x.message);
  return [p.id || e.message];
}

function contentOf(f) {
  if (f.contentText != null) return `<w:t>${f.contentText}</w:t>`;
  if (f.contentParagraph != null) return `<w:p><w:r><w:t>${f.contentParagraph}</w:t></w:r></w:p>`;
  return f.content;
}

// docxtemplater's own result with vndoc's fixed options.
function rerun(f, content) {
  const zip = new PizZip();
  zip.file('word/document.xml', content, { createFolders: true });
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  try {
    const doc = new Docxtemplater(zip, { ...f.options, paragraphLoop: true, linebreaks: true });
    doc.render(f.scope);
    return { xml: doc.getZip().file('word/document.xml').asText() };
  } catch (e) {
    return { error: errorIds(e) };
  }
}

function classify(f, content) {
  const o = f.options || {};
  const text = content || '';
  if (f.pptx) return 'PowerPoint';
  if (/rawxml/i.test(f.it) || /\{@/.test(text)) return 'raw XML';
  if (/\{-[\w:]+ /.test(text)) return 'dash loop';
  if (o.modules) return 'modules';
  if (o.syntax || o.preserveNewlinesInTags || o.stripInvalidXMLChars) return "docxtemplater's syntax options";
  if (o.nullGetter) return 'custom nullGetter';
  if (hasFunction(f.scope)) return 'function in the data';
  if (o.parser && o.parser !== expressionParser && o.parser !== expressionParserIE11) return 'parser of its own';
  if (o.parser) {
    // JavaScript-only corners of the expressions parser.
    const plain = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const tags = plain.match(/\{[^{}]*\}/g) || [];
    if (tags.some((t) => /[\w$)\]]\s*\(/.test(t))) return 'expressions: JavaScript function calls';
    if (tags.some((t) => /(^|[^=!<>])=($|[^=])/.test(t.slice(1, -1)) && !/^\{=/.test(t)))
      return 'expressions: assignments';
    if (tags.some((t) => /\|\s*sum\b/.test(t))) return 'expressions: a filter the fixture file defines (sum)';
  }
  if (f.async || f.resolved) return 'async rendering';
  if (f.result == null && f.resultText == null && !f.error) return "checks docxtemplater's internals only";
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return 'XML that is not well-formed (docxtemplater reads it as text)';
  if (f.scope && typeof f.scope === 'object' && Object.keys(f.scope).some((k) => /^\s|\s$/.test(k)))
    return "names with spaces (docxtemplater's parser-less lookup keeps them)";
  return null;
}

const out = [];
fixtures.forEach((raw, i) => {
  let f = raw;
  if (typeof f === 'function') {
    try {
      f = f({ getDoc: () => ({ options: {} }) });
    } catch (e) {
      out.push({ index: i, it: '(generated fixture)', outside: 'fixture needs the test harness' });
      return;
    }
  }
  const content = contentOf(f);
  const entry = {
    index: i,
    it: f.it,
    content,
    scope: f.scope === undefined ? {} : f.scope,
    delimiters: f.delimiters || (f.options && f.options.delimiters) || null,
    expressions: !!(f.options && f.options.parser),
  };
  if (f.error) entry.error = typeof f.error === 'function' ? ['(checked by a function)'] : errorIds(f.error);
  else if (f.resultText != null) entry.resultText = f.resultText;
  else if (f.result != null) entry.result = f.result;
  let outside = classify(f, content);
  if (!outside && !f.error) {
    // vndoc always has paragraphLoop and linebreaks on.
    const r = rerun(f, content);
    const got = r.xml == null ? null
      : entry.resultText != null
        ? r.xml.replace(/^<w:t( xml:space="preserve")?>/, '').replace(/<\/w:t>$/, '').replace(/<w:t\/>$/, '')
        : r.xml;
    if (r.error || got !== (entry.resultText != null ? entry.resultText : entry.result))
      outside = 'needs paragraphLoop or linebreaks off (vndoc has both on)';
  }
  if (outside) entry.outside = outside;
  out.push(entry);
});

const dest = process.argv[2] || 'fixtures.json';
fs.writeFileSync(dest, JSON.stringify(out, null, 1));
console.error(`export.cjs: ${out.length} fixtures to ${dest}`);
