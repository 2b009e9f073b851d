// The page's type size relative to its 18 px design size: 1 up to full HD, more on wide screens and
// in projector mode (App.css, view-options.css). recharts takes its margins and axis widths in
// pixels, not rem, so a chart multiplies them by this to keep room for its larger labels.
import { useSyncExternalStore } from 'react';

const DESIGN_FONT_PX = 18;

function subscribe(onChange: () => void): () => void {
  // The root size follows the viewport's width (clamp with vw) and the projector class on <html>.
  const classes = new MutationObserver(onChange);
  classes.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  window.addEventListener('resize', onChange);
  return () => {
    classes.disconnect();
    window.removeEventListener('resize', onChange);
  };
}

const read = () => {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  // Quantized, so that a window dragged wider re-renders the charts a few times, not every pixel.
  return Number.isFinite(px) && px > 0 ? Math.round((px / DESIGN_FONT_PX) * 8) / 8 : 1;
};

export function useTypeScale(): number {
  return useSyncExternalStore(subscribe, read, () => 1);
}
