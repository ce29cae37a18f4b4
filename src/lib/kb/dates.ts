/**
 * Date mentions in a claim, normalized for the timeline.
 *
 * chrono-node finds the candidates; this module decides which to trust and resolves
 * the year itself. chrono is permissive (it reads "now", "the past 80 years", the verb
 * "March") and, for a month without a year, picks the *nearest* year, so "in March"
 * written in October 2025 becomes March 2026. News reports the past, so every
 * expression without an explicit year is resolved to the most recent matching date
 * on or before the reference date. Only components chrono marks as certain (read from
 * the text) are used, and all arithmetic is done in UTC on the reference date, so the
 * result depends neither on the machine's time zone nor on today's date.
 *
 * Deliberately skipped as too vague for a timeline: "today", "now", "recently", "in
 * recent months", "the past year", "the past 80 years", "5 days ago" and other spans
 * chrono resolves relative to the moment of writing. "this year"/"last year" are kept
 * (year precision), because they name one calendar year exactly.
 */
import * as chrono from 'chrono-node';
import { words } from './sentences';
import type { ClaimDate, DatePrecision } from './types';

interface Ymd {
  year: number;
  month: number;
  day: number;
}

interface Found {
  start: number;
  end: number;
  iso: string;
  precision: DatePrecision;
  relative: boolean;
}

const MONTH_WORD =
  /\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?/i;

/** "May" and "March" are also a modal and a verb; alone they count as months only after one of these. */
const MONTH_CUES = words(`
  in on since by until till from to during between and or last next early late mid of before after
  through throughout around for
`);

/** Before a bare year these prepositions leave no doubt it is a year ("since 2015 remain …"). */
const TEMPORAL_BEFORE_YEAR = words('since during until till before after throughout early late mid pre post circa');

/** Prefixes joined to a year by a hyphen ("mid-2015", "pre-2011"). */
const HYPHEN_BEFORE_YEAR = new Set(['mid', 'pre', 'post', 'early', 'late']);

/**
 * These can also introduce a count ("of 2000 fighters", "in 1500 villages"), so a year
 * after them is accepted only when no lower-case content word follows it.
 */
const AMBIGUOUS_BEFORE_YEAR = new Set(['in', 'of', 'from', 'by', 'to', 'and', 'between', 'through', 'around']);

/** Lower-case words that may follow a year without making it a count ("in 2018 between …"). */
const AFTER_YEAR_OK = words(`
  and or to until till when while as after before in on at by with which where during for but
  through amid following under against between that the a an was were is has had have onward
  onwards alone he she it they we i there this its his her their
`);

/** Dates mentioned in text[start, end), normalized to ISO with precision; relative ones resolved against referenceDate (ISO YYYY-MM-DD). */
export function extractDates(text: string, start: number, end: number, referenceDate: string): ClaimDate[] {
  const ref = parseReference(referenceDate);
  const slice = text.slice(start, end);
  const found = [...fromChrono(slice, ref), ...bareYears(slice)];
  return dropOverlaps(found).map((f) => ({
    text: slice.slice(f.start, f.end),
    start: start + f.start,
    end: start + f.end,
    iso: f.iso,
    precision: f.precision,
    relative: f.relative,
  }));
}

