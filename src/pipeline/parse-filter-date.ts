/**
 * Dates for the ordering filter operators. Haystack compares strings with `>`/`<` only as dates: it
 * parses both sides with `datetime.fromisoformat` (falling back to `dateutil`), and when one side has a
 * time zone and the other has none, the naive one takes the other's zone.
 */

/** A parsed date: wall-clock time as if in UTC, plus its UTC offset when it has one. */
export interface FilterDate {
  /** Milliseconds of the wall-clock reading, read as UTC. */
  readonly wallMs: number;
  /** Microseconds past `wallMs` (0–999), which Python keeps and a JS Date drops. */
  readonly micros: number;
  /** UTC offset in milliseconds, or null for a naive date. */
  readonly offsetMs: number | null;
}

// YYYY-MM-DD or YYYYMMDD, then optionally a 'T' or space and HH[:MM[:SS[.fff…]]] (or HHMMSS), then Z or ±HH[:MM[:SS]].
const isoPattern =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d+)?)?)?)?)?$/;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const parseOffset = (text: string): number => {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0, seconds = 0] = (text.slice(1).match(/\d{2}(?:\.\d+)?/g) ?? []).map(Number);
  return sign * ((hours * 60 + minutes) * 60 + seconds) * 1000;
};

/**
 * Parses an ISO 8601 date or date-time (what `datetime.fromisoformat` reads); null when it is not one.
 * Unlike Haystack's `dateutil` fallback, free-form dates ('Jan 1 2020') are not read.
 */
export const parseFilterDate = (text: string): FilterDate | null => {
  const match = isoPattern.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const wall = new Date(0);
  // setUTCFullYear keeps years 0–99 as written, where Date.UTC would map them to 1900–1999.
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offsetMs = offset === undefined ? null : parseOffset(offset);
  if (offsetMs !== null && Math.abs(offsetMs) >= 86_400_000) return null;
  return { wallMs: wall.getTime(), micros: Number(fraction.slice(3, 6).padEnd(3, '0')), offsetMs };
};

/** A JS Date as an aware (UTC) FilterDate. */
export const filterDateFromDate = (date: Date): FilterDate => ({ wallMs: date.getTime(), micros: 0, offsetMs: 0 });

/** Compares two dates as Haystack does (a naive date takes the other's offset); negative, zero or positive. */
export const compareFilterDates = (a: FilterDate, b: FilterDate): number => {
  const offsetA = a.offsetMs ?? b.offsetMs ?? 0;
  const offsetB = b.offsetMs ?? a.offsetMs ?? 0;
  const difference = a.wallMs - offsetA - (b.wallMs - offsetB);
  return difference !== 0 ? difference : a.micros - b.micros;
};
