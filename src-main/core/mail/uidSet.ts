/**
 * The UIDs of one folder already read, kept as IMAP-style ranges ("1:40,45,50:60") so a mailbox of
 * thousands of messages stays a short string in the settings. Read by the date range each time,
 * a fetch skips exactly these — never "everything below the last UID", which lost the mail that
 * lay outside an earlier, narrower window.
 */
export function parseUidSet(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    const [a, b] = part.split(':').map(Number);
    if (!a || !Number.isInteger(a)) continue;
    const end = b && Number.isInteger(b) ? b : a;
    for (let uid = a; uid <= end; uid++) out.add(uid);
  }
  return out;
}

export function formatUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
