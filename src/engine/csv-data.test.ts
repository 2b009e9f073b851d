import { describe, expect, it } from 'vitest';
import { MAX_CSV_ROWS, parseCsvData } from './csv-data';
import { englishText, englishTexts } from '../i18n/message';
import { validateConfig as validate, DEFAULT_CONFIG } from './config';
import { createRunPlan, datasetSizeFor } from './plan';

function ok(text: string) {
  const r = parseCsvData(text);
  if (!r.ok) throw new Error(englishText(r.problem));
  return r;
}
function error(text: string): string {
  const r = parseCsvData(text);
  if (r.ok) throw new Error('parsed');
  return englishText(r.problem);
}

/** The schema's refusals in English, as a reader sees them. */
const validateConfig = (...args: Parameters<typeof validate>) => {
  const result = validate(...args);
  return { ...result, errors: englishTexts(result.problems) };
};

describe('parseCsvData', () => {
  it('reads x,y rows as float32 columns, without a header', () => {
    const r = ok('1,2\n2.5,-4e1\n0.1, 7 \n');
    expect(r.header).toBe(false);
    expect(Array.from(r.data.x)).toEqual([1, 2.5, Math.fround(0.1)]);
    expect(Array.from(r.data.y)).toEqual([2, -40, 7]);
    expect(r.data.x).toBeInstanceOf(Float32Array);
  });

  it('skips a header row and blank lines, with CRLF line ends', () => {
    const r = ok('x,y\r\n\r\n1,2\r\n3,4\r\n');
    expect(r.header).toBe(true);
    expect(Array.from(r.data.x)).toEqual([1, 3]);
    expect(ok('"time","distance"\n.5,5.\n').header).toBe(true);
  });

  it('names the line of a non-numeric cell, counting blank lines and the header', () => {
    expect(error('x,y\n1,2\n\n3,abc\n')).toBe('Line 4: y is "abc", not a number.');
    expect(error('1,2\n0x10,3')).toBe('Line 2: x is "0x10", not a number.');
    expect(error('1,2\n,3')).toBe('Line 2: x is "", not a number.');
  });

  it('names the line of a wrong column count', () => {
    expect(error('1,2\n3\n')).toBe('Line 2: expected 2 columns (x,y), found 1.');
    expect(error('x,y\n1,2,3')).toBe('Line 2: expected 2 columns (x,y), found 3.');
  });

  it('rejects an empty file and a header alone', () => {
    expect(error('')).toBe('The CSV is empty: give one x,y pair per line.');
    expect(error(' \n\n')).toBe('The CSV is empty: give one x,y pair per line.');
    expect(error('x,y\n')).toBe('The CSV has a header but no data rows.');
  });

  it('rejects NaN and Infinity, also as an overflow', () => {
    expect(error('1,2\nNaN,3')).toBe('Line 2: x is "NaN"; NaN and Infinity cannot be trained on.');
    expect(error('1,-inf')).toBe('Line 1: y is "-inf"; NaN and Infinity cannot be trained on.');
    expect(error('1,Infinity')).toBe('Line 1: y is "Infinity"; NaN and Infinity cannot be trained on.');
    expect(error('1,1e400')).toBe('Line 1: y = "1e400" is too large (Infinity).');
    expect(error('1e39,1')).toBe('Line 1: x = "1e39" is too large for float32 (Infinity).');
  });

  it('takes 1,000,000 rows and refuses one more, naming its line', () => {
    const rows = '1,2\n'.repeat(MAX_CSV_ROWS);
    expect(ok(rows).data.x.length).toBe(MAX_CSV_ROWS);
    expect(ok(`x,y\n${rows}`).data.y.length).toBe(MAX_CSV_ROWS);
    expect(error(`${rows}1,2\n`)).toBe('Line 1000001: more than 1,000,000 rows (the most the app trains on).');
  });
});

describe('dataset custom', () => {
  const customData = ok('x,y\n1,3\n2,5\n3,7\n4,9\n5,11').data;
  it('is valid only with data, and N is its row count', () => {
    expect(validateConfig({ dataset: 'custom' }).errors.dataset).toMatch(/stored in this browser/);
    const { config, errors } = validateConfig({ dataset: 'custom', customData });
    expect(errors).toEqual({});
    expect(config.samples).toBe(5);
    expect(datasetSizeFor(config)).toBe(5);
    expect(Array.from(createRunPlan({ ...config, batchSize: 2 }).dataset.y)).toEqual([3, 5, 7, 9, 11]);
    expect(
      validateConfig({ customData: { x: new Float32Array(2), y: new Float32Array(3) } }).errors.customData,
    ).toBeDefined();
    expect(validateConfig({ dataset: 'custom' }, { ...DEFAULT_CONFIG, customData }).config.dataset).toBe('custom');
  });
});
