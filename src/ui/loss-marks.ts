// Where the loss chart names the compared curves: a curve at its end, or, clipped at the top of an
// axis chosen without it (it diverged), at the mark where it leaves the scale.
import { offScalePoint, type DomainCurve, type LossAxis } from '../analysis/loss-domain';
import type { ChartPoint, XAxisMode } from '../analysis/loss-series';
import type { PinnedRun } from '../state/pinned-runs';
import type { GhostLabel, OffScaleMark } from './LossOverlay';
import { ghostStyle } from './PinnedList';

interface Compared {
  pinned: readonly PinnedRun[];
  /** The pinned runs' step losses, as the axis was chosen from them. */
  pinnedCurves: readonly DomainCurve[];
  /** The same on the chart's x axis. */
  ghosts: readonly ChartPoint[][];
  /** The pinned runs' names, then the live run's. */
  labels: readonly string[];
  live: DomainCurve;
  liveSeries: readonly ChartPoint[];
  axis: LossAxis;
  mode: XAxisMode;
  stepsPerEpoch: number;
  liveColour: string;
}

export function comparisonMarks(c: Compared): {
  offScale: OffScaleMark[];
  ghostLabels: GhostLabel[];
  liveOff: boolean;
} {
  const top = c.axis.domain[1];
  const offScaleOf = (curve: DomainCurve) => (c.axis.clips ? offScalePoint(curve, top) : null);
  const perEpoch = (stepsPerEpoch: number) => (c.mode === 'epoch' ? Math.max(stepsPerEpoch, 1) : 1);
  const liveLabel = c.labels[c.labels.length - 1];
  const offScale: OffScaleMark[] = [];
  c.pinnedCurves.forEach((curve, i) => {
    const at = offScaleOf(curve);
    if (at)
      offScale.push({
        x: at.step / perEpoch(c.pinned[i].stepsPerEpoch),
        colour: ghostStyle(i).colour,
        label: c.labels[i],
      });
  });
  const liveOff = offScaleOf(c.live);
  if (liveOff) {
    offScale.push({
      x: liveOff.step / perEpoch(c.stepsPerEpoch),
      colour: c.liveColour,
      label: c.pinned.length > 0 ? liveLabel : '',
    });
  }
  const clipped = new Set(offScale.map((m) => m.label));
  const ghostLabels: GhostLabel[] = c.ghosts.flatMap((points, i) => {
    const last = points.at(-1);
    return last && !clipped.has(c.labels[i])
      ? [
          {
            label: c.labels[i],
            colour: ghostStyle(i).colour,
            className: 'loss-ghost-label',
            x: last.x,
            loss: last.loss,
          },
        ]
      : [];
  });
  // With runs to compare, the run under way is named at its end too.
  const lastStep = c.liveSeries.at(-1);
  if (c.pinned.length > 0 && lastStep && !liveOff) {
    ghostLabels.push({
      label: liveLabel,
      colour: c.liveColour,
      className: 'loss-current-label',
      x: lastStep.x,
      loss: lastStep.loss,
    });
  }
  return { offScale, ghostLabels, liveOff: liveOff !== null };
}
