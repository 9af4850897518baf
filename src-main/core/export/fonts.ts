import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { DeskError } from '../contract/errors';
import { findResourcesDir } from '../dataFolder/resources';

const requirePackage = createRequire(import.meta.url);

const FILES = {
  serif: ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  serifBold: ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  sansBold: ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
  /** Names with characters outside the Chinese font (𠮷, in CJK Extension B) fall back to it. */
  fallback: ['@expo-google-fonts/noto-serif-jp', '400Regular/NotoSerifJP_400Regular.ttf'],
} as const;

export type FontRole = keyof typeof FILES;

/** The shipped copy in resources/fonts (made by the build), else the npm package itself. */
function fontPath(role: FontRole): string {
  const [pkg, file] = FILES[role];
  const name = file.split('/').pop()!;
  try {
    const shipped = path.join(findResourcesDir(), 'fonts', name);
    if (fs.existsSync(shipped)) return shipped;
  } catch {
    // No resources folder (tests from source): use the package.
  }
  return path.join(path.dirname(requirePackage.resolve(`${pkg}/package.json`)), file);
}

let cache: { paths: Record<FontRole, string>; main: fontkit.Font; fallback: fontkit.Font } | null = null;

/** Fonts are large (15 MB): found and opened once, on first use. */
export function fonts() {
  if (!cache) {
    const paths = Object.fromEntries((Object.keys(FILES) as FontRole[]).map((r) => [r, fontPath(r)])) as Record<FontRole, string>;
    cache = { paths, main: fontkit.openSync(paths.serif) as fontkit.Font, fallback: fontkit.openSync(paths.fallback) as fontkit.Font };
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
    if (font === null) throw new DeskError('missing-glyph', `“${name}”中的“${ch}”（U+${cp.toString(16).toUpperCase()}）没有可用字体，无法生成名单。请核对该集体名称。`);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push(font ? { text: ch, font } : { text: ch });
  }
  return runs;
}
