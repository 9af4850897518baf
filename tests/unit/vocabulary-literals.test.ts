import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedFiles, literalLabels } from '../../scripts/vocabulary';
import { tempDir } from './helpers';

describe('one vocabulary', () => {
  it('no label of a status, outcome, star, file kind, timing or situation is typed again outside src-main/common', () => {
    const files = checkedFiles();
    expect(files.length).toBeGreaterThan(300);
    expect(literalLabels(files)).toEqual([]);
  });

  it('finds a label typed in JSX or a string, and lets a line that says why keep it', () => {
    const file = path.join(tempDir(), 'Page.tsx');
    fs.writeFileSync(
      file,
      [
        `const a = <Tag color="red">逾期</Tag>;`,
        `const b = name ?? '待认领';`,
        `// vocabulary: the menu's 撤销 is "undo"`,
        `const c = { label: '撤销', role: 'undo' };`,
      ].join('\n'),
    );
    expect(literalLabels([file]).map((hit) => hit.split(' ')[1])).toEqual(['逾期', '待认领']);
  });
});
