import { NOTICE_SECTORS } from '../../src-main/core/roster/sectors';

type SectorName = (typeof NOTICE_SECTORS)[number];

interface Caller {
  call(name: 'sectors.list'): Promise<Array<{ id: number; name: string }>>;
}

/** A sector's id looked up by its name — never assumed from the order a new data folder seeds them in. */
export async function sectorOf(caller: Caller, name: SectorName): Promise<number> {
  const found = (await caller.call('sectors.list')).find((sector) => sector.name === name);
  if (!found) throw new Error(`no sector named ${name}`);
  return found.id;
}
