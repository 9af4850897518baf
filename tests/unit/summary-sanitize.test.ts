// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeSummary } from '../../src-renderer/src/components/sanitizeSummary';

const html = (fragment: DocumentFragment) => {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('a summary drawn in the page', () => {
  it('keeps the text and its structure', () => {
    const out = html(
      sanitizeSummary(
        '<h1>2022年度工作总结</h1><p>开展<strong>志愿服务</strong>五次</p><table><tbody><tr><td colspan="2">合计</td></tr></tbody></table>',
      ),
    );
    expect(out).toBe(
      '<h1>2022年度工作总结</h1><p>开展<strong>志愿服务</strong>五次</p><table><tbody><tr><td colspan="2">合计</td></tr></tbody></table>',
    );
  });

  it('drops everything that could act, fetch or restyle the app: links, images, scripts, handlers, styles, classes, forms', () => {
    const hostile = [
      '<p class="ant-btn ant-btn-primary" style="position:fixed;inset:0" onclick="alert(1)" id="root">点我</p>',
      '<a href="javascript:alert(1)">链接</a>',
      '<img src="http://example.invalid/track.png" onerror="alert(1)">',
      '<script>alert(1)</script>',
      '<style>body{display:none}</style>',
      '<iframe src="http://example.invalid"></iframe>',
      '<form action="http://example.invalid"><input name="x"><button>提交</button></form>',
      '<svg><a xlink:href="javascript:alert(1)"><text>矢量</text></a></svg>',
      '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    ].join('');
    const out = html(sanitizeSummary(hostile));
    expect(out).not.toMatch(/<(a|img|script|style|iframe|form|input|button|svg|math)\b/i);
    expect(out).not.toMatch(/(on\w+|style|class|id|href|src)=/i);
    expect(out).toContain('<p>点我</p>');
    expect(out).toContain('链接');
  });
});
