// The date grammars the portal profiles list: data only (regular expressions), apart from the code that reads them
// (dates.ts), so that a thread that only needs the profiles (the crawl's main thread) does not load the time-zone
// library with them (13 modules, about 50 ms of its start-up).

/**
 * Date grammars of the portals, as data. Each is a regular expression with named groups: `d`, `mo`, `y` (the day),
 * and optionally `h`, `mi`, `s` (the time) and `ampm`. A profile lists the grammars its family prints; the
 * extractor tries them all on a line and takes the match that starts first (the longest on a tie), so a time
 * printed before the day (`16:23 03/12/2024`) is read with its day.
 */
export interface DateGrammar {
  /** What it reads, for probe and the README: `dd/mm/yyyy HH:MM[:SS] [AM|PM]`. */
  name: string;
  re: RegExp;
}

const DAY = String.raw`(?<d>\d{1,2})\s*(?<sep>[/.-])\s*(?<mo>\d{1,2})\s*\k<sep>\s*(?<y>\d{4})`;
const TIME = String.raw`(?<h>\d{1,2})\s*(?::|h)\s*(?<mi>\d{2})(?:\s*:\s*(?<s>\d{2}))?(?:\s*(?<ampm>[AP]\.?M\.?|SA|CH)(?![\p{L}\d]))?`;
const WEEKDAY = String.raw`(?:Thứ\s+(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|Chủ\s+nhật)`;
/** What may stand between a day and its time: `-`, `|`, `,`, `lúc`. */
const JOIN = String.raw`\s*(?:[-–|,]|lúc|vào lúc)?\s*`;

/** `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` or `dd - mm - yyyy`, then an optional time: `01/11/2024 - 09:50`. */
export const DAY_TIME: DateGrammar = {
  name: 'dd/mm/yyyy [HH:MM[:SS] [AM|PM]]',
  re: new RegExp(String.raw`(?<![\d/.-])${DAY}(?![\d/])(?:${JOIN}${TIME})?`, 'iu'),
};

/** The time first: `16:23 03/12/2024`, `09:52 - Thứ Hai, 21/08/2023`. */
export const TIME_DAY: DateGrammar = {
  name: 'HH:MM[:SS] [-] [weekday,] dd/mm/yyyy',
  re: new RegExp(String.raw`(?<![\d:])${TIME}\s*(?:[-–|,]\s*)?(?:${WEEKDAY}\s*[,-]?\s*)?${DAY}(?![\d/])`, 'iu'),
};

/** Kooboo's `dd/MM/yyyy hh:mm:ss AM|PM` (slashes only; single-digit parts allowed). */
export const KOOBOO_DAY_TIME: DateGrammar = {
  name: 'dd/mm/yyyy hh:mm:ss AM|PM',
  re: /(?<d>\d{1,2})\/(?<mo>\d{1,2})\/(?<y>\d{4})(?:\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<ampm>[AP]M)?)?/i,
};

/** Weekday names that may stand before a printed date and are part of the date line, not other text. */
export const WEEKDAY_RE = new RegExp(String.raw`^\s*${WEEKDAY}\s*[,-]?\s*`, 'iu');
