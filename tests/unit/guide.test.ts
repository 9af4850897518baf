import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const docs = path.resolve(__dirname, '../../docs');

describe('使用说明', () => {
  it('names every step of the year, and every screenshot it shows is in docs/images', () => {
    const guide = fs.readFileSync(path.join(docs, '使用说明.md'), 'utf8');
    for (const step of ['集体名册', '年度工作', '收件', '评审', '导出', '备份']) expect(guide).toContain(step);
    const images = [...guide.matchAll(/!\[[^\]]*\]\(images\/([^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) expect(fs.existsSync(path.join(docs, 'images', image)), image).toBe(true);
    expect(fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')).toContain('docs/使用说明.md');
  });
});
