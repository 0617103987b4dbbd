// The filters of vndoc's template language written for docxtemplater's
// expressions parser (docxtemplater/expressions.js, angular-expressions),
// for bench/merge's second template: the same results as src/tmpl/filters.c
// and filters_vn.c on the bench's data (whole numbers and halves, ISO and
// dd/mm/yyyy dates), so that both tools do the same work.  Installed as
// docxtemplater documents custom filters: expressionParser.filters.NAME = fn.
//
//   upper        'Nguyễn Văn An'   -> 'NGUYỄN VĂN AN'
//   ngay         '2024-07-15'      -> 'ngày 15 tháng 7 năm 2024'
//   ngay:place   '2024-02-05'      -> 'Lai Châu, ngày 05 tháng 02 năm 2024'
//   so           1234567.5         -> '1.234.567,5'
//   bang_chu     1205000           -> 'một triệu hai trăm linh năm nghìn'
//   bang_chu:"đồng"                -> 'Một triệu hai trăm linh năm nghìn đồng'
//   count        [a, b, c]         -> 3
//   default:x    '' / null / []    -> x
const nothing = (v) => v === undefined || v === null;

function upper(v) {
  return nothing(v) ? v : String(v).toUpperCase().normalize('NFC');
}

function count(v) {
  if (nothing(v)) return 0;
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'object') return Object.keys(v).length;
  return [...String(v)].length;
}

function dflt(v, text) {
  return nothing(v) || v === '' || (Array.isArray(v) && v.length === 0) ? text : v;
}

function so(v, prec) {
  if (nothing(v)) return v;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`so: '${v}' is not a number`);
  let digits = prec === undefined ? String(Math.abs(x)) : Math.abs(x).toFixed(prec);
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (x < 0 && /[1-9]/.test(digits) ? '-' : '') + grouped + (frac === undefined ? '' : ',' + frac);
}

const DIGIT = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function groupWords(out, g, full, le) {
  const h = Math.floor(g / 100), t = Math.floor(g / 10) % 10, u = g % 10;
  if (h || full) out.push(DIGIT[h], 'trăm');
  if (t === 0) {
    if (u && (h || full)) out.push(le ? 'lẻ' : 'linh');
  } else if (t === 1) out.push('mười');
  else out.push(DIGIT[t], 'mươi');
  if (!u) return;
  if (u === 1 && t >= 2) out.push('mốt');
  else if (u === 5 && t >= 1) out.push('lăm');
  else out.push(DIGIT[u]);
}

function belowBillion(out, n, full, ngan, le) {
  const groups = [Math.floor(n / 1e6), Math.floor(n / 1000) % 1000, n % 1000];
  const unit = ['triệu', ngan ? 'ngàn' : 'nghìn', ''];
  for (let i = 0; i < 3; i++) {
    if (!groups[i]) continue;
    groupWords(out, groups[i], full, le);
    if (i < 2) out.push(unit[i]);
    full = true;
  }
}

function numberWords(out, n, ngan, le) {
  if (n === 0) return out.push('không');
  if (n >= 1e9) {
    numberWords(out, Math.floor(n / 1e9), ngan, le);
    out.push('tỷ');
    if (n % 1e9) belowBillion(out, n % 1e9, true, ngan, le);
    return;
  }
  belowBillion(out, n, false, ngan, le);
}

function bangChu(v, ...opts) {
  const dong = opts.includes('đồng'), ngan = opts.includes('ngàn'), le = opts.includes('lẻ');
  if (nothing(v)) return v;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`bang_chu: '${v}' is not a number`);
  const out = [];
  if (x < 0 && (x <= -1 || !dong)) out.push('âm');
  const whole = Math.floor(Math.abs(x));
  numberWords(out, whole, ngan, le);
  if (!dong && Math.abs(x) !== whole) {
    const frac = String(Math.abs(x)).split('.')[1];
    if (frac) {
      out.push('phẩy');
      let i = 0;
      for (; frac[i] === '0'; i++) out.push('không');
      if (i < frac.length) numberWords(out, Number(frac.slice(i)), ngan, le);
    }
  }
  if (dong) out.push('đồng');
  const s = out.join(' ');
  return dong ? s[0].toUpperCase() + s.slice(1) : s;
}

function parseDate(s) {
  let m;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s))) return [+m[3], +m[2], +m[1]];
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) return [+m[1], +m[2], +m[3]];
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return [0, +m[2], +m[1]];
  if ((m = /^(\d{1,2})\/(\d{4})$/.exec(s))) return [0, +m[1], +m[2]];
  if ((m = /^(\d{4})$/.exec(s))) return [0, 0, +m[1]];
  throw new Error(`ngay: '${s}' is not a date`);
}

function ngay(v, ...place) {
  const nd30 = place.length > 0;
  const [d, m, y] = nothing(v) || v === '' ? [0, 0, 0] : parseDate(String(v));
  const pad = (n, below) => (nd30 && n < below ? '0' + n : String(n));
  const prefix = nd30 && place[0] ? `${place[0]}, ` : '';
  return `${prefix}ngày ${d ? pad(d, 10) : '....'} tháng ${m ? pad(m, 3) : '....'} năm ${y || '....'}`;
}

export function installFilters(filters) {
  Object.assign(filters, { upper, count, default: dflt, so, bang_chu: bangChu, ngay });
}
