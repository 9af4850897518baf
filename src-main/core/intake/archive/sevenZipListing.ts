/** One item of `7zz l -slt`, its properties as 7-Zip printed them. */
export type ListedItem = Map<string, string>;

export interface Listing {
  archive: Map<string, string>;
  items: ListedItem[];
  /** 7-Zip printed ERRORS/WARNINGS for the archive itself (a damaged header it still listed). */
  flagged: boolean;
}

const PROPERTY = /^([A-Z][A-Za-z0-9 ]*?) = (.*)$/;

/** A name 7-Zip printed over several lines (a newline inside it) could forge properties: such a listing is refused. */
export class ForgedListing extends Error {}

/**
 * Reads 7-Zip's technical listing. Strict on purpose: the listing carries names an archive chose,
 * so a line that is not a property, or a property twice in one item, means a name with a line
 * break in it trying to pass as something else — and the archive is refused rather than guessed.
 */
export function parseListing(lines: string[]): Listing | null {
  const start = lines.indexOf('--');
  const split = lines.indexOf('----------', start);
  if (start < 0 || split < 0) return null;
  const archive = new Map<string, string>();
  let flagged = false;
  for (const line of lines.slice(start + 1, split)) {
    const match = PROPERTY.exec(line);
    if (match) archive.set(match[1]!, match[2]!);
    else if (/^(ERRORS|WARNINGS):$/.test(line)) flagged = true;
  }
  const items: ListedItem[] = [];
  let current: ListedItem | null = null;
  for (const line of lines.slice(split + 1)) {
    if (line === '') {
      current = null;
      continue;
    }
    const match = PROPERTY.exec(line);
    if (!current) {
      // What follows the last item is 7-Zip's summary ("Warnings: 1"), not an item.
      if (!match || match[1] !== 'Path') break;
      current = new Map();
      items.push(current);
    } else if (!match || current.has(match[1]!)) {
      throw new ForgedListing(line);
    }
    current.set(match![1]!, match![2]!);
  }
  return { archive, items, flagged };
}

/** A listed size or count: a safe non-negative integer, or null. */
export function listedNumber(text: string | undefined): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** 7-Zip prints times as `2011-07-01 13:09:05.8665382` in the thread's (UTC) clock. */
export function listedTime(text: string | undefined, offsetMs: number): string | null {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(text ?? '');
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const instant = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMs;
  return Number.isFinite(instant) && y >= 1980 ? new Date(instant).toISOString() : null;
}
