// An experiment in a link: its five boxes as `xb`, `xlr`, `xshuffle`, `xseeds`, `xtarget` (each
// box's text as typed; a box at its default leaves its key out), and `xrun=1`, which starts it when
// the page opens (a teacher's link; without it the section only opens, set up). A value the
// experiment refuses is shown in its box with the reason next to it, as if typed.
import { DEFAULT_EXPERIMENT_TEXT, type ExperimentText } from '../engine/experiment/spec';
import { readFlag, replaceSearch } from './url';

/** Public: teachers' links use them (docs/url.md, docs/contract.md). */
export const EXPERIMENT_KEYS: Readonly<Record<keyof ExperimentText, string>> = Object.freeze({
  batchSizes: 'xb',
  learningRates: 'xlr',
  shuffle: 'xshuffle',
  seedsPerSetting: 'xseeds',
  targetLoss: 'xtarget',
});
export const EXPERIMENT_RUN_KEY = 'xrun';
/** A box's text from a link is cut here (a list of 10,000 runs' values is far shorter). */
const TEXT_MAX = 500;

export interface ExperimentLink {
  text: ExperimentText;
  /** The link names an experiment (any of its keys): the section opens. */
  named: boolean;
  /** `xrun=1`: it starts as the page opens. */
  run: boolean;
}

export function readExperimentLink(search: string): ExperimentLink {
  const params = new URLSearchParams(search);
  const text = { ...DEFAULT_EXPERIMENT_TEXT };
  let named = false;
  for (const field of Object.keys(EXPERIMENT_KEYS) as (keyof ExperimentText)[]) {
    const value = params.get(EXPERIMENT_KEYS[field]);
    if (value === null) continue;
    named = true;
    text[field] = value.slice(0, TEXT_MAX);
  }
  const runText = params.get(EXPERIMENT_RUN_KEY);
  const run = runText !== null && readFlag(runText) === true;
  return { text, named: named || run, run };
}

/** `currentSearch` with the boxes' text written (defaults drop their keys) and `xrun` removed or kept. */
export function experimentToSearch(text: ExperimentText, currentSearch: string, run = false): string {
  const params = new URLSearchParams(currentSearch);
  for (const field of Object.keys(EXPERIMENT_KEYS) as (keyof ExperimentText)[]) {
    const key = EXPERIMENT_KEYS[field];
    if (text[field].trim() === DEFAULT_EXPERIMENT_TEXT[field]) params.delete(key);
    else params.set(key, text[field]);
  }
  if (run) params.set(EXPERIMENT_RUN_KEY, '1');
  else params.delete(EXPERIMENT_RUN_KEY);
  const out = params.toString();
  return out ? `?${out}` : '';
}

/** The page keeps the boxes in its address as they are typed; `xrun` stays only in links shared on purpose. */
export const writeExperimentToUrl = (text: ExperimentText): void =>
  replaceSearch((search) => experimentToSearch(text, search));
