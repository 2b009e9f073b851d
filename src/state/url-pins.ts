// Pinned runs in a link, so that a comparison can be shared: one `pin=` per pinned run, its settings
// as the settings table's URL keys, `key.value` pairs joined by `_` (neither is escaped in a query):
//   ?batch=10&pin=batch.1&pin=batch.3             B = 1 and B = 3 pinned under a live B = 10
//   ?pin=batch.3_lr.1&pin=batch.3_lr.0.03
// A pin always names its batch size, then what differs from the defaults, like the link itself. The
// page retrains each pin on open (same seed, same curves) and pins it. Speed and backend are not a
// pin's: pinned runs train at full speed, on the page's backend.
import { DEFAULT_CONFIG, validateConfig, type RunConfig } from '../engine/config';
import type { SettingField } from '../engine/settings';
import { message, type Message } from '../i18n/message';
import { MAX_PINNED } from './pinned-runs';
import { PRESETS, type Preset } from './presets';
import { quoted, readValue, replaceSearch, URL_KEYS, writeValue } from './url';

export const PIN_KEY = 'pin';
const NOT_PINNED: readonly SettingField[] = ['speed', 'backend'];
const PAIRS = '_';
const KEY_VALUE = '.';

/** A pin's text: `batch.B` first, then each setting that differs from `defaults`, in URL_KEYS order. */
export function pinText(config: RunConfig, defaults: RunConfig = DEFAULT_CONFIG): string {
  const pairs = URL_KEYS.filter(
    ({ field }) => field === 'batchSize' || (!NOT_PINNED.includes(field) && config[field] !== defaults[field]),
  ).map(({ key, field }) => `${key}${KEY_VALUE}${writeValue(config, field)}`);
  return pairs.join(PAIRS);
}

export interface PinsParse {
  /** The pinned runs' settings, in the link's order, at full speed on `page`'s backend. */
  pins: RunConfig[];
  /** One message per `pin=` that was not used (the whole pin is left out: half of it is another run). */
  ignored: Message[];
}

function pinProblem(text: string): Message | { config: Partial<Record<keyof RunConfig, unknown>> } {
  const candidate: Partial<Record<keyof RunConfig, unknown>> = {};
  for (const pair of text === '' ? [] : text.split(PAIRS)) {
    const at = pair.indexOf(KEY_VALUE);
    if (at <= 0) return message('url.pinFormat');
    const key = pair.slice(0, at).toLowerCase();
    const row = URL_KEYS.find((k) => k.key === key);
    if (!row) return message('url.pinKey', { key: quoted(key) });
    if (NOT_PINNED.includes(row.field)) return message('url.pinFixed', { key });
    candidate[row.field] = readValue(row.kind, pair.slice(at + 1));
  }
  return { config: candidate };
}

/** The link's `pin=` values; `page`: the link's own run, whose backend the pins train on. */
export function parsePins(search: string, page: RunConfig, defaults: RunConfig = DEFAULT_CONFIG): PinsParse {
  const pins: RunConfig[] = [];
  const ignored: Message[] = [];
  for (const text of new URLSearchParams(search).getAll(PIN_KEY)) {
    const notUsed = (problem: Message) =>
      ignored.push(message('url.invalid', { key: PIN_KEY, value: quoted(text), problem }));
    if (pins.length >= MAX_PINNED) {
      notUsed(message('url.pinMax', { max: MAX_PINNED }));
      continue;
    }
    const read = pinProblem(text);
    if ('key' in read) {
      notUsed(read);
      continue;
    }
    const { config, problems } = validateConfig(read.config, defaults);
    const field = URL_KEYS.find((k) => problems[k.field]);
    const problem = field && problems[field.field];
    if (field && problem) {
      const value = text.split(PAIRS).find((p) => p.toLowerCase().startsWith(`${field.key}${KEY_VALUE}`)) ?? '';
      notUsed(message('url.invalid', { key: field.key, value: quoted(value.slice(field.key.length + 1)), problem }));
      continue;
    }
    pins.push({ ...config, speed: 0, backend: page.backend });
  }
  return { pins, ignored };
}

/** `currentSearch` with one `pin=` per run of `pinned` (none left when empty), after the other keys. */
export function pinsToSearch(pinned: readonly RunConfig[], currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  params.delete(PIN_KEY);
  for (const config of pinned) params.append(PIN_KEY, pinText(config));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const writePinsToUrl = (pinned: readonly RunConfig[]): void =>
  replaceSearch((search) => pinsToSearch(pinned, search));

/** `preset=<id>`: the preset whose sentence on what to look at the page shows (the comparison's own). */
export const PRESET_KEY = 'preset';

/** The link's preset (its note is shown), or null; an unknown id is named in the notice. */
export function parsePresetNote(search: string): { preset: Preset | null; ignored: Message[] } {
  const id = new URLSearchParams(search).get(PRESET_KEY);
  if (id === null) return { preset: null, ignored: [] };
  const preset = PRESETS.find((p) => p.id === id.toLowerCase()) ?? null;
  const names = PRESETS.map((p) => p.id).join(', ');
  return { preset, ignored: preset ? [] : [message('url.preset', { value: quoted(id), names })] };
}

/** `currentSearch` with `preset=<id>`, or without the key for null. */
export function presetToSearch(id: string | null, currentSearch: string): string {
  const params = new URLSearchParams(currentSearch);
  if (id === null) params.delete(PRESET_KEY);
  else params.set(PRESET_KEY, id);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const writePresetToUrl = (id: string | null): void => replaceSearch((search) => presetToSearch(id, search));
