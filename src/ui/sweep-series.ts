// What the throughput lab's charts and its explanation are made of, computed from the sweep's
// points: log axes (powers of two for batch sizes, decades for rates, times and losses), one loss
// curve per batch size, and the sentences that read the sweep out for students.
import { EN, type I18n } from '../i18n/translate';
import type { SweepPoint } from '../protocol';
import { spreadOf } from '../analysis/timing-repeats';
import { significant } from './numbers';

export interface LogAxis {
  domain: [number, number];
  ticks: number[];
}

/** Powers of ten around the positive finite values; null when there are none. */
export function decadeAxis(values: readonly number[]): LogAxis | null {
  const usable = values.filter((v) => Number.isFinite(v) && v > 0);
  if (usable.length === 0) return null;
  let low = Math.floor(Math.log10(Math.min(...usable)));
  let high = Math.ceil(Math.log10(Math.max(...usable)));
  if (high === low) high += 1;
  // Many decades: label every other one, or every third.
  const every = Math.ceil((high - low + 1) / 7);
  low -= ((low % every) + every) % every;
  const ticks: number[] = [];
  let k = low;
  for (; ; k += every) {
    ticks.push(Number((10 ** k).toPrecision(1)));
    if (k >= high) break;
  }
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/** The batch-size axis (log 2): its ends, and ticks at the swept sizes (thinned when there are many). */
export function batchSizeAxis(batchSizes: readonly number[]): LogAxis {
  const sizes = [...batchSizes].sort((a, b) => a - b);
  if (sizes.length === 0) return { domain: [1, 2], ticks: [1, 2] };
  const every = Math.ceil(sizes.length / 11);
  const ticks = sizes.filter((_, i) => i % every === 0 || i === sizes.length - 1);
  const lo = sizes[0];
  const hi = sizes[sizes.length - 1];
  // A little room either side, so the end points' dots are not cut by the plot's edges.
  return { domain: [lo / 1.25, (hi > lo ? hi : lo * 2) * 1.25], ticks };
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/**
 * A batch size as a tick reads it: exact (1024, 8192 — a power of two rounded to "1.02 k" is no longer
 * one), with the locale's grouping for other sizes (10,000) and compact only beyond a million.
 */
export function batchSizeLabel(b: number, i18n: I18n = EN): string {
  if (isPowerOfTwo(b) && b < 2 ** 21) return String(b);
  return b < 1e6 ? i18n.count(b) : compact(b, '', i18n);
}

export interface CurvePoint {
  x: number;
  loss: number;
}

/** A batch size's loss curve against seconds or epochs, with the points a log-log chart can show. */
export function lossCurve(point: SweepPoint, axis: 'seconds' | 'epochs'): CurvePoint[] {
  return point.curve
    .map((c) => ({ x: c[axis], loss: c.loss }))
    .filter((c) => c.x > 0 && Number.isFinite(c.x) && c.loss > 0 && Number.isFinite(c.loss));
}

/** Plasma's stops without its pale yellow end: small batches dark blue, the largest orange. */
const CURVE_STOPS: [number, number, number][] = [
  [13, 8, 135],
  [106, 0, 168],
  [177, 42, 144],
  [225, 100, 98],
  [240, 150, 40],
];

/** The colour of batch size number `index` of `count`, ordered along a sequential scale. */
export function curveColour(index: number, count: number): string {
  const t = count <= 1 ? 0 : index / (count - 1);
  const at = t * (CURVE_STOPS.length - 1);
  const k = Math.min(Math.floor(at), CURVE_STOPS.length - 2);
  const f = at - k;
  const rgb = CURVE_STOPS[k].map((c, i) => Math.round(c + (CURVE_STOPS[k + 1][i] - c) * f));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * 1234567 → "1.23 M", 0.000123 → "123 µ": three significant figures with an SI prefix. A count
 * (no unit) in Chinese reads in 万 and 亿 instead ("123万"), as Chinese readers count.
 */
export function compact(value: number, unit = '', i18n: I18n = EN): string {
  if (!Number.isFinite(value)) return String(value);
  if (!unit && i18n.locale === 'zh-CN' && Math.abs(value) >= 1) return chineseCompact.format(value);
  if (value === 0) return `0${unit ? ` ${unit}` : ''}`;
  const prefixes: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
    [1, ''],
    [1e-3, 'm'],
    [1e-6, 'µ'],
  ];
  const [scale, prefix] = prefixes.find(([s]) => Math.abs(value) >= s) ?? prefixes[prefixes.length - 1];
  const digits = Number((value / scale).toPrecision(3));
  const text = String(digits);
  return `${text}${prefix || unit ? ' ' : ''}${prefix}${unit}`;
}

const chineseCompact = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumSignificantDigits: 3 });

export const secondsText = (seconds: number): string => compact(seconds, 's');

