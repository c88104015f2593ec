import { Runtime } from '../evaluator/runtime';
import { Value } from '../values/values';
import { table } from './types';
import { arr, err, num, str } from './util';

/**
 * Dates are strings, as in the reference: RFC 3339 (`2022-01-01T00:00:00Z`) in and out.
 * Timezone arithmetic uses the JS Intl API (no I/O); the zone is per run (setTimezone).
 */
interface Instant {
  /** epoch milliseconds */
  ms: number;
  /** offset of the source text in minutes (0 for Z / no zone) */
  off: number;
}

const pad = (n: number, w = 2): string => String(Math.abs(Math.trunc(n))).padStart(w, '0');

function fields(ms: number, off: number) {
  const d = new Date(ms + off * 60000);
  return {
    Y: d.getUTCFullYear(),
    M: d.getUTCMonth() + 1,
    D: d.getUTCDate(),
    h: d.getUTCHours(),
    m: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    wd: d.getUTCDay(),
  };
}

/** Calendar fields of an instant in the zone it was written in (Go keeps the parsed location). */
function local(t: Instant) {
  return fields(t.ms, t.off);
}

function zoneText(off: number): string {
  if (off === 0) return 'Z';
  const a = Math.abs(off);
  return `${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** RFC 3339 with whole seconds (Go time.RFC3339). */
export function rfc3339(ms: number, off = 0): string {
  const f = fields(ms, off);
  return `${pad(f.Y, 4)}-${pad(f.M)}-${pad(f.D)}T${pad(f.h)}:${pad(f.m)}:${pad(f.s)}${zoneText(off)}`;
}

/** Formats with the reference's tokens YYYY YY MM DD HH mm ss. */
export function formatWith(ms: number, off: number, format: string): string {
  const f = fields(ms, off);
  return format.replace(/YYYY|YY|MM|DD|HH|mm|ss/g, (t) => {
    switch (t) {
      case 'YYYY':
        return pad(f.Y, 4);
      case 'YY':
        return pad(f.Y % 100);
      case 'MM':
        return pad(f.M);
      case 'DD':
        return pad(f.D);
      case 'HH':
        return pad(f.h);
      case 'mm':
        return pad(f.m);
      default:
        return pad(f.s);
    }
  });
}

function valid(Y: number, M: number, D: number, h = 0, m = 0, s = 0): boolean {
  if (M < 1 || M > 12 || D < 1 || h > 23 || m > 59 || s > 60) return false;
  return D <= daysIn(Y, M);
}

function daysIn(Y: number, M: number): number {
  return new Date(Date.UTC(Y, M, 0)).getUTCDate();
}

const RE_RFC = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/;
const RE_YMD_T = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})$/;
const RE_YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const RE_MDY = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/;
const RE_YMD_SLASH = /^(\d{4})\/(\d{2})\/(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

function mk(Y: number, M: number, D: number, h = 0, m = 0, s = 0, frac = 0, off = 0): Instant | null {
  if (!valid(Y, M, D, h, m, s)) return null;
  return { ms: Date.UTC(Y, M - 1, D, h, m, s) + frac - off * 60000, off };
}

/** The reference's parseDate: RFC 3339 and a few common layouts, else an error. */
export function parseInstant(text: string): Instant | null {
  let r = RE_RFC.exec(text);
  if (r) {
    let off = 0;
    if (r[8] !== 'Z' && r[8] !== 'z')
      off = (r[8][0] === '-' ? -1 : 1) * (Number(r[8].slice(1, 3)) * 60 + Number(r[8].slice(4, 6)));
    const frac = r[7] ? Math.round(Number('0' + r[7]) * 1000) : 0;
    return mk(+r[1], +r[2], +r[3], +r[4], +r[5], +r[6], frac, off);
  }
  if ((r = RE_YMD_T.exec(text))) return mk(+r[1], +r[2], +r[3], +r[4], +r[5], +r[6]);
  if ((r = RE_YMD.exec(text))) return mk(+r[1], +r[2], +r[3]);
  if ((r = RE_MDY.exec(text))) return mk(+r[3], +r[1], +r[2], +(r[4] ?? 0), +(r[5] ?? 0), +(r[6] ?? 0));
  if ((r = RE_YMD_SLASH.exec(text))) return mk(+r[1], +r[2], +r[3], +(r[4] ?? 0), +(r[5] ?? 0), +(r[6] ?? 0));
  if ((r = /^(\d{4})-(\d{2})-(\d{2})/.exec(text))) return mk(+r[1], +r[2], +r[3]);
  return null;
}

function dateArg(v: Value, who: string): Instant {
  const s = str(v, who, 'date');
  const t = parseInstant(s);
  return t ?? err(`could not parse date: ${s}`);
}

/** Parses text with a reference format (YYYY MM DD HH mm ss); `zoneOff` gives the offset of a zone. */
function parseWithFormat(text: string, format: string, zoneOff?: (wallMs: number) => number): Instant | null {
  const order: string[] = [];
  const re = format.replace(/YYYY|YY|MM|DD|HH|mm|ss|[.*+?^${}()|[\]\\]/g, (t) => {
    if (t.length === 1) return '\\' + t;
    order.push(t);
    return t === 'YYYY' ? '(\\d{4})' : '(\\d{2})';
  });
  const r = new RegExp('^' + re + '$').exec(text);
  if (!r) return null;
  const v: Record<string, number> = { YYYY: 1970, MM: 1, DD: 1, HH: 0, mm: 0, ss: 0 };
  order.forEach((t, i) => {
    v[t === 'YY' ? 'YYYY' : t] = t === 'YY' ? 2000 + Number(r[i + 1]) : Number(r[i + 1]);
  });
  const wall = mk(v['YYYY'], v['MM'], v['DD'], v['HH'], v['mm'], v['ss']);
  if (!wall || !zoneOff) return wall;
  const off = zoneOff(wall.ms);
  return { ms: wall.ms - off * 60000, off };
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(zone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return err(`invalid timezone: unknown time zone ${zone}`);
    }
    // the cache is shared by every run in the process, and Intl accepts a zone in any letter
    // case: a run trying case variants must not grow it without end
    if (dtfCache.size >= 1000) dtfCache.clear();
    dtfCache.set(zone, f);
  }
  return f;
}

/** Offset (minutes) of a zone at an instant. */
export function zoneOffset(zone: string, ms: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const parts = zoneFormat(zone).formatToParts(new Date(ms));
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(g('year'), g('month') - 1, g('day'), g('hour') % 24, g('minute'), g('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/** Offset for a wall-clock time in a zone (two-pass to land on the right side of DST). */
function wallOffset(zone: string, wallMs: number): number {
  let off = zoneOffset(zone, wallMs);
  off = zoneOffset(zone, wallMs - off * 60000);
  return off;
}

function addUnit(t: Instant, unit: string, n: number): number {
  const f = fields(t.ms, t.off);
  const base = (Y: number, M: number, D: number) =>
    Date.UTC(Y, M - 1, D, f.h, f.m, f.s) + (t.ms % 1000) - t.off * 60000;
  switch (unit.toLowerCase()) {
    case 'year':
    case 'years':
      return base(f.Y + n, f.M, f.D);
    case 'month':
    case 'months':
      return base(f.Y, f.M + n, f.D);
    case 'week':
    case 'weeks':
      return t.ms + n * 7 * 86400000;
    case 'day':
    case 'days':
      return t.ms + n * 86400000;
    case 'hour':
    case 'hours':
      return t.ms + n * 3600000;
    case 'minute':
    case 'minutes':
      return t.ms + n * 60000;
    case 'second':
    case 'seconds':
      return t.ms + n * 1000;
    default:
      return err(`unknown interval type: ${unit}`);
  }
}

function diffUnit(unit: string, a: Instant, b: Instant): number {
  const fa = fields(a.ms, 0);
  const fb = fields(b.ms, 0);
  const d = b.ms - a.ms;
  switch (unit.toLowerCase()) {
    case 'year':
    case 'years':
      return fb.Y - fa.Y;
    case 'month':
    case 'months':
      return (fb.Y - fa.Y) * 12 + (fb.M - fa.M);
    case 'week':
    case 'weeks':
      return d / (7 * 86400000);
    case 'day':
    case 'days':
      return d / 86400000;
    case 'hour':
    case 'hours':
      return d / 3600000;
    case 'minute':
    case 'minutes':
      return d / 60000;
    case 'second':
    case 'seconds':
      return d / 1000;
    default:
      return err(`unknown interval type: ${unit}`);
  }
}

function yearFraction(a: Instant, b: Instant, convention: string): number {
  if (b.ms < a.ms) err('endDate must not be before startDate');
  const days = (b.ms - a.ms) / 86400000;
  switch (convention.toLowerCase()) {
    case 'actual/360':
      return days / 360;
    case 'actual/365':
      return days / 365;
    case 'actual/actual': {
      const y = fields(a.ms, 0).Y;
      return days / ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);
    }
    case '30/360': {
      const fa = fields(a.ms, 0);
      const fb = fields(b.ms, 0);
      let d1 = fa.D;
      let d2 = fb.D;
      if (d1 === 31) d1 = 30;
      if (d2 === 31 && d1 === 30) d2 = 30;
      return (360 * (fb.Y - fa.Y) + 30 * (fb.M - fa.M) + (d2 - d1)) / 360;
    }
    default:
      return err(`unsupported day count convention: ${convention}`);
  }
}

/** The holidays' dates; each parse is charged to the run like a made date (dateSchedule). */
function holidaySet(v: Value | undefined, rt: Runtime): Set<string> {
  const s = new Set<string>();
  if (v === undefined) return s;
  const list = arr(v, 'holidays');
  rt.charge(list.length * 16);
  for (const h of list) {
    const t = typeof h === 'string' ? parseInstant(h) : null;
    if (t) s.add(rfc3339(t.ms).slice(0, 10));
  }
  return s;
}

function isBusiness(ms: number, holidays: Set<string>): boolean {
  const wd = new Date(ms).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidays.has(rfc3339(ms).slice(0, 10));
}

function nowText(rt: Runtime): string {
  return rfc3339(Math.floor(rt.host.now() / 1000) * 1000);
}

export const DATE_BUILTINS = table('dates', [
  ['now', 0, 0, 'Current UTC date and time as an RFC 3339 string.', (_a, rt) => nowText(rt)],
  [
    'today',
    0,
    0,
    'Current date in the run timezone as YYYY-MM-DD.',
    (_a, rt) => {
      const ms = rt.host.now();
      return formatWith(ms, zoneOffset(rt.timezone, ms), 'YYYY-MM-DD');
    },
  ],
  [
    'date',
    1,
    3,
    'date(text) or date(year, month, day): an RFC 3339 UTC date.',
    (a) => {
      if (a.length === 1) {
        const t = dateArg(a[0], 'date');
        return rfc3339(t.ms);
      }
      if (a.length !== 3)
        return err('date requires either 1 string argument or 3 numeric arguments (year, month, day)');
      if (typeof a[0] !== 'number' || typeof a[1] !== 'number' || typeof a[2] !== 'number')
        return err('year, month, and day must all be numbers');
      return rfc3339(Date.UTC(a[0], a[1] - 1, a[2]));
    },
  ],
  [
    'parseDate',
    1,
    2,
    'parseDate(text[, format]): Unix seconds of a date (format tokens YYYY MM DD HH mm ss).',
    (a) => {
      const s = str(a[0], 'parseDate', 'date');
      const t = a.length > 1 ? parseWithFormat(s, str(a[1], 'parseDate', 'format')) : parseInstant(s);
      if (!t) return err(`could not parse date: ${s}`);
      return Math.floor(t.ms / 1000);
    },
  ],
  [
    'formatDate',
    1,
    2,
    'formatDate(date[, format]): formats a date (tokens YYYY YY MM DD HH mm ss).',
    (a) => {
      const t = dateArg(a[0], 'formatDate');
      // the reference's default layout has a literal Z: wall-clock time of the parsed zone
      if (a.length < 2) return formatWith(t.ms, t.off, 'YYYY-MM-DDTHH:mm:ss') + 'Z';
      return formatWith(t.ms, t.off, str(a[1], 'formatDate', 'format'));
    },
  ],
  [
    'dateAdd',
    3,
    3,
    'dateAdd(date, unit, n): adds n years|months|weeks|days|hours|minutes|seconds.',
    (a) => {
      const t = dateArg(a[0], 'dateAdd');
      const unit = str(a[1], 'dateAdd', 'interval type');
      // Go converts the amount to an integer (AddDate / Duration) first
      return rfc3339(addUnit(t, unit, Math.trunc(num(a[2], 'dateAdd', 'value'))), t.off);
    },
  ],
  [
    'dateDiff',
    3,
    3,
    'dateDiff(unit, date1, date2): date2 − date1 in the unit.',
    (a) => diffUnit(str(a[0], 'dateDiff', 'interval type'), dateArg(a[1], 'dateDiff'), dateArg(a[2], 'dateDiff')),
  ],
  ['day', 1, 1, 'Day of the month (1–31).', (a) => local(dateArg(a[0], 'day')).D],
  ['month', 1, 1, 'Month (1–12).', (a) => local(dateArg(a[0], 'month')).M],
  ['year', 1, 1, 'Year.', (a) => local(dateArg(a[0], 'year')).Y],
  ['dayOfWeek', 1, 1, 'Day of the week, 0 = Sunday.', (a) => local(dateArg(a[0], 'dayOfWeek')).wd],
  [
    'julianDay',
    1,
    1,
    'Julian day number of a date.',
    (a) => {
      const f = fields(dateArg(a[0], 'julianDay').ms, 0);
      const q = Math.trunc((14 - f.M) / 12);
      const y = f.Y + 4800 - q;
      const m = f.M + 12 * q - 3;
      return (
        f.D +
        Math.trunc((153 * m + 2) / 5) +
        365 * y +
        Math.trunc(y / 4) -
        Math.trunc(y / 100) +
        Math.trunc(y / 400) -
        32045
      );
    },
  ],
  [
    'isDate',
    1,
    1,
    'True when the value is a string that parses as a date.',
    (a) => typeof a[0] === 'string' && parseInstant(a[0]) !== null,
  ],
  [
    'dayCount',
    3,
    3,
    'dayCount(start, end, convention): year fraction under actual/360, actual/365, actual/actual or 30/360.',
    (a) => yearFraction(dateArg(a[0], 'dayCount'), dateArg(a[1], 'dayCount'), str(a[2], 'dayCount', 'convention')),
  ],
  [
    'yearFraction',
    3,
    3,
    'yearFraction(start, end, convention): as dayCount.',
    (a) =>
      yearFraction(
        dateArg(a[0], 'yearFraction'),
        dateArg(a[1], 'yearFraction'),
        str(a[2], 'yearFraction', 'convention'),
      ),
  ],
  [
    'isBusinessDay',
    1,
    2,
    'isBusinessDay(date[, holidays]): a weekday that is not a holiday.',
    (a, rt) => isBusiness(dateArg(a[0], 'isBusinessDay').ms, holidaySet(a[1], rt)),
  ],
  [
    'nextBusinessDay',
    1,
    2,
    'nextBusinessDay(date[, holidays]): the next business day after date.',
    (a, rt) => {
      const t = dateArg(a[0], 'nextBusinessDay');
      const hs = holidaySet(a[1], rt);
      let ms = t.ms;
      do ms += 86400000;
      while (!isBusiness(ms, hs));
      return rfc3339(ms, t.off);
    },
  ],
  [
    'endOfMonth',
    1,
    1,
    'Last day of the date’s month.',
    (a) => {
      const t = dateArg(a[0], 'endOfMonth');
      const f = fields(t.ms, t.off);
      return rfc3339(Date.UTC(f.Y, f.M - 1, daysIn(f.Y, f.M)) - t.off * 60000, t.off);
    },
  ],
  [
    'isEndOfMonth',
    1,
    1,
    'True when the date is the last day of its month.',
    (a) => {
      const t = dateArg(a[0], 'isEndOfMonth');
      const f = fields(t.ms, t.off);
      return f.D === daysIn(f.Y, f.M);
    },
  ],
  [
    'dateSchedule',
    3,
    3,
    'dateSchedule(start, unit, count): array of count dates stepping by one unit.',
    (a, rt) => {
      const t = dateArg(a[0], 'dateSchedule');
      const unit = str(a[1], 'dateSchedule', 'interval type');
      const n = num(a[2], 'dateSchedule', 'count');
      // the size before the work, and each date charged as it is made (~2 µs each)
      rt.checkArrayLength(n);
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        rt.charge(16);
        out.push(rfc3339(addUnit(t, unit, i), t.off));
      }
      return out;
    },
  ],
  [
    'setTimezone',
    1,
    1,
    "Sets the run's timezone (IANA name) for localTime/utcTime/today.",
    (a, rt) => {
      const z = str(a[0], 'setTimezone', 'timezone');
      zoneFormat(z);
      rt.timezone = z;
      return z;
    },
  ],
  ['getTimezone', 0, 0, "The run's timezone.", (_a, rt) => rt.timezone],
  [
    'localTime',
    1,
    2,
    'localTime(utc[, format]): the instant in the run timezone.',
    (a, rt) => {
      const s = str(a[0], 'localTime', 'utcDateTime');
      const t = parseInstant(s);
      if (!t) return err(`could not parse UTC datetime: ${s}`);
      const off = zoneOffset(rt.timezone, t.ms);
      return a.length > 1 ? formatWith(t.ms, off, str(a[1], 'localTime', 'format')) : rfc3339(t.ms, off);
    },
  ],
  [
    'utcTime',
    1,
    2,
    'utcTime(local[, format]): a local time of the run timezone as UTC.',
    (a, rt) => {
      const s = str(a[0], 'utcTime', 'localDateTime');
      const zone = rt.timezone;
      let t: Instant | null;
      if (a.length > 1) t = parseWithFormat(s, str(a[1], 'utcTime', 'format'), (w) => wallOffset(zone, w));
      else {
        t = RE_RFC.test(s) ? parseInstant(s) : null;
        if (!t && RE_YMD_T.test(s) && s.includes('T'))
          t = parseWithFormat(s, 'YYYY-MM-DDTHH:mm:ss', (w) => wallOffset(zone, w));
      }
      if (!t) return err(`could not parse local datetime: ${s}`);
      return rfc3339(t.ms);
    },
  ],
]);
