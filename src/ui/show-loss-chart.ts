// On a phone the settings stack above the views: Train sits ~600 px down and the loss chart ~3,000.
// Pressing Train there brings the loss chart into view, so the run is seen, not just started. Wide
// screens (the sidebar beside the views, the same breakpoint as App.css's .layout) are left alone.
const STACKED = '(max-width: 899px)';

export function bringLossChartIntoView(): void {
  if (!window.matchMedia(STACKED).matches) return;
  const chart = document.querySelector('figure.loss-chart');
  if (!chart) return;
  const box = chart.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) return; // already in view
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  chart.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
}
