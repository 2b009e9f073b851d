// Okabe & Ito's colour-blind-safe palette (black left out: it is the text and outline colour).
// Neighbouring batches always differ in colour, and a gap separates them too, so colour is never
// the only cue.
export const BATCH_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];

/** Text on each batch colour, picked for contrast ≥ 4.5 (white only on the dark blue). */
export const BATCH_TEXT_COLOURS = ['#000', '#000', '#000', '#000', '#fff', '#000', '#000'];

export const batchColour = (k: number) => BATCH_COLOURS[k % BATCH_COLOURS.length];
export const batchTextColour = (k: number) => BATCH_TEXT_COLOURS[k % BATCH_TEXT_COLOURS.length];

/**
 * By sample with more batches than pixels can tell apart: a batch's colour says when in the epoch it
 * came, early (yellow) to late (dark violet), viridis' ends and middle, so that no shuffle is a
 * smooth sweep and a shuffle noise.
 */
export const RAMP_COLOURS = ['#fde725', '#21918c', '#440154'];
