/**
 * Sector names as sheets write them. The office's own sheets say 金融, 教育, 市直机关 where the
 * notice says 金融团工委, 教育团工委, 市直机关团工委: the same sector by its core name — the name
 * without the organisational suffix.
 */
const SUFFIXES = ['团工作委员会', '工作委员会', '团工委', '团委', '工委', '团组织', '系统', '口'];

export function coreSectorName(name: string): string {
  let core = name.normalize('NFKC').replace(/\s+/g, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (core.length > suffix.length && core.endsWith(suffix)) {
        core = core.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  return core;
}

export interface KnownSector {
  id: number;
  name: string;
  aliases: string[];
}

export type SectorMatch =
  | { kind: 'exact'; sector: KnownSector }
  | { kind: 'alias'; sector: KnownSector }
  | { kind: 'core'; sector: KnownSector }
  | { kind: 'new' };

/**
 * What a sheet's sector name is: a sector by name, by a remembered alias, one by core name (to be
 * confirmed: the import asks), or new. A core name two sectors share matches neither.
 */
export function matchSector(name: string, known: KnownSector[]): SectorMatch {
  const exact = known.find((s) => s.name === name);
  if (exact) return { kind: 'exact', sector: exact };
  const alias = known.find((s) => s.aliases.includes(name));
  if (alias) return { kind: 'alias', sector: alias };
  const core = coreSectorName(name);
  const byCore = known.filter(
    (s) => coreSectorName(s.name) === core || s.aliases.some((a) => coreSectorName(a) === core),
  );
  return byCore.length === 1 ? { kind: 'core', sector: byCore[0]! } : { kind: 'new' };
}
