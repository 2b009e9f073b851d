// The pinned runs under the loss chart: each one's line style and name (the chart's legend for the
// ghost curves: the dashed step losses over the lighter epoch means), whether it left the scale,
// and a button to remove it.
import { useI18n } from '../i18n/react';
import type { PinnedRun } from '../state/pinned-runs';

export interface GhostStyle {
  colour: string;
  dash: string;
}

/** Okabe–Ito colours not used by the live curves (blue, vermillion), and a dash each: never colour alone. */
const GHOST_STYLES: readonly GhostStyle[] = [
  { colour: '#009E73', dash: '8 4' },
  { colour: '#CC79A7', dash: '2 3' },
  { colour: '#8a6d00', dash: '12 3 3 3' },
  { colour: '#3b8fc4', dash: '4 4' },
  { colour: '#555555', dash: '14 5' },
];

export const ghostStyle = (index: number): GhostStyle => GHOST_STYLES[index % GHOST_STYLES.length];

interface Props {
  pinned: readonly PinnedRun[];
  labels: readonly string[];
  /** The labels of the curves clipped at the axis's top. */
  offScale?: readonly string[];
  onRemove: (id: number) => void;
}

export function PinnedList({ pinned, labels, offScale = [], onRemove }: Props) {
  const { t } = useI18n();
  if (pinned.length === 0) return null;
  return (
    <ul className="pinned-list" aria-label={t('pinned.list')}>
      {pinned.map((run, i) => {
        const style = ghostStyle(i);
        return (
          <li
            key={run.id}
            data-pinned-label={labels[i]}
            data-pinned-steps={run.stepsDone}
            data-pinned-loss={String(run.lastLoss)}
          >
            <svg width="34" height="16" aria-hidden="true">
              <line x1="1" x2="33" y1="5" y2="5" stroke={style.colour} strokeWidth="3" strokeDasharray={style.dash} />
              <line x1="1" x2="33" y1="12" y2="12" stroke={style.colour} strokeWidth="4" strokeOpacity="0.4" />
            </svg>
            <span className="pinned-label">{labels[i]}</span>
            {offScale.includes(labels[i]) && <span className="pinned-off-scale">{t('loss.offScale')}</span>}
            <button
              type="button"
              className="pinned-remove"
              aria-label={t('pinned.remove', { label: labels[i] })}
              onClick={() => onRemove(run.id)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
