/**
 * Display helpers for cards: formatting of KB values only (dates, source names), no
 * sentences. Independent of the locale so every reader and test sees the same text.
 */
import type { DatePrecision } from '../kb/types';
import type { CardSource } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** The precision an ISO date string carries: `2025-10-15` day, `2025-10` month, `2025` year. */
export function precisionOf(iso: string): DatePrecision | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'day';
  if (/^\d{4}-\d{2}$/.test(iso)) return 'month';
  if (/^\d{4}$/.test(iso)) return 'year';
  return null;
}

/**
 * `2025-10-15` → "15 Oct 2025", `2025-03` → "Mar 2025", `2015` → "2015"; at most the
 * precision given. Anything unparseable comes back as it is.
 */
export function formatIsoDate(iso: string, precision?: DatePrecision | null): string {
  const own = precisionOf(iso);
  if (own === null) return iso;
  const rank = { year: 0, month: 1, day: 2 } as const;
  const p = precision && rank[precision] < rank[own] ? precision : own;
  const year = iso.slice(0, 4);
  if (p === 'year') return year;
  const month = MONTHS[Number(iso.slice(5, 7)) - 1];
  if (month === undefined) return iso;
  if (p === 'month') return `${month} ${year}`;
  const day = Number(iso.slice(8, 10));
  if (day < 1 || day > 31) return iso;
  return `${day} ${month} ${year}`;
}

/** What the KB has to name a source: its outlet, else its title, else its id. */
export function sourceName(source: CardSource): string {
  // Untitled articles of unknown outlet are told apart by their description, not a file name.
  return source.outlet ?? source.title ?? source.description ?? source.sourceId;
}

/** The source's name and, when known, its date: "Foreign Policy, 15 Oct 2025". */
export function sourceLabel(source: CardSource): string {
  const name = sourceName(source);
  return source.date ? `${name}, ${formatIsoDate(source.date)}` : name;
}
