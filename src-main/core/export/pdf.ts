import pdfmake from 'pdfmake';
import { fonts } from './fonts';

export const MM = 72 / 25.4;

/** GB/T 9704 page: A4, text block 156 × 225 mm. */
export const FORMAL_PAGE = { pageSize: 'A4', pageMargins: [28 * MM, 37 * MM, 26 * MM, 35 * MM] };

let registered = false;

/** Registers the shipped fonts once; only those files may be read and nothing is ever fetched. */
function register(): void {
  if (registered) return;
  const { paths } = fonts();
  pdfmake.addFonts({
    Serif: { normal: paths.serif, bold: paths.serifBold },
    Sans: { normal: paths.sansBold, bold: paths.sansBold },
    Fallback: { normal: paths.fallback, bold: paths.fallback },
  });
  const allowed = new Set(Object.values(paths));
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  registered = true;
}

export async function renderPdf(doc: Record<string, unknown>): Promise<Buffer> {
  register();
  return pdfmake.createPdf(doc).getBuffer();
}

/** "— 1 —", on the outer side: right on odd pages, left on even ones. */
export function formalFooter(page: number) {
  return { text: `— ${page} —`, fontSize: 14, alignment: page % 2 ? 'right' : 'left', margin: [28 * MM + 14, 12 * MM, 26 * MM + 14, 0] };
}

/** 2022-12-20 → 2022年12月20日, Arabic numerals as GB/T 9704 asks. */
export function formalDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