function parseReference(iso: string): Ymd {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`referenceDate must be YYYY-MM-DD, got "${iso}"`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function fromChrono(slice: string, ref: Ymd): Found[] {
  // Noon UTC keeps chrono's own (unused) implied values on the reference day in any zone.
  const instant = new Date(Date.UTC(ref.year, ref.month - 1, ref.day, 12));
  const results = chrono.casual.parse(slice, { instant, timezone: 0 });
  const found: Found[] = [];
  for (const r of results) {
    const span = trimSpan(slice, r.index, r.index + r.text.length);
    found.push(...interpret(slice, span, r, ref));
  }
  return found;
}

/** chrono keeps trailing punctuation ("March,"); the date as written ends before it. */
function trimSpan(slice: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  while (e > start && /[\s,;:]/.test(slice[e - 1] ?? '')) e--;
  if (slice[e - 1] === '.' && !/\b[A-Z][a-z]{2,3}\.$/.test(slice.slice(start, e))) e--;
  let s = start;
  while (s < e && /\s/.test(slice[s] ?? '')) s++;
  return { start: s, end: e };
}

function interpret(slice: string, span: { start: number; end: number }, r: chrono.ParsedResult, ref: Ymd): Found[] {
  const written = slice.slice(span.start, span.end);
  const c = r.start;
  if (c.isCertain('month') && MONTH_WORD.test(written)) {
    const ends = r.end && r.end.isCertain('month') ? [r.end] : [];
    const end = ends[0];
    const rangeEnd = end?.isCertain('year') ? { year: end.get('year') ?? 0, month: end.get('month') ?? 0 } : null;
    const first = calendarDate(slice, span, c, ref, rangeEnd);
    const rest = ends.map((e) => calendarDate(slice, span, e, ref, null));
    return [first, ...rest].filter((f): f is Found => f !== null);
  }
  // A numeric date is taken only in ISO form: "10/03/2025" is October 3 or March 10
  // depending on the writer, and chrono cannot know which.
  if (/^\d{4}-\d{2}-\d{2}$/.test(written) && c.isCertain('day')) {
    const iso = isoOf(c.get('year') ?? 0, c.get('month') ?? 0, c.get('day') ?? 0, 'day');
    return [{ ...span, iso, precision: 'day', relative: false }];
  }
  if (c.isCertain('weekday') && !c.isCertain('day')) {
    const weekday = weekdayDate(written, c.get('weekday'), ref);
    return weekday ? [{ ...span, ...weekday }] : [];
  }
  const year = calendarYear(written, ref);
  return year ? [{ ...span, ...year }] : [];
}

/** A date naming a month, with or without day and year ("Oct. 3", "in March", "December 2024"). */
function calendarDate(
  slice: string,
  whole: { start: number; end: number },
  c: chrono.ParsedComponents,
  ref: Ymd,
  rangeEnd: { year: number; month: number } | null,
): Found | null {
  // chrono takes "on" into "on 15 October 2025" but not into "on October 15, 2025"; the
  // preposition is not part of a calendar date, so it is left out of both.
  const on = /^(?:on|in)\s+/i.exec(slice.slice(whole.start, whole.end));
  const span = on ? { start: whole.start + on[0].length, end: whole.end } : whole;
  const written = slice.slice(span.start, span.end);
  const monthWord = MONTH_WORD.exec(written)?.[1] ?? '';
  // A month name in lower case is the modal "may" or the verb "march", never a date.
  if (!/^[A-Z]/.test(monthWord)) return null;
  const month = c.get('month') ?? 0;
  const hasDay = c.isCertain('day');
  const hasYear = c.isCertain('year');
  if (!hasDay && !hasYear && /^(May|March)$/i.test(monthWord) && !MONTH_CUES.has(wordBefore(slice, span.start))) {
    return null;
  }
  const precision: DatePrecision = hasDay ? 'day' : 'month';
  const day = hasDay ? (c.get('day') ?? 1) : 1;
  if (hasYear) return { ...span, iso: isoOf(c.get('year') ?? 0, month, day, precision), precision, relative: false };
  if (rangeEnd !== null) {
    // "from March to May 2025" is in 2025; "from December to February 2025" starts in 2024.
    const year = month <= rangeEnd.month ? rangeEnd.year : rangeEnd.year - 1;
    return { ...span, iso: isoOf(year, month, day, precision), precision, relative: false };
  }
  return resolveYearless(slice, span, month, hasDay ? day : null, ref);
}

/**
 * A month (and day) without a year. "last December"/"December last year" is the
 * previous year's; "next December" the coming one; otherwise the most recent such
 * date on or before the reference ("between December and April" in October 2025 is
 * December 2024 to April 2025).
 */
function resolveYearless(
  slice: string,
  span: { start: number; end: number },
  month: number,
  day: number | null,
  ref: Ymd,
): Found {
  const precision: DatePrecision = day === null ? 'month' : 'day';
  const before = slice.slice(0, span.start);
  const after = slice.slice(span.end);
  // chrono leaves "last" out of "last December"; the date as written includes it.
  const lastBefore = /\blast\s+$/i.exec(before);
  const nextBefore = /\bnext\s+$/i.exec(before);
  const yearAfter = /^\s+(last|this|next)\s+year\b/i.exec(after);
  let start = span.start;
  let end = span.end;
  let year: number;
  if (yearAfter) {
    const word = (yearAfter[1] ?? '').toLowerCase();
    year = ref.year + (word === 'last' ? -1 : word === 'next' ? 1 : 0);
    end += yearAfter[0].length;
  } else if (lastBefore) {
    year = month < ref.month ? ref.year : ref.year - 1;
    start = lastBefore.index;
  } else if (nextBefore) {
    year = month > ref.month ? ref.year : ref.year + 1;
    start = nextBefore.index;
  } else {
    const notAfterRef = month < ref.month || (month === ref.month && (day ?? 1) <= ref.day);
    year = notAfterRef ? ref.year : ref.year - 1;
  }
  return { start, end, iso: isoOf(year, month, day ?? 1, precision), precision, relative: true };
}

/**
 * "on Wednesday" is the most recent Wednesday on or before the reference (news reports
 * the past; an article of a Wednesday saying "on Wednesday" means that day). "last
 * Wednesday" is strictly before. "this/next Wednesday" and other forms are skipped:
 * they point to the future or are ambiguous.
 */
function weekdayDate(written: string, weekday: number | null, ref: Ymd): Omit<Found, 'start' | 'end'> | null {
  const m = /^(?:(on|last)\s+)?(\p{L}+day)$/iu.exec(written);
  if (!m || weekday === null || !/^[A-Z]/.test(m[2] ?? '')) return null;
  const refDate = new Date(Date.UTC(ref.year, ref.month - 1, ref.day));
  let back = (refDate.getUTCDay() - weekday + 7) % 7;
  if (back === 0 && (m[1] ?? '').toLowerCase() === 'last') back = 7;
  const d = new Date(refDate.getTime() - back * 86_400_000);
  return {
    iso: isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 'day'),
    precision: 'day',
    relative: true,
  };
}

