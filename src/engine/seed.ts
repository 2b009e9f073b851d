// Seeds as PyTorch takes them: torch.manual_seed accepts any int64 or uint64 ("Overflow when
// unpacking long" beyond) and seeds its MT19937 with the low 32 bits.
import { problem, type Problem } from './problem';

/**
 * A seed as a RunConfig holds it: a safe integer as a number, one beyond ±(2^53 − 1) as its exact
 * decimal string (a number would round it). Both survive JSON and structured cloning, and each seed
 * has one form, so `===` compares seeds.
 */
export type Seed = number | string;

export const SEED_MIN = -(2n ** 63n);
export const SEED_MAX = 2n ** 64n - 1n;
const SEED_RANGE = { min: SEED_MIN.toString(), max: SEED_MAX.toString() };
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The canonical Seed for a whole number in PyTorch's range (number, bigint or decimal text), else null. */
export function normalizeSeed(value: unknown): Seed | null {
  let seed: bigint;
  if (typeof value === 'number' && Number.isInteger(value)) seed = BigInt(value);
  else if (typeof value === 'bigint') seed = value;
  else if (typeof value === 'string' && /^[+-]?\d{1,40}$/.test(value.trim())) seed = BigInt(value.trim());
  else if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim()) && Number.isSafeInteger(Number(value))) {
    seed = BigInt(Number(value)); // 1e3, 42.0
  } else return null;
  if (seed < SEED_MIN || seed > SEED_MAX) return null;
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  return seed >= -safe && seed <= safe ? Number(seed) : seed.toString();
}

/** The seed as an exact bigint, for the generators. */
export const seedBigInt = (seed: Seed): bigint => BigInt(seed);

export type SeedProblemKey = 'error.seed' | 'error.seedFraction';

/** Why `value` is no seed: a fraction is named with the whole number PyTorch would make of it. */
export function seedProblem(value: unknown): Problem<SeedProblemKey> {
  const text = typeof value === 'string' ? value.trim() : value;
  const number = typeof text === 'string' ? Number(text) : text;
  if (typeof number === 'number' && Number.isFinite(number) && !Number.isInteger(number)) {
    return problem('error.seedFraction', { text: String(text), whole: Math.trunc(number), ...SEED_RANGE });
  }
  return problem('error.seed', SEED_RANGE);
}
