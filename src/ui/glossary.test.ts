// The glossary's explanations (src/i18n/glossary.ts, shown by Term.tsx): in both catalogues, short,
// and the settings table's keys among them (e2e/glossary.spec.ts checks each one is shown).
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../engine/settings';
import { enGlossary as en } from '../i18n/glossary-en';
import { zhCN } from '../i18n/zh-CN';

const GLOSSARY_KEYS = Object.keys(en).filter((key) => key.startsWith('glossary.')) as (keyof typeof en)[];

describe('the glossary', () => {
  it('explains every term in both languages, in Chinese words in the Chinese catalogue', () => {
    expect(GLOSSARY_KEYS.length).toBeGreaterThanOrEqual(20);
    for (const key of GLOSSARY_KEYS) {
      expect(en[key].trim(), key).not.toBe('');
      expect(zhCN[key], key).toMatch(/[\u4e00-\u9fff]{4}/);
      expect(zhCN[key], key).not.toBe(en[key]);
    }
  });

  it('keeps explanations short: a few plain sentences', () => {
    for (const key of GLOSSARY_KEYS) {
      expect(en[key].split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length, key).toBeLessThanOrEqual(4);
      expect(zhCN[key].length, key).toBeLessThan(160);
    }
  });

  it('names a catalogue key for the settings a student meets first, each key of the catalogue', () => {
    const explained = SETTINGS.filter((s) => 'glossary' in s).map((s) => s.field);
    expect(explained).toEqual(
      expect.arrayContaining(['batchSize', 'shuffle', 'replacement', 'learningRate', 'epochs', 'seed', 'dropLast']),
    );
    expect(explained).toEqual(expect.arrayContaining(['backend', 'validationSplit']));
    const fromTable = new Set(SETTINGS.flatMap((s) => ('glossary' in s ? [s.glossary] : [])));
    for (const key of fromTable) expect(GLOSSARY_KEYS, key).toContain(key);
  });
});
