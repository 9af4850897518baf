import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKED_BUDGET, packedFiles } from '../../scripts/packedFiles';

describe('what the installer carries', () => {
  it('stays under its budget, with no renderer-only or font package among the packed dependencies', () => {
    // `npm test` builds first; the build is part of what is packed.
    expect(fs.existsSync(path.resolve(__dirname, '../../out/main/index.js')), 'run npm run build first').toBe(true);
    const files = packedFiles();
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    expect(total, `${(total / 1024 ** 2).toFixed(1)} MB packed`).toBeLessThan(PACKED_BUDGET);
    const packages = new Set(files.map((f) => f.pkg));
    // Vite bundles these into out/renderer; as dependencies they would be packed a second time.
    for (const bundled of ['antd', 'react', 'react-dom', 'echarts', 'marked', 'dompurify', '@ant-design/icons'])
      expect(packages, bundled).not.toContain(bundled);
    expect([...packages].filter((p) => p.startsWith('@expo-google-fonts/') || p === '@types/nodemailer')).toEqual([]);
    // The fonts documents are set in are packed once, as files with their licences.
    const fonts = files.filter((f) => f.pkg === 'resources/fonts').map((f) => path.basename(f.path));
    expect(fonts).toEqual(
      expect.arrayContaining([
        'NotoSerifSC_400Regular.ttf',
        'NotoSerifSC_700Bold.ttf',
        'NotoSansSC_700Bold.ttf',
        'NotoSerifJP_400Regular.ttf',
        'LICENSE-noto-serif-sc.txt',
      ]),
    );
  });
});
