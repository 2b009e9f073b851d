// The page's type size relative to its 18 px design size: 1 up to full HD, more on wide screens and
// in projector mode (App.css, view-options.css). recharts takes its margins and axis widths in
// pixels, not rem, so a chart multiplies them by this to keep room for its larger labels.
import { useSyncExternalStore } from 'react';

const DESIGN_FONT_PX = 18;

const measure = () => {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  // Quantized, so that a window dragged wider re-renders the charts a few times, not every pixel.
  return Number.isFinite(px) && px > 0 ? Math.round((px / DESIGN_FONT_PX) * 8) / 8 : 1;
};

// Measured when the size can have changed, never during a render: reading a computed style there
// would make the browser recompute the page's styles in the middle of every chart update.
let current: number | null = null;

function subscribe(onChange: () => void): () => void {
  const update = () => {
    current = measure();
    onChange();
  };
  // The root size follows the viewport's width (clamp with vw) and the projector class on <html>.
  const classes = new MutationObserver(update);
  classes.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  window.addEventListener('resize', update);
  // What changed while nothing listened (a chart that mounts later) is caught here, after its render.
  if (measure() !== current) update();
  return () => {
    classes.disconnect();
    window.removeEventListener('resize', update);
  };
}

const read = () => (current ??= measure());

export function useTypeScale(): number {
  return useSyncExternalStore(subscribe, read, () => 1);
}
