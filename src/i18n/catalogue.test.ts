import { describe, expect, it } from 'vitest';
import { catalogueProblems, englishWords, halfWidthInChinese } from './catalogue';
import { LOCALES } from './locale';
import { CATALOGUES, ENGLISH as en, i18nFor } from './translate';

describe('the catalogues', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s has every English key, the same placeholders, and no English left',
    (locale) => {
      expect(catalogueProblems(en, CATALOGUES[locale], { script: 'cjk' })).toEqual([]);
    },
  );

  it('English itself has no empty message and every plural has both forms', () => {
    expect(catalogueProblems(en, en, { script: 'latin' })).toEqual([]);
    for (const key of Object.keys(en)) {
      if (key.endsWith('.one')) expect(en, key).toHaveProperty(key.replace(/\.one$/, '.other'));
      if (key.endsWith('.other')) expect(en, key).toHaveProperty(key.replace(/\.other$/, '.one'));
    }
  });

  it('fails when a key is missing, extra, empty, loses a placeholder or stays English', () => {
    const { 'controls.train': _dropped, ...rest } = CATALOGUES['zh-CN'];
    const broken = {
      ...rest,
      'controls.pause': '',
      'status.backend': '后端：',
      'status.ready': 'Ready',
      'not.a.key': '多余',
    };
    const problems = catalogueProblems(en, broken, { script: 'cjk' });
    expect(problems).toEqual(
      expect.arrayContaining([
        { key: 'controls.train', problem: 'missing' },
        { key: 'not.a.key', problem: 'extra' },
        expect.objectContaining({ key: 'controls.pause', problem: 'empty' }),
        expect.objectContaining({ key: 'status.backend', problem: 'placeholders' }),
        { key: 'status.ready', problem: 'untranslated', detail: 'Ready' },
      ]),
    );
  });

  it('keeps names and code, and finds English words', () => {
    expect(englishWords('MLP（1 → h → 1）')).toEqual([]);
    expect(englishWords('WebGPU 不可用：no adapter')).toEqual(['no', 'adapter']);
  });
});

describe('Chinese punctuation', () => {
  it('zh-CN writes ，：；（） in Chinese text, half-width only in code, numbers and formulas', () => {
    const found = Object.entries(CATALOGUES['zh-CN'])
      .map(([key, text]) => [key, halfWidthInChinese(text)] as const)
      .filter(([, marks]) => marks.length > 0);
    expect(found).toEqual([]);
  });

  it('finds half-width marks beside Chinese words and lets formulas keep theirs', () => {
    expect(halfWidthInChinese('批次,样本')).toEqual(['次,']);
    expect(halfWidthInChinese('注意: 这里')).toEqual(['意:']);
    expect(halfWidthInChinese('损失(越低越好)')).toEqual(['(越低越好)']);
    expect(halfWidthInChinese('初始 w = -0.0075，b = 0.5364')).toEqual([]);
    expect(halfWidthInChinese('{count} 个样本 (x, y) 的散点图；每行一对 x,y，最多 1,000,000 行')).toEqual([]);
    expect(halfWidthInChinese('{key}={value}：{problem}')).toEqual([]);
  });
});

describe('i18nFor', () => {
  it('fills placeholders, nested messages and plurals per locale', () => {
    const en = i18nFor('en');
    const zh = i18nFor('zh-CN');
    expect(en.t('status.backend', { name: 'webgpu' })).toBe('Backend: webgpu');
    expect(zh.t('status.backend', { name: 'webgpu' })).toBe('后端：webgpu');
    expect(en.tp('log.lines', 1)).toBe('1 line');
    expect(en.tp('log.lines', 1234)).toBe('1,234 lines');
    expect(zh.tp('log.lines', 1234)).toBe('1,234 行');
    const nested = {
      key: 'url.invalid',
      params: { key: 'batch', value: 'abc', problem: { key: 'error.batchSize', params: { max: 7 } } },
    } as const;
    expect(en.say(nested)).toBe('batch=abc: Batch size must be a whole number from 1 to 7.');
    expect(zh.say(nested)).toBe('batch=abc：批大小必须是 1 到 7 之间的整数。');
  });

  it('leaves a placeholder without a value visible rather than guessing', () => {
    expect(i18nFor('en').t('status.backend')).toBe('Backend: {name}');
  });
});
