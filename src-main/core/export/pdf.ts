import type pdfmakeModule from 'pdfmake';
import { fonts } from './fonts';

export const MM = 72 / 25.4;

/** GB/T 9704 page: A4, text block 156 × 225 mm. */
export const FORMAL_PAGE = { pageSize: 'A4', pageMargins: [28 * MM, 37 * MM, 26 * MM, 35 * MM] };

let registered: typeof pdfmakeModule | null = null;
const allowed = new Set<string>();

/** Registers the shipped fonts once; only those files may be read and nothing is ever fetched. */
async function register(): Promise<typeof pdfmakeModule> {
  if (registered) return registered;
  // Loaded on first use: the CLI and the app start without paying for it.
  const { default: pdfmake } = await import('pdfmake');
  const { paths } = fonts();
  pdfmake.addFonts({
    Serif: { normal: paths.serif, bold: paths.serifBold },
    Sans: { normal: paths.sansBold, bold: paths.sansBold },
    Fallback: { normal: paths.fallback, bold: paths.fallback },
  });
  for (const p of Object.values(paths)) allowed.add(p);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  registered = pdfmake;
  return pdfmake;
}

/** Renders a document; `files` are the only other local files (stored photos) it may read. */
export async function renderPdf(doc: Record<string, unknown>, files: string[] = []): Promise<Buffer> {
  const pdfmake = await register();
  for (const f of files) allowed.add(f);
  try {
    return await pdfmake.createPdf(doc).getBuffer();
  } finally {
    for (const f of files) allowed.delete(f);
  }
}

/** "— 1 —", on the outer side: right on odd pages, left on even ones. */
export function formalFooter(page: number) {
  return {
    text: `— ${page} —`,
    fontSize: 14,
    alignment: page % 2 ? 'right' : 'left',
    margin: [28 * MM + 14, 12 * MM, 26 * MM + 14, 0],
  };
}

/** 2022-12-20 → 2022年12月20日, Arabic numerals as GB/T 9704 asks. */
export function formalDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
