// The user's own data: a CSV of x,y rows (header optional) → two float32 columns. DOM-free, so the
// same parser checks pasted text, uploaded files and the tests. Every problem names its line.
import { problem, type Problem } from './problem';

export const MAX_CSV_ROWS = 1_000_000;

export interface CustomData {
  x: Float32Array;
  y: Float32Array;
}

export type CsvProblemKey =
  | 'csv.empty'
  | 'csv.headerOnly'
  | 'csv.tooManyRows'
  | 'csv.columns'
  | 'csv.nonFinite'
  | 'csv.tooLarge'
  | 'csv.notNumber'
  | 'csv.tooLargeFloat32';

export type CsvParseResult =
  { ok: true; data: CustomData; header: boolean } | { ok: false; problem: Problem<CsvProblemKey> };

/** A refusal, said by the page in its reader's language. */
function refuse(key: CsvProblemKey, params?: Problem['params']): CsvParseResult {
  return { ok: false, problem: problem(key, params) };
}

// Plain decimals only, as Python's float() reads them: no '', '0x10', 'Infinity', 'NaN'.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

function readCell(text: string): number | null {
  const t = text.trim();
  if (!DECIMAL.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function quoted(text: string): string {
  const t = text.trim();
  return JSON.stringify(t.length > 30 ? `${t.slice(0, 30)}…` : t);
}

export function parseCsvData(text: string): CsvParseResult {
  const lines = text.split(/\r\n|\n|\r/);
  const rowLines: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].trim() !== '') rowLines.push(i);
  if (rowLines.length === 0) return refuse('csv.empty');

  const first = lines[rowLines[0]].split(',');
  const header = first.length === 2 && first.every((cell) => readCell(cell) === null && !NON_FINITE.test(cell.trim()));
  const dataLines = header ? rowLines.slice(1) : rowLines;
  if (dataLines.length === 0) return refuse('csv.headerOnly');
  if (dataLines.length > MAX_CSV_ROWS) {
    return refuse('csv.tooManyRows', { line: dataLines[MAX_CSV_ROWS] + 1, max: MAX_CSV_ROWS.toLocaleString('en') });
  }
  const n = dataLines.length;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const lineNo = dataLines[r] + 1;
    const cells = lines[dataLines[r]].split(',');
    if (cells.length !== 2) {
      return refuse('csv.columns', { line: lineNo, found: cells.length });
    }
    for (let c = 0; c < 2; c++) {
      const cell = cells[c].trim();
      const column = c === 0 ? 'x' : 'y';
      if (NON_FINITE.test(cell)) {
        return refuse('csv.nonFinite', { line: lineNo, column, cell: quoted(cell) });
      }
      const value = readCell(cell);
      if (value === null) {
        const tooBig = DECIMAL.test(cell); // a decimal that overflows a double
        return refuse(tooBig ? 'csv.tooLarge' : 'csv.notNumber', { line: lineNo, column, cell: quoted(cell) });
      }
      const f32 = Math.fround(value);
      if (!Number.isFinite(f32)) {
        return refuse('csv.tooLargeFloat32', { line: lineNo, column, cell: quoted(cell) });
      }
      if (c === 0) x[r] = f32;
      else y[r] = f32;
    }
  }
  return { ok: true, data: { x, y }, header };
}
