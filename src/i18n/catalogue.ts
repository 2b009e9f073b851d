// What makes a catalogue complete, checked against the English reference: the same keys (none
// missing, none extra), the same `{placeholders}` in each message, no empty message, and — for a
// language not written in Latin letters — no message left in English. catalogue.test.ts runs it on
// every language, so adding a key to en.ts without translating it fails the tests.
export interface CatalogueProblem {
  key: string;
  problem: 'missing' | 'extra' | 'empty' | 'placeholders' | 'untranslated';
  detail?: string;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Names, code and units every language keeps as they are (as the Chinese tutorial does): the only
 * Latin words a Chinese page may show outside text marked lang="en" (the log, language names).
 */
export const NAMES_KEPT = [
  'minibatch-lab',
  'PyTorch',
  'DataLoader',
  'TensorFlow.js',
  'tfjs',
  'WebGPU',
  'WebGL',
  'CPU',
  'GPU',
  'SwiftShader',
  'JavaScript',
  'CSV',
  'PNG',
  'MLP',
  'SGD',
  'MSE',
  'ReLU',
  'relu',
  'Tanh',
  'tanh',
  'Sigmoid',
  'sigmoid',
  'NaN',
  'nan',
  'Infinity',
  'inf',
  'float32',
  'lr',
  'px',
  'torch',
  'nn',
  'manual_seed',
  'Linear',
  'dataset',
  'custom',
  'webgpu',
  'webgl',
  'cpu',
  'WGSL',
  'ms',
  'µs',
  // The English term beside the Chinese one where a term is introduced, as Chinese textbooks write
  // it: 轮（epoch）, 小批量（mini-batch）.
  'epoch',
  'mini-batch',
  // The gradient-noise figure's symbols: a batch's gradient, the trace, McCandlish et al.'s noise scale.
  'g_B',
  'tr Σ',
  'B_simple',
];

const KEPT_LONGEST_FIRST = [...NAMES_KEPT].sort((a, b) => b.length - a.length);

/**
 * Latin words of two letters or more that are not kept names: text still in English. Symbols are
 * not words: "λmax" is one, and so are the letters of a formula (x, w, b, B=N).
 */
export function englishWords(text: string): string[] {
  let rest = text;
  for (const name of KEPT_LONGEST_FIRST) rest = rest.split(name).join(' ');
  return rest.match(/(?<!\p{L})[A-Za-z][A-Za-z_]+/gu) ?? [];
}

const CJK = /[\u3400-\u9fff]/;

export function catalogueProblems(
  reference: Readonly<Record<string, string>>,
  other: Readonly<Record<string, string | undefined>>,
  options: { script: 'latin' | 'cjk' },
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  for (const key of Object.keys(reference)) {
    const text = other[key];
    if (text === undefined) {
      problems.push({ key, problem: 'missing' });
      continue;
    }
    if (text.trim() === '' && reference[key].trim() !== '') problems.push({ key, problem: 'empty' });
    const want = new Set(placeholders(reference[key]));
    const got = new Set(placeholders(text));
    if (want.size !== got.size || [...want].some((p) => !got.has(p))) {
      problems.push({
        key,
        problem: 'placeholders',
        detail: `expected {${[...want].join(',')}}, found {${[...got].join(',')}}`,
      });
    }
    if (options.script === 'cjk' && !CJK.test(text) && englishWords(text.replace(/\{\w+\}/g, '')).length > 0) {
      problems.push({ key, problem: 'untranslated', detail: text });
    }
  }
  for (const key of Object.keys(other)) if (!(key in reference)) problems.push({ key, problem: 'extra' });
  return problems;
}

/** CJK ideographs and the full-width punctuation around them (，：（）「」 …). */
const CJK_CHAR = '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]';
const HAS_CJK_CHAR = new RegExp(CJK_CHAR, 'u');
const HALF_WIDTH_BESIDE_CJK = new RegExp(`${CJK_CHAR}\\s*[,:;!?]|[,:;!?]\\s*${CJK_CHAR}`, 'gu');

/**
 * Half-width punctuation inside Chinese text: a , : ; ! ? next to a Chinese character, or ( ) around
 * Chinese words; Chinese text takes ，：；！？（）. Formulas, code and numbers keep theirs: "x,y",
 * "(w, b)", "{key}={value}", "1,000,000" are not Chinese text. Placeholders count as neither.
 */
export function halfWidthInChinese(text: string): string[] {
  const plain = text.replace(/\{\w+\}/g, '\u0000');
  const found = [...plain.matchAll(HALF_WIDTH_BESIDE_CJK)].map((m) => m[0]);
  for (const m of plain.matchAll(/\(([^()]*)\)/g)) if (HAS_CJK_CHAR.test(m[1])) found.push(m[0]);
  return found;
}
