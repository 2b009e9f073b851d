// The Node bench's table as text: one line per case and engine, each rate as "median (min–max)".
import type { BenchCase } from '../cases';
import type { Spread, SummaryRow } from './summary';

const number = (v: number) =>
  !Number.isFinite(v) ? String(v) : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3);
const ratio = (v: number) => (!Number.isFinite(v) ? '—' : v >= 10 ? v.toFixed(1) : v.toPrecision(2));

export const formatSpread = (s: Spread, format = number, unit = '') =>
  `${format(s.median)}${unit} (${format(s.min)}–${format(s.max)}${unit})`;

export function formatTable(rows: readonly SummaryRow[], cases: readonly BenchCase[]): string {
  const header = [
    'case',
    'engine',
    'path',
    'steps/s',
    'samples/s',
    '× JS floor (samples/s)',
    'first steps vs f64',
    'last step vs f64 (loss, params)',
  ];
  const lines = rows.map((r) => [
    cases.find((c) => c.id === r.caseId)?.id ?? r.caseId,
    r.engine,
    r.note ?? '',
    formatSpread(r.stepsPerSecond),
    formatSpread(r.samplesPerSecond),
    formatSpread(r.vsJsFloor, ratio, '×'),
    r.maxRelativeErrorFloat64.toExponential(1),
    `${r.finalRelativeErrorFloat64?.toExponential(1) ?? '—'}, ${r.finalParamsRelativeErrorFloat64.toExponential(1)}` +
      (r.agreesWithFloat64 ? '' : ' WRONG'),
  ]);
  return alignColumns(header, lines, 3);
}

/** Columns padded to their widest cell: the first `textColumns` to the left, the figures to the right. */
export function alignColumns(header: readonly string[], lines: readonly string[][], textColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const pad = (cells: readonly string[]) =>
    cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [pad(header), ...lines.map(pad)].join('\n');
}
