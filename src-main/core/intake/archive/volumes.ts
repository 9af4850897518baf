/**
 * Multi-volume RAR sets by their names: `材料.part1.rar`, `材料.part2.rar` … (WinRAR's default
 * since 3.0) or the older `材料.rar`, `材料.r00`, `材料.r01` …. Parts that arrive together (one
 * mail, one drop) are read as one archive; a part alone is refused with a request for the rest.
 */
export interface VolumeSet<T> {
  /** The parts in reading order. */
  parts: T[];
  scheme: 'part' | 'old';
}

const PART = /^(.*)\.part(\d{1,4})\.rar$/i;
const OLD = /^(.*)\.(rar|r(\d{2,3}))$/i;

function keyOf(name: string): { stem: string; order: number; scheme: 'part' | 'old' } | null {
  const part = PART.exec(name);
  if (part) return { stem: part[1]!.toLowerCase(), order: Number(part[2]), scheme: 'part' };
  const old = OLD.exec(name);
  if (old) return { stem: old[1]!.toLowerCase(), order: old[3] === undefined ? -1 : Number(old[3]), scheme: 'old' };
  return null;
}

/**
 * Groups items whose names form a volume set of two or more parts with none missing; every other
 * item is returned alone. Order of the input is kept for what is not grouped.
 */
export function groupVolumes<T>(items: T[], nameOf: (item: T) => string): Array<T | VolumeSet<T>> {
  const sets = new Map<string, Array<{ item: T; order: number }>>();
  for (const item of items) {
    const key = keyOf(nameOf(item));
    if (!key) continue;
    const id = `${key.scheme}:${key.stem}`;
    sets.set(id, [...(sets.get(id) ?? []), { item, order: key.order }]);
  }
  const grouped = new Map<T, VolumeSet<T>>();
  for (const [id, members] of sets) {
    if (members.length < 2) continue;
    members.sort((a, b) => a.order - b.order);
    const first = members[0]!.order;
    // A gap or a duplicate means the set is not whole: each part is then judged alone.
    if (members.some((m, i) => m.order !== first + i)) continue;
    if (id.startsWith('part:') && first !== 1) continue;
    const set: VolumeSet<T> = { parts: members.map((m) => m.item), scheme: id.startsWith('part:') ? 'part' : 'old' };
    for (const m of members) grouped.set(m.item, set);
  }
  const out: Array<T | VolumeSet<T>> = [];
  const emitted = new Set<VolumeSet<T>>();
  for (const item of items) {
    const set = grouped.get(item);
    if (!set) out.push(item);
    else if (!emitted.has(set)) {
      emitted.add(set);
      out.push(set);
    }
  }
  return out;
}

export function isVolumeSet<T>(value: T | VolumeSet<T>): value is VolumeSet<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'parts' in value &&
    'scheme' in value &&
    Array.isArray((value as VolumeSet<T>).parts)
  );
}

/** The names the parts are given in the private folder 7-Zip reads them from. */
export function volumeNames(count: number, scheme: 'part' | 'old'): string[] {
  return Array.from({ length: count }, (_, i) =>
    scheme === 'part'
      ? `archive.part${String(i + 1).padStart(3, '0')}.rar`
      : i === 0
        ? 'archive.rar'
        : `archive.r${String(i - 1).padStart(2, '0')}`,
  );
}
