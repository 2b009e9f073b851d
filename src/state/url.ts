// The page URL's query ⇄ RunConfig, so that a link reproduces a run:
//   ?batch=3&shuffle=1&lr=0.01&epochs=10&seed=0&droplast=0&speed=0&backend=webgpu
// Parsing goes through validateConfig; a bad or unknown parameter is ignored and named in a notice,
// never a blank page. Writing keeps only non-default values and leaves foreign parameters alone.
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../engine/config';
import { SETTINGS, settingOf, type HideableSetting, type SettingField, type SettingKind } from '../engine/settings';
import { parseLocale, type Locale } from '../i18n/locale';
import { message, type Message } from '../i18n/message';
import type { BatchOrder } from './view-store';

/** Query key, the RunConfig field it sets, and how its text is read: the settings table's rows. */
export const URL_KEYS: ReadonlyArray<{ key: string; field: SettingField; kind: SettingKind['type'] }> = SETTINGS.map(
  (s) => ({ key: s.key, field: s.field, kind: s.kind.type }),
);

const SPEED_KEY = settingOf('speed').key;

/** View option, not a RunConfig field: `projector=1` turns projector mode on. */
export const PROJECTOR_KEY = 'projector';
/** The page's language: `lang=en` or `lang=zh-CN`; without it, the browser's. */
export const LANG_KEY = 'lang';

const OWN_KEYS = new Set(URL_KEYS.map((k) => k.key));
/**
 * Keys that are not settings but are not news either: `testhooks` (e2e tests, see test-hooks.ts) and
 * the view option `projector` (read by parseProjector, not part of RunConfig).
 */
const QUIET_KEYS = new Set([
  'testhooks',
  PROJECTOR_KEY,
  LANG_KEY,
  'hide',
  'embed',
  'xaxis',
  'logy',
  'corder',
  'pin',
  'preset',
  // The Experiments section's boxes and its start (url-experiment.ts): refusals are shown by the box.
  'xb',
  'xlr',
  'xshuffle',
  'xseeds',
  'xtarget',
  'xrun',
]);
const SHOWN_TEXT_MAX = 60;

/** A link's text as the notice quotes it: at most SHOWN_TEXT_MAX characters (React escapes it). */
export function quoted(text: string): string {
  return text.length > SHOWN_TEXT_MAX ? `${text.slice(0, SHOWN_TEXT_MAX)}…` : text;
}

