// The glossary in English (ui/Term.tsx): the name of every term's "?" button, then what each term
// means. Apart from en.ts because only the page says these: the training worker imports en.ts for the
// English of its own messages and errors, and need not carry a student's explanations.
export const enGlossary = {
  'glossary.about': 'Explain',
  'glossary.indices':
    'Sample indices count from 0, as in PyTorch, while x runs 1 … 10 in the tutorial’s data: Batch [7] is the sample x = 8.',
  'glossary.epoch':
    'One epoch is one pass over the training data: every sample is used once. Epochs sets how many passes the run makes.',
  'glossary.batchSize':
    'A mini-batch is the small group of samples one step learns from. Batch size is how many samples it holds; the DataLoader cuts every epoch into batches of this size.',
  'glossary.shuffle':
    'Shuffle puts the samples in a new random order at the start of every epoch, so the batches differ from epoch to epoch. Off: always in the order 0, 1, 2, …',
  'glossary.replacement':
    'Sampling with replacement: each epoch draws N samples at random, and a sample can be drawn again, so some come twice and some not at all.',
  'glossary.dropLast':
    'When the batch size does not divide the number of samples, the last batch of each epoch is shorter. Drop last leaves that short batch out, so every step has a full batch.',
  'glossary.learningRate':
    'How far each step moves the parameters: the step is the learning rate times the gradient. Too small learns slowly; too large overshoots, and the loss grows.',
  'glossary.seed':
    'The number the random generator starts from. The same seed gives the same initial weights and the same shuffled order every time, here and in PyTorch.',
  'glossary.backend':
    'Where TensorFlow.js does the arithmetic: WebGPU and WebGL on the graphics card, CPU in plain JavaScript. The numbers agree; only the speed differs.',
  'glossary.validationSplit':
    'A share of the samples set aside and never trained on. Their loss shows how well the model does on data it has not seen.',
  'glossary.step':
    'One step: the model takes one mini-batch, computes its loss and gradient, and updates w and b once. An epoch has as many steps as it has batches.',
  'glossary.mse':
    'MSE, the mean squared error: the average over the batch of (prediction − label)². It is 0 only when every prediction is exact.',
  'glossary.pin':
    'Keeps the current loss curve on the chart as a faint line, so that you can change a setting, train again and compare the two runs.',
  'glossary.contours':
    'Like contour lines on a map: each ring joins the values of (w, b) that give the same loss on all the data. The bottom of the valley (×) is the best line.',
  'glossary.batchGradient':
    'The gradient points where the loss rises fastest; a step goes the opposite way. The batch gradient is computed from one mini-batch only, so it points roughly, not exactly, where the full data’s does.',
  'glossary.magnified':
    'At this scale the real steps are too short to see, so both arrows are drawn this many times longer. Their directions and the ratio of their lengths are true.',
  'glossary.lambdaMax':
    'λmax says how sharply the loss curves in its steepest direction (the largest eigenvalue of its second derivative). Gradient descent is stable only while lr < 2 / λmax.',
  'glossary.meanXX':
    'E[x²] is the mean of x² over the data. It sets how steep the loss is in w: larger x give larger gradients, so they need a smaller learning rate.',
  'glossary.engine':
    'How the sweep trained. “tfjs op by op”: TensorFlow.js runs one operation at a time. “fused WGSL”: this app’s own GPU program (WGSL is WebGPU’s language) does a whole step at once, “parallel” over many GPU threads, “sequential” in a few long loops, faster on a software GPU.',
  'glossary.epochsInCurve':
    'How many epochs this batch size completed in the time the sweep gives each batch size: its loss curve is drawn over that many epochs.',
  'glossary.perPixel':
    'Too many samples to give each its own cell: one pixel of a row stands for this many samples, coloured by the batch most of them went into.',
  'glossary.gradientNoise':
    'Each mini-batch gives a slightly different gradient from the full data’s. This view shows that spread, and how it shrinks as the batch grows.',
};
