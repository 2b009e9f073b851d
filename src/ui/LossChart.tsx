// Loss per step and mean loss per epoch (plotted at the epoch's last step), live. Each series is
// cut to ~1,000 points with LTTB and nothing animates, so a 400,000-step run renders like a short one.
import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { RunData } from '../state/run-data';
import { decadeTicks, logDomain, niceCeiling, plottablePoints, stepLossPoints } from './loss-series';
import { count, fourDecimals } from './numbers';

interface Props {
  data: RunData;
  stepsDone: number;
  epochMeans: number;
  totalSteps: number;
}

const STEP_COLOUR = '#0072B2'; // Okabe–Ito blue
const EPOCH_COLOUR = '#D55E00'; // Okabe–Ito vermillion
const AXIS_TEXT = '#3b4250';
/** Short runs get an x axis spanning the whole run; long ones one that grows with it. */
const WHOLE_RUN_AXIS_MAX = 2000;

function summary(data: RunData, stepsDone: number, totalSteps: number): string {
  if (stepsDone === 0) return 'No losses yet.';
  const last = data.stepLoss.get(stepsDone - 1);
  const epochs = data.epochMeanLoss.length;
  const mean = epochs > 0 ? `; mean of epoch ${epochs}: ${fourDecimals(data.epochMeanLoss.get(epochs - 1))}` : '';
  return `Latest loss ${fourDecimals(last)} at step ${count(stepsDone)} of ${count(totalSteps)}${mean}.`;
}

export const LossChart = memo(function LossChart({ data, stepsDone, epochMeans, totalSteps }: Props) {
  const [logScale, setLogScale] = useState(false);
  const logId = useId();

  const { stepPoints, epochPoints } = useMemo(
    () => ({
      stepPoints: stepLossPoints(data.stepLoss.view(), logScale),
      epochPoints: plottablePoints(data.epochMeanStep.view(), data.epochMeanLoss.view(), logScale),
    }),
    // stepsDone and epochMeans say when the append-only columns have grown.
    [data, stepsDone, epochMeans, logScale],
  );

  const yDomain = logScale ? logDomain([stepPoints, epochPoints]) : undefined;
  const text = summary(data, stepsDone, totalSteps);

  return (
    <figure className="panel loss-chart" data-step-points={stepsDone} data-epoch-points={epochMeans}>
      {/* A figure's caption must be its first or last child to name it. */}
      <figcaption>Loss</figcaption>
      <div className="panel-tools field-check">
        <input id={logId} type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
        <label htmlFor={logId}>Log scale</label>
      </div>
      <div
        className="chart-area"
        role="img"
        aria-label="Line chart of the loss against the step: blue, every step; orange, each epoch's mean"
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 24, left: 16 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#d0d4da" strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="step"
              domain={[0, totalSteps <= WHOLE_RUN_AXIS_MAX ? Math.max(totalSteps, 1) : niceCeiling(stepsDone)]}
              allowDecimals={false}
              tick={{ fill: AXIS_TEXT }}
              label={{ value: 'Step', position: 'insideBottom', offset: -12, fill: AXIS_TEXT }}
            />
            <YAxis
              type="number"
              dataKey="loss"
              scale={logScale ? 'log' : 'linear'}
              domain={yDomain ?? [0, 'auto']}
              ticks={yDomain ? decadeTicks(yDomain) : undefined}
              allowDataOverflow={logScale}
              width={64}
              tick={{ fill: AXIS_TEXT }}
              label={{ value: 'MSE loss', angle: -90, position: 'insideLeft', offset: 4, dy: 36, fill: AXIS_TEXT }}
            />
            <Legend
              verticalAlign="top"
              height={28}
              itemSorter={null}
              formatter={(value: string) => <span className="legend-text">{value}</span>}
            />
            <Line
              data={stepPoints}
              dataKey="loss"
              name="Loss per step"
              type="linear"
              stroke={STEP_COLOUR}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              data={epochPoints}
              dataKey="loss"
              name="Epoch mean"
              type="linear"
              stroke={EPOCH_COLOUR}
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-summary">{text}</p>
    </figure>
  );
});