/** A batch size's samples per second over its timing repeats (its one overall rate when it has none). */
function rateSpread(p: SweepPoint) {
  return spreadOf(p.rateRepeats) ?? { min: p.samplesPerSecond, median: p.samplesPerSecond, max: p.samplesPerSecond };
}

export type FastestVerdict =
  /** The fastest's slowest timing beats every other batch size's fastest one. */
  | { kind: 'clear'; fastest: SweepPoint; next: SweepPoint }
  /** The top ones' timings overlap (or the fastest's spread is unmeasured): fastest first. */
  | { kind: 'within-noise'; top: SweepPoint[] };

/**
 * Which batch size is fastest, if one is beyond the measured spread: the highest overall rate wins
 * only when its slowest repeat is faster than the fastest repeat of every other batch size; else the
 * batch sizes whose timings reach into its range are named together. One timing is no spread: a
 * fastest with fewer than two repeats is never named alone.
 */
export function fastestVerdict(points: readonly SweepPoint[]): FastestVerdict | null {
  if (points.length < 2) return null;
  const ranked = [...points].sort((a, b) => b.samplesPerSecond - a.samplesPerSecond);
  const [fastest, ...rest] = ranked;
  const floor = rateSpread(fastest).min;
  const overlapping = rest.filter((p) => rateSpread(p).max >= floor);
  if (fastest.rateRepeats.length >= 2 && overlapping.length === 0) return { kind: 'clear', fastest, next: rest[0] };
  return { kind: 'within-noise', top: [fastest, ...(overlapping.length > 0 ? overlapping : [rest[0]])] };
}

function fastestFinding(verdict: FastestVerdict, smallest: SweepPoint, i18n: I18n): string {
  const { t } = i18n;
  const rate = (x: number) => compact(x, '', i18n);
  const ratioTo = (p: SweepPoint) => {
    const ratio = p.samplesPerSecond / smallest.samplesPerSecond;
    return ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1);
  };
  const against = { smallest: smallest.batchSize, smallestRate: rate(smallest.samplesPerSecond) };
  if (verdict.kind === 'clear') {
    const { fastest, next } = verdict;
    return (
      t('lab.findingFastest', {
        fastest: fastest.batchSize,
        rate: rate(fastest.samplesPerSecond),
        ratio: ratioTo(fastest),
        ...against,
      }) +
      t('app.sentenceGap') +
      t('lab.findingClear', {
        repeats: fastest.rateRepeats.length,
        min: rate(rateSpread(fastest).min),
        next: next.batchSize,
        nextMax: rate(rateSpread(next).max),
      })
    );
  }
  const { top } = verdict;
  const sizes = [...top].sort((a, b) => a.batchSize - b.batchSize).map((p) => String(p.batchSize));
  const rates = top.flatMap((p) => [rateSpread(p).min, rateSpread(p).max]);
  return t('lab.findingWithinNoise', {
    sizes: sizes.join(i18n.locale === 'en' ? ', ' : '、'),
    low: rate(Math.min(...rates)),
    high: rate(Math.max(...rates)),
    ratio: ratioTo(top[0]),
    ...against,
  });
}

/** What this sweep shows, in words: the fastest batch size (if one is, beyond noise) against B = 1, and the epoch-time trade. */
export function sweepFindings(points: readonly SweepPoint[], i18n: I18n = EN): string[] {
  const { t } = i18n;
  const verdict = fastestVerdict(points);
  if (!verdict) return [];
  const sorted = [...points].sort((a, b) => a.batchSize - b.batchSize);
  const smallest = sorted[0];
  const largest = sorted[sorted.length - 1];
  const lines = [
    fastestFinding(verdict, smallest, i18n),
    t('lab.findingEpoch', {
      smallTime: secondsText(smallest.secondsPerEpoch),
      smallest: smallest.batchSize,
      smallSteps: i18n.tp('lab.steps', smallest.stepsPerEpoch),
      largeTime: secondsText(largest.secondsPerEpoch),
      largest: largest.batchSize,
      largeSteps: i18n.tp('lab.steps', largest.stepsPerEpoch),
    }),
  ];
  const lowest = sorted
    .filter((p) => Number.isFinite(p.finalLoss))
    .reduce<SweepPoint | null>((best, p) => (best === null || p.finalLoss < best.finalLoss ? p : best), null);
  if (lowest) {
    const epochs = sorted.map((p) => p.epochs);
    const sameEpochs = epochs.every((e) => Math.abs(e - epochs[0]) < 1e-9);
    const result = { batch: lowest.batchSize, loss: significant(lowest.finalLoss, 3) };
    lines.push(
      sameEpochs
        ? i18n.tp('lab.findingLossEpochs', Number(epochs[0].toPrecision(4)), result)
        : t('lab.findingLossBudget', result),
    );
  }
  return lines;
}
