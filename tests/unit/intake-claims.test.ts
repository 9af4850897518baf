import { describe, expect, it } from 'vitest';
import { learnableAlias } from '../../src-main/core/intake/match';

describe('what a claim teaches', () => {
  it('keeps the name the sender used and drops the words any submission carries', () => {
    expect(learnableAlias('市中院立案庭2022年青年文明号创建材料（终稿）.zip')).toBe('市中院立案庭');
    expect(learnableAlias('市中院立案庭2022年度创建工作总结-定稿.zip')).toBe('市中院立案庭');
    expect(learnableAlias('Re: 转发：市中院立案庭申报书最终版.zip')).toBe('市中院立案庭');
    expect(learnableAlias('鱼峰支行营业部 创建材料 修改稿 (2).rar')).toBe('鱼峰支行营业部');
    expect(learnableAlias('柳州银行柳南支行营业部.zip')).toBe('柳州银行柳南支行营业部');
    // Nothing distinctive left: nothing learnt.
    expect(learnableAlias('2022年青年文明号创建材料终稿.zip')).toBeNull();
    expect(learnableAlias('新建文件夹 (3).zip')).toBeNull();
  });
});
