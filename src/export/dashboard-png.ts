// An area of the page as one PNG — the whole dashboard (the main area: status, parameters, the four
// views, the log), or the throughput lab's charts — made in the page. html-to-image clones the area with every element's computed style inlined into an
// SVG <foreignObject>, turns each <canvas> (the batch composition) into a data: image in the clone,
// keeps the recharts and hand-drawn SVGs as they are, and draws the result on a canvas to encode.
// Nothing is fetched or uploaded: the CSP's img-src 'self' data: blob: is all it needs. It is
// loaded with import() on the first press, so the page does not carry it until then.

import { message, ProblemError } from '../i18n/message';

/** Longest side of the image (Chrome's canvas limit is 16,384; stay well below it). */
const MAX_SIDE = 12_000;
/** About 40 million pixels: a 4K dashboard at 2× would be a 100 MB canvas. */
const MAX_PIXELS = 40e6;
const PREFERRED_SCALE = 2;

export const dashboardElement = (): HTMLElement | null => document.querySelector<HTMLElement>('main.main');

/** The throughput lab's three charts, side by side as the reader sees them. */
export const throughputChartsElement = (): HTMLElement | null =>
  document.querySelector<HTMLElement>('.throughput-body .throughput-charts');

/** Image pixels per CSS pixel for an area `width` × `height`: 2 (sharp when zoomed or printed) unless that is too large. */
export function dashboardScale(width: number, height: number): number {
  if (!(width > 0 && height > 0)) return PREFERRED_SCALE;
  return Math.min(PREFERRED_SCALE, MAX_SIDE / Math.max(width, height), Math.sqrt(MAX_PIXELS / (width * height)));
}

/**
 * The copy starts every scrolled box at its top, so the log would show its first lines. For the
 * capture the log is unscrolled and its lines shifted up by as much instead — the same lines, in a
 * form the copy keeps; the returned function puts the log back as it was.
 */
function keepLogScroll(area: HTMLElement): () => void {
  const restores = Array.from(area.querySelectorAll<HTMLElement>('.log')).map((log) => {
    const top = log.scrollTop;
    const lines = log.firstElementChild as HTMLElement | null;
    if (top === 0 || !lines) return () => {};
    const transform = lines.style.transform;
    const overflow = log.style.overflow;
    lines.style.transform = `translateY(${-top}px)`;
    // No scrollbars in the picture: at the top, they would contradict the lines shown.
    log.style.overflow = 'hidden';
    log.scrollTop = 0;
    return () => {
      lines.style.transform = transform;
      log.style.overflow = overflow;
      log.scrollTop = top;
    };
  });
  return () => restores.forEach((restore) => restore());
}

export async function areaToPng(area: HTMLElement): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  const { width, height } = area.getBoundingClientRect();
  const restoreScroll = keepLogScroll(area);
  let blob: Blob | null;
  try {
    blob = await toBlob(area, {
      pixelRatio: dashboardScale(width, height),
      backgroundColor: '#ffffff',
      // The app has no web fonts; skipping the search also skips reading every stylesheet.
      skipFonts: true,
    });
  } finally {
    restoreScroll();
  }
  if (!blob) throw new ProblemError(message('export.encodeFailed'));
  return blob;
}
