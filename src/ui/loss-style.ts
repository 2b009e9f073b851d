// The loss chart's colours, layers and the room its axes take: shared by the chart's frame
// (LossChart, on the first paint) and its plot (LossPlot, with recharts, loaded after it).
import type { LossOverlayProps } from './LossOverlay';
import type { ChartPoint } from '../analysis/loss-series';

export const STEP_COLOUR = '#0072B2'; // Okabe–Ito blue
export const EPOCH_COLOUR = '#D55E00'; // Okabe–Ito vermillion
export const VALIDATION_COLOUR = '#009E73'; // Okabe–Ito bluish green
export const VALIDATION_DASH = '6 3';
export const AXIS_TEXT = '#3b4250';
// Fixed layers (recharts draws lines at 400): pinned runs under the live curves, the epoch mean on
// top; one curve per layer also keeps their order in the SVG whatever order they first appear in.
export const GHOST_LAYER = 390;
export const STEP_LAYER = 400;
export const EPOCH_LAYER = 410;
export const VALIDATION_LAYER = 420;
// Across the whole chart, as before the axes' room moved into the margin (recharts would fit the
// legend between the margins, and on a narrow chart wrap it to two lines).
export const LEGEND_STYLE = { paddingBottom: '0.6em', left: 0, width: '100%' } as const;
/** The room the axes take beside and below the plot at the design size, in pixels. */
export const Y_AXIS_WIDTH = 70;
export const X_AXIS_HEIGHT = 30;

/** What changes with every redraw of a run under way. */
export interface LiveCurves {
  stepSeries: ChartPoint[];
  epochSeries: ChartPoint[];
  validationSeries: ChartPoint[];
  stepSeriesName: string;
  epochSeriesName: string;
  validationSeriesName: string;
  overlay: LossOverlayProps;
}
