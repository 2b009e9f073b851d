// Says a message in one locale. Messages are plain strings with `{name}` placeholders; plurals are
// two keys, `….one` and `….other`, chosen with Intl.PluralRules (Chinese has one form, so its
// catalogue repeats the text). Numbers passed as parameters go in as they are — a seed or a learning
// rate must not gain thousands separators — and counts are formatted by the caller with `count`.
import { en, type MessageKey } from './en';
import { enGlossary } from './glossary-en';
import { enPage } from './page-en';
import type { Locale } from './locale';
import { fill, type Message, type Params } from './message';
import { zhCN } from './zh-CN';

export type { Message, MessageKey, Params } from './message';

/** Keys that have `.one` and `.other` forms, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

/** The English the page says: the reference catalogue, its glossary and its page-only words. */
export const ENGLISH: Readonly<Record<MessageKey, string>> = { ...en, ...enGlossary, ...enPage };

export const CATALOGUES: Record<Locale, Readonly<Record<MessageKey, string>>> = { en: ENGLISH, 'zh-CN': zhCN };

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, params?: Params) => string;
  /** The `.one` or `.other` form for `n`; `{count}` in it is `n` with the locale's grouping. */
  tp: (key: PluralKey, n: number, params?: Params) => string;
  /** A message from a store or the engine. */
  say: (message: Message) => string;
  /** A count with the locale's grouping: 1,000,000. */
  count: (n: number) => string;
}

const made = new Map<Locale, I18n>();

export function i18nFor(locale: Locale): I18n {
  const cached = made.get(locale);
  if (cached) return cached;
  const messages = CATALOGUES[locale];
  const plural = new Intl.PluralRules(locale);
  const grouping = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const say = (m: Message): string => fill(messages[m.key] ?? ENGLISH[m.key], m.params, say);
  const t = (key: MessageKey, params?: Params) => say({ key, params });
  const count = (n: number) => (Number.isFinite(n) ? grouping.format(n) : String(n));
  const i18n: I18n = {
    locale,
    t,
    tp: (key, n, params) =>
      t(`${key}.${plural.select(n) === 'one' ? 'one' : 'other'}` as MessageKey, { count: count(n), ...params }),
    say,
    count,
  };
  made.set(locale, i18n);
  return i18n;
}

/** English: the default for text made outside the page's language (tests, exports). */
export const EN: I18n = i18nFor('en');
