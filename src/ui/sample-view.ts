// The batch composition by sample, loaded after the first paint (a dynamic import): the page's
// first download stays within its budget, and the chart as drawn needs none of it.
export { SamplePainter } from './sample-painter';
export { SampleRows } from './sample-rows';
export { distinctSamples } from '../analysis/batch-marks';
