import { describe, expect, it } from 'vitest';
import { detectLocale, parseLocale } from './locale';

describe('the page language', () => {
  it('reads language tags in any case and form', () => {
    expect(parseLocale('zh-CN')).toBe('zh-CN');
    expect(parseLocale('zh')).toBe('zh-CN');
    expect(parseLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(parseLocale('ZH_tw')).toBe('zh-CN');
    expect(parseLocale('en-GB')).toBe('en');
    expect(parseLocale('fr')).toBeNull();
  });

  it("takes the first of the browser's languages the app has, else English", () => {
    expect(detectLocale(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(detectLocale(['de', 'en-US', 'zh'])).toBe('en');
    expect(detectLocale(['ja'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});
