// lang= in the link: the URL side of the page language (the language tags themselves: i18n/locale.test.ts).
import { describe, expect, it } from 'vitest';
import { parsePageOptionsEnglish } from './url-english';
import { langToSearch } from './url';

describe('the page language in the link', () => {
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
