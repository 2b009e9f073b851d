// docs/url.md's table of run settings is the settings table (src/engine/settings.ts) in Markdown:
// this test fails when they differ. `npm run docs:url` writes the table into the file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { SETTINGS, type SettingRow, type SettingSpec } from '../src/engine/settings';
import { HIDEABLE_CONTROLS } from '../src/state/url';

const FILE = join(import.meta.dirname, '..', 'docs', 'url.md');
const START = '<!-- settings-table:start -->';
const END = '<!-- settings-table:end -->';

const code = (text: string | number | boolean) => `\`${text}\``;

/** The values a row's type allows, where its row does not say them in words. */
function valuesOf(spec: SettingRow): string {
  const doc: SettingSpec['doc'] = spec.doc;
  if (doc.values) return doc.values;
  const { kind } = spec;
  switch (kind.type) {
    case 'int':
      return `whole number ${kind.min} … ${kind.max}`;
    case 'flag':
      return '`1` / `0`';
    case 'choice':
      return kind.choices.map(code).join(', ');
    default:
      throw new Error(`${spec.key}: say its values in the row's doc.values`);
  }
}

const defaultOf = (spec: SettingRow) => code(typeof spec.default === 'boolean' ? (spec.default ? 1 : 0) : spec.default);

export function settingsMarkdown(): string {
  const rows = SETTINGS.map((s) => `| ${code(s.key)} | ${s.doc.meaning} | ${valuesOf(s)} | ${defaultOf(s)} |`);
  return ['| key | setting | values | default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

test("docs/url.md's run settings are the settings table's rows", () => {
  const text = readFileSync(FILE, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  expect(start, `${START} in docs/url.md`).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const expected = `${START}\n${settingsMarkdown()}\n${END}`;
  if (process.env.WRITE_DOCS === '1')
    writeFileSync(FILE, text.slice(0, start) + expected + text.slice(end + END.length));
  else expect(text.slice(start, end + END.length), 'run `npm run docs:url` to rewrite it').toBe(expected);
});

test("docs/url.md's hide= names are the controls hide= knows", () => {
  const text = readFileSync(FILE, 'utf8');
  const section = text.slice(text.indexOf('\n## hide\n'));
  const names = [...section.matchAll(/^\| `([a-z]+)` +\|/gm)].map((m) => m[1]);
  expect(names.sort()).toEqual([...HIDEABLE_CONTROLS].sort());
});