export interface UrlParseResult {
  config: RunConfig;
  /** One message per parameter that was not used, e.g. `batch=abc: Batch size must be …`. */
  ignored: Message[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal: '' , ' ', '0x10', 'Infinity' are not numbers here (Number() would accept some). */
function readNumber(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

export function readFlag(text: string): boolean | string {
  const t = text.toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return text; // not a boolean: validateConfig rejects it with its own message
}

export function readValue(kind: SettingKind['type'], text: string): unknown {
  switch (kind) {
    case 'int':
    case 'number':
      return readNumber(text);
    case 'flag':
      return readFlag(text);
    case 'choice':
      return text.toLowerCase();
    case 'seed':
      // As text: a number would round seeds beyond 2^53 (validateConfig parses it).
      return text;
  }
}

export function parseUrlConfig(search: string, defaults: RunConfig = DEFAULT_CONFIG): UrlParseResult {
  const params = new URLSearchParams(search);
  const ignored: Message[] = [];
  const candidate: Partial<Record<keyof RunConfig, unknown>> = {};
  const textOf: Partial<Record<keyof RunConfig, string>> = {};

  for (const { key, field, kind } of URL_KEYS) {
    const values = params.getAll(key);
    if (values.length === 0) continue;
    if (values.length > 1) {
      ignored.push(message('url.repeated', { key, times: values.length, value: quoted(values[0]) }));
    }
    candidate[field] = readValue(kind, values[0]);
    textOf[field] = values[0];
  }
  const unknown = [...new Set([...params.keys()].filter((k) => !OWN_KEYS.has(k) && !QUIET_KEYS.has(k)))];
  for (const key of unknown) ignored.push(message('url.unknown', { key: quoted(key) }));

  const { config, problems } = validateConfig(candidate, defaults);
  for (const { key, field } of URL_KEYS) {
    const problem = problems[field];
    if (problem) ignored.push(message('url.invalid', { key, value: quoted(textOf[field] ?? ''), problem }));
  }
  return { config, ignored };
}

export function writeValue(config: RunConfig, field: SettingField): string {
  const value = config[field];
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/**
 * The query string for `config`: only the values that differ from `defaults`, in URL_KEYS order,
 * followed by any parameters of `currentSearch` that this module does not own.
 */
export function configToSearch(config: RunConfig, currentSearch = '', defaults: RunConfig = DEFAULT_CONFIG): string {
  const out = new URLSearchParams();
  for (const { key, field } of URL_KEYS) {
    if (config[field] !== defaults[field]) out.append(key, writeValue(config, field));
  }
  for (const [key, value] of new URLSearchParams(currentSearch)) {
    if (!OWN_KEYS.has(key)) out.append(key, value);
  }
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** Rewrites the address bar's query with `toSearch`, without a reload or a new history entry. */
export function replaceSearch(toSearch: (currentSearch: string) => string): void {
  const { pathname, search, hash } = window.location;
  const next = toSearch(search);
  if (next !== search) window.history.replaceState(window.history.state, '', `${pathname}${next}${hash}`);
}

/**
 * The query for `config` as the page writes it. A speed the reader chose is written even at its
 * default (an explicit `speed=0` keeps full speed on tutorial-sized data); one nobody chose is left
 * out, so that the link opens at the speed that fits its data (engine/classroom-speed.ts).
 */
export function configToPageSearch(config: RunConfig, currentSearch: string, speedChosen: boolean): string {
  if (!speedChosen) return configToSearch({ ...config, speed: DEFAULT_CONFIG.speed }, currentSearch);
  const text = configToSearch(config, currentSearch);
  if (config.speed !== DEFAULT_CONFIG.speed) return text;
  const params = new URLSearchParams(text);
  params.set(SPEED_KEY, String(config.speed));
  return `?${params.toString()}`;
}

export const writeConfigToUrl = (config: RunConfig, speedChosen = true): void =>
  replaceSearch((search) => configToPageSearch(config, search, speedChosen));

/**
 * Whether a link names its speed (`speed=`, also `speed=0`): then the page does not choose one for it.
 * A `speed=` the settings refused (listed as not used) or left empty chose nothing: the data's size does.
 */
function speedAccepted(search: string, config: RunConfig): boolean {
  const raw = new URLSearchParams(search).get(SPEED_KEY)?.trim();
  return raw !== undefined && raw !== '' && config.speed === Number(raw);
}

/** Projector mode from a query string: on for `projector=1` (or `true`), off otherwise. */
export function parseProjector(search: string): boolean {
  const value = new URLSearchParams(search).get(PROJECTOR_KEY);
  return value !== null && readFlag(value) === true;
}

/** `currentSearch` with `projector=1` when on and without the key when off; the rest kept in order. */
export function projectorToSearch(on: boolean, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  if (on) params.set(PROJECTOR_KEY, '1');
  else params.delete(PROJECTOR_KEY);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const writeProjectorToUrl = (on: boolean): void => replaceSearch((search) => projectorToSearch(on, search));

/**
 * Control names for `hide=` (a comma list): embedded exercises can hide what the exercise fixes.
 * `run` is the Train/Pause/Step/Reset buttons; `view` the View group (projector mode, shortcuts);
 * `noise` the figure Gradient noise (nothing of it is computed then).
 */
const PAGE_CONTROLS = ['presets', 'export', 'view', 'run', 'noise'] as const;
export type HideableControl = HideableSetting | (typeof PAGE_CONTROLS)[number];
export const HIDEABLE_CONTROLS: readonly HideableControl[] = [
  ...SETTINGS.flatMap((s): HideableSetting[] => (s.hide ? [s.hide] : [])),
  ...PAGE_CONTROLS,
];

export interface PageOptions {
  /** Controls that `hide=` removes. */
  hidden: ReadonlySet<HideableControl>;
  /** `embed=1`: no header or intro, compact layout. */
  embed: boolean;
  /** The loss chart's x axis (`xaxis=epoch`) and log scale (`logy=1`). */
  xAxis: 'step' | 'epoch';
  logScale: boolean;
  /** The batch composition's order (`corder=drawn|sample`); null: the chart picks by its size. */
  order: BatchOrder | null;
  /** The page's language from `lang=` (en, zh-CN; zh and other tags are read too), or null. */
  locale: Locale | null;
  /** One message per hide name or view value that was not understood, for the URL notice. */
  ignored: Message[];
}

export function parsePageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const ignored: Message[] = [];
  const hidden = new Set<HideableControl>();
  for (const list of params.getAll('hide')) {
    for (const raw of list.split(',')) {
      const name = raw.trim().toLowerCase();
      if (!name) continue;
      if ((HIDEABLE_CONTROLS as readonly string[]).includes(name)) hidden.add(name as HideableControl);
      else ignored.push(message('url.hide', { value: quoted(raw.trim()) }));
    }
  }
  const flag = (key: string): boolean => {
    const value = params.get(key);
    if (value === null) return false;
    const read = readFlag(value);
    if (typeof read === 'boolean') return read;
    ignored.push(message('url.flag', { key, value: quoted(value) }));
    return false;
  };
  const embed = flag('embed');
  const logScale = flag('logy');
  const axis = params.get('xaxis');
  let xAxis: 'step' | 'epoch' = 'step';
  if (axis !== null) {
    const a = axis.toLowerCase();
    if (a === 'step' || a === 'epoch') xAxis = a;
    else ignored.push(message('url.xaxis', { value: quoted(axis) }));
  }
  const corder = params.get('corder');
  let order: BatchOrder | null = null;
  if (corder !== null) {
    const o = corder.toLowerCase();
    if (o === 'drawn' || o === 'sample') order = o;
    else ignored.push(message('url.corder', { value: quoted(corder) }));
  }
  const lang = params.get(LANG_KEY);
  const locale = lang === null ? null : parseLocale(lang);
  if (lang !== null && locale === null) ignored.push(message('url.lang', { value: quoted(lang) }));
  return { hidden, embed, xAxis, logScale, order, locale, ignored };
}

/** Everything a link says: the run's settings, the page's options, and what it said that was not used. */
export interface Link {
  config: RunConfig;
  /** The link says `speed=`: the page keeps it instead of choosing one by the data's size. */
  speedChosen: boolean;
  page: PageOptions & { projector: boolean };
  /** One message per parameter that was not used, settings' first. */
  ignored: Message[];
}

/** The one reading of the page's link, at the composition root (main.tsx). */
export function parseLink(search: string, defaults: RunConfig = DEFAULT_CONFIG): Link {
  const { config, ignored } = parseUrlConfig(search, defaults);
  const page = parsePageOptions(search);
  return {
    config,
    speedChosen: speedAccepted(search, config),
    page: { ...page, projector: parseProjector(search) },
    ignored: [...ignored, ...page.ignored],
  };
}

/** The view options a link keeps: the loss chart's axis and scale, the batch composition's order. */
export interface UrlView {
  xAxis: 'step' | 'epoch';
  logScale: boolean;
  /** null: not chosen, the chart's own default (no `corder` key). */
  order: BatchOrder | null;
}

/** `currentSearch` with the view (`xaxis`, `logy`, `corder`) written; defaults drop the key. */
export function viewToSearch(view: UrlView, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  if (view.xAxis === 'epoch') params.set('xaxis', 'epoch');
  else params.delete('xaxis');
  if (view.logScale) params.set('logy', '1');
  else params.delete('logy');
  if (view.order) params.set('corder', view.order);
  else params.delete('corder');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const writeViewToUrl = (view: UrlView): void => replaceSearch((search) => viewToSearch(view, search));

/** `currentSearch` with `lang=` set to `locale`; the rest kept in order. */
export function langToSearch(locale: Locale, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  params.set(LANG_KEY, locale);
  return `?${params.toString()}`;
}

/** Keeps the chosen language in the link, so that a copied link opens in it. */
export const writeLangToUrl = (locale: Locale): void => replaceSearch((search) => langToSearch(locale, search));

/** The same link without `embed=` and `hide=`: the whole page, for the embed's "open the full app". */
export function withoutEmbedding(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('embed');
  params.delete('hide');
  const text = params.toString();
  return text ? `?${text}` : '';
}
