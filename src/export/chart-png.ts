// PNG files of the charts, made in the page: the loss chart's SVG (recharts) is serialized with the
// styles it is drawn with inlined (the stylesheet does not travel with it), drawn on a canvas and
// encoded; the batch composition already is a canvas. The CSP allows blob: images, so nothing leaves
// the page.
import { message, ProblemError } from '../i18n/message';

/** Presentation properties that CSS may set on the chart; copied onto each element of the copy. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const PNG_SCALE = 2;

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new ProblemError(message('export.encodeFailed')))),
      'image/png',
    ),
  );
}

function whiteCanvas(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = Math.max(1, Math.round(height));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ProblemError(message('export.noCanvas'));
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, ctx };
}

/** `svg` as a standalone SVG document with its computed styles inlined. */
export function standaloneSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    copies[i].setAttribute('style', style);
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const { text, width, height } = standaloneSvg(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const { canvas, ctx } = whiteCanvas(width * PNG_SCALE, height * PNG_SCALE);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await toPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The canvas on white (its own background is transparent). */
export function canvasToPng(source: HTMLCanvasElement): Promise<Blob> {
  const { canvas, ctx } = whiteCanvas(source.width, source.height);
  ctx.drawImage(source, 0, 0);
  return toPng(canvas);
}

/** The loss chart's plot (not its legend icons, which are small SVGs of their own). */
export const lossChartSvg = (): SVGSVGElement | null =>
  document.querySelector<SVGSVGElement>('figure.loss-chart .recharts-wrapper > svg.recharts-surface');

export const batchCanvas = (): HTMLCanvasElement | null =>
  document.querySelector<HTMLCanvasElement>('figure.batch-composition canvas.batch-canvas');

/** The fit view and the parameter space: hand-drawn SVGs (the parameter space only for the linear model). */
export const fitSvg = (): SVGSVGElement | null => document.querySelector<SVGSVGElement>('figure.fit-view svg.fit-svg');

export const paramSpaceSvg = (): SVGSVGElement | null =>
  document.querySelector<SVGSVGElement>('figure.param-space svg.param-svg');