/** "this year"/"last year" name a calendar year exactly; "the past year" is a duration and is skipped. */
function calendarYear(written: string, ref: Ymd): Omit<Found, 'start' | 'end'> | null {
  const m = /^(this|last)\s+year$/i.exec(written);
  if (!m) return null;
  const year = (m[1] ?? '').toLowerCase() === 'last' ? ref.year - 1 : ref.year;
  return { iso: String(year), precision: 'year', relative: true };
}

/**
 * chrono does not read a bare year ("In 2019", "since 2015"), so we do: a four-digit
 * number from 1800 to 2099 right after a preposition. Numbers in other positions
 * ("Resolution 2254", "2000 fighters") are not years often enough to guess.
 */
function bareYears(slice: string): Found[] {
  const found: Found[] = [];
  // A whole word, then a space (or the hyphen of "mid-2015"), then the year; not
  // followed by "%", another digit or "-<digit>" (a number range, a model number).
  const re = /\b([A-Za-z]+)(\s+|-)((?:18|19|20)\d{2})\b(?!%|-\d|[.,]\d)/g;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const cue = (m[1] ?? '').toLowerCase();
    const hyphen = m[2] === '-';
    const yearStart = m.index + (m[1] ?? '').length + (m[2] ?? '').length;
    const ok = hyphen ? HYPHEN_BEFORE_YEAR.has(cue) : isYearCue(cue, slice.slice(yearStart + 4));
    if (!ok) continue;
    found.push({ start: yearStart, end: yearStart + 4, iso: m[3] ?? '', precision: 'year', relative: false });
  }
  return found;
}

function isYearCue(cue: string, after: string): boolean {
  if (TEMPORAL_BEFORE_YEAR.has(cue)) return true;
  if (!AMBIGUOUS_BEFORE_YEAR.has(cue)) return false;
  const next = /^\s+([a-z]+)\b/.exec(after);
  return !next || AFTER_YEAR_OK.has(next[1] ?? '');
}

function wordBefore(slice: string, pos: number): string {
  const m = /([A-Za-z]+)[\s-]*$/.exec(slice.slice(0, pos));
  return (m?.[1] ?? '').toLowerCase();
}

function isoOf(year: number, month: number, day: number, precision: DatePrecision): string {
  const y = String(year).padStart(4, '0');
  if (precision === 'year') return y;
  const m = String(month).padStart(2, '0');
  if (precision === 'month') return `${y}-${m}`;
  return `${y}-${m}-${String(day).padStart(2, '0')}`;
}

/**
 * Keeps the earliest, then longest, of overlapping finds ("December last year" swallows
 * chrono's separate "last year"; a bare year inside "December 2024" is dropped). Two
 * finds on the same span (the ends of a range) are both kept.
 */
function dropOverlaps(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end || a.iso.localeCompare(b.iso));
  const kept: Found[] = [];
  for (const f of sorted) {
    const last = kept[kept.length - 1];
    const sameSpan = last !== undefined && last.start === f.start && last.end === f.end;
    if (last && f.start < last.end && !sameSpan) continue;
    if (sameSpan && last.iso === f.iso) continue;
    kept.push(f);
  }
  return kept;
}
