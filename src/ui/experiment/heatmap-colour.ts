// The heatmap's log colour scale: viridis from low loss (dark violet) to high (yellow), so that the
// good cells are the dark ones and a projector's washed-out light still tells them apart; the text
// in each cell is black or white, whichever contrasts more with its colour.
const VIRIDIS = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
];

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function mix(a: string, b: string, f: number): string {
  const [ca, cb] = [channels(a), channels(b)];
  return `#${ca
    .map((v, i) =>
      Math.round(v + (cb[i] - v) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The colour of `value` on a log scale over [lo, hi] (clamped). */
export function lossColour(value: number, lo: number, hi: number): string {
  const span = Math.log(hi) - Math.log(lo);
  const f = span > 0 ? Math.min(1, Math.max(0, (Math.log(value) - Math.log(lo)) / span)) : 0.5;
  const at = f * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(at));
  return mix(VIRIDIS[i], VIRIDIS[i + 1], at - i);
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white text on `background`, whichever has the higher WCAG contrast. */
export function textOn(background: string): '#000' | '#fff' {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/** Stops for a CSS gradient of the scale, left (lo) to right (hi). */
export const SCALE_GRADIENT = `linear-gradient(to right, ${VIRIDIS.join(', ')})`;
