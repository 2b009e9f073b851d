import { describe, expect, it } from 'vitest';
import { parsePageOptionsEnglish } from '../state/url-english';
import { langToSearch } from '../state/url';
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

  it('lang= in a link chooses it; a bad value is named in the notice', () => {
    expect(parsePageOptionsEnglish('?lang=zh-CN').locale).toBe('zh-CN');
    expect(parsePageOptionsEnglish('?lang=en&batch=4')).toMatchObject({ locale: 'en', ignored: [] });
    expect(parsePageOptionsEnglish('').locale).toBeNull();
    expect(parsePageOptionsEnglish('?lang=klingon')).toMatchObject({
      locale: null,
      ignored: ['lang=klingon: must be en or zh-CN'],
    });
  });

  it('the switch writes lang= and keeps the rest of the link in order', () => {
    expect(langToSearch('zh-CN', '?batch=4&hide=lr')).toBe('?batch=4&hide=lr&lang=zh-CN');
    expect(langToSearch('en', '?lang=zh-CN&batch=4')).toBe('?lang=en&batch=4');
  });
});
