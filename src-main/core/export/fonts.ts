import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { DeskError } from '../contract/errors';
import { findResourcesDir } from '../dataFolder/resources';

/**
 * The fonts every document is set in, kept as files in resources/fonts with their SIL OFL licences
 * (Noto, from Google Fonts' static TTFs) so every machine makes the same PDF and the installer
 * carries four files, not four npm font families.
 */
const FILES = {
  serif: 'NotoSerifSC_400Regular.ttf',
  serifBold: 'NotoSerifSC_700Bold.ttf',
  sansBold: 'NotoSansSC_700Bold.ttf',
  /** Names with characters outside the Chinese font (𠮷, in CJK Extension B) fall back to it. */
  fallback: 'NotoSerifJP_400Regular.ttf',
} as const;

type FontRole = keyof typeof FILES;

function fontPath(role: FontRole): string {
  const file = path.join(findResourcesDir(), 'fonts', FILES[role]);
  if (!fs.existsSync(file)) throw new Error(`font missing from the installation: ${file}`);
  return file;
}

let cache: { paths: Record<FontRole, string>; main: fontkit.Font; fallback: fontkit.Font } | null = null;

/** Fonts are large (15 MB): found and opened once, on first use. */
export function fonts() {
  if (!cache) {
    const paths = Object.fromEntries((Object.keys(FILES) as FontRole[]).map((r) => [r, fontPath(r)])) as Record<
      FontRole,
      string
    >;
    cache = {
      paths,
      main: fontkit.openSync(paths.serif) as fontkit.Font,
      fallback: fontkit.openSync(paths.fallback) as fontkit.Font,
    };
  }
  return cache;
}

/**
 * A name as pdfmake text runs: characters the Chinese serif has stay in it, others go to the
 * fallback; a character neither has is an error naming the unit and the character, never a gap.
 */
export function nameRuns(name: string): Array<{ text: string; font?: string }> {
  const { main, fallback } = fonts();
  const runs: Array<{ text: string; font?: string }> = [];
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    const font = main.hasGlyphForCodePoint(cp) ? undefined : fallback.hasGlyphForCodePoint(cp) ? 'Fallback' : null;
    if (font === null)
      throw new DeskError(
        'missing-glyph',
        `“${name}”中的“${ch}”（U+${cp.toString(16).toUpperCase()}）没有可用字体，无法生成名单。请核对该集体名称。`,
      );
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push(font ? { text: ch, font } : { text: ch });
  }
  return runs;
}
