// The speed a page trains at when nobody chose one. At full speed the tutorial is over before a
// class has seen a step, so data the size of the tutorial's (and a run short enough to watch)
// trains at a pace one can follow; larger data or longer runs train as fast as they can, as before.
// A link's `speed=` (also `speed=0`) or a choice in the Speed box always wins.
import type { RunConfig } from './config';
import { batchesPerEpoch } from './dataloader';
import { datasetSizeFor } from './plan';
import { heldOutCount } from './validation';

/** Steps per second a class can follow: one step every 200 ms. */
export const CLASSROOM_SPEED = 5;
/** Data up to this many samples is tutorial-sized (the tutorial has 10; the presets' small sets ≤ 100). */
export const CLASSROOM_MAX_SAMPLES = 100;
/** Runs up to this many steps take at most 40 s at CLASSROOM_SPEED. */
export const CLASSROOM_MAX_STEPS = 200;

type SizedConfig = Pick<
  RunConfig,
  'dataset' | 'samples' | 'customData' | 'validationSplit' | 'batchSize' | 'dropLast' | 'epochs'
>;

/** The number of steps `config` trains: the DataLoader's steps per epoch on the training samples, times the epochs. */
export function totalSteps(config: SizedConfig): number {
  const size = datasetSizeFor(config);
  const trained = size - heldOutCount(config.validationSplit, size);
  return batchesPerEpoch(trained, config.batchSize, config.dropLast) * config.epochs;
}

/** CLASSROOM_SPEED for tutorial-sized data and a short run; 0 (as fast as possible) otherwise. */
export function followableSpeed(config: SizedConfig): number {
  const small = datasetSizeFor(config) <= CLASSROOM_MAX_SAMPLES && totalSteps(config) <= CLASSROOM_MAX_STEPS;
  return small ? CLASSROOM_SPEED : 0;
}

/** `config` with the speed nobody chose set to the followable one; a chosen speed is kept. */
export function withUnchosenSpeed<C extends RunConfig>(config: C, speedChosen: boolean): C {
  if (speedChosen) return config;
  const speed = followableSpeed(config);
  return config.speed === speed ? config : { ...config, speed };
}
