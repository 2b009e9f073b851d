// The languages the app speaks, and which one a visitor gets: the link's `lang=` first, then the
// browser's preferred languages in order, else English. Any Chinese preference gets 简体中文, the
// only Chinese the app has (better than English for a zh-TW reader, who reads it with little effort).
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's own name, as the language switch lists it (not translated: a reader finds theirs). */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** A BCP 47 tag (`zh`, `zh-Hans-CN`, `EN-gb`) to a locale the app has, or null. */
export function parseLocale(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return null;
}

/** The first of the browser's languages the app has (navigator.languages order), else English. */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const locale = parseLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
