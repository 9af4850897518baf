// Copies the freely licensed CJK fonts (SIL OFL) from their npm packages into resources/fonts,
// with their licences, so every machine makes the same PDF. Run by `npm run build`; not committed.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'resources', 'fonts');
mkdirSync(out, { recursive: true });
const FONTS = [
  ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'],
  ['@expo-google-fonts/noto-serif-jp', '400Regular/NotoSerifJP_400Regular.ttf'],
];
for (const [pkg, file] of FONTS) {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const name = file.split('/').pop();
  if (!existsSync(join(out, name))) copyFileSync(join(dir, file), join(out, name));
  copyFileSync(join(dir, 'LICENSE_FONT'), join(out, `LICENSE-${pkg.split('/').pop()}.txt`));
}
console.log(`fonts → ${out}`);
