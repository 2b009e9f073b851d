// The pinned runs under the loss chart: each one's line style and name (the chart's legend for the
// ghost curves) and a button to remove it.
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
  onRemove: (id: number) => void;
}

export function PinnedList({ pinned, labels, onRemove }: Props) {
  const { t } = useI18n();
  if (pinned.length === 0) return null;
  return (
    <ul className="pinned-list" aria-label={t('pinned.list')}>
      {pinned.map((run, i) => {
        const style = ghostStyle(i);
        return (
          <li key={run.id} data-pinned-label={labels[i]}>
            <svg width="34" height="12" aria-hidden="true">
              <line x1="1" x2="33" y1="6" y2="6" stroke={style.colour} strokeWidth="3" strokeDasharray={style.dash} />
            </svg>
            <span className="pinned-label">{labels[i]}</span>
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
