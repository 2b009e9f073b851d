import { normalizeSeed, type Seed } from '../engine/config';

// Numbers written into the exported Python program must mean exactly what they mean in the app.
// Python's repr(float) and JavaScript's Number→string both print the shortest digits that read back
// as the same double, so only the layout differs (JS "1e-7", "5"; Python "1e-07", "5.0"). These
// functions take JS's digits and lay them out as repr does (Python/pystrtod.c, format code 'r').

/** `repr(float(x))` for any double x, e.g. 0.01 → "0.01", 5 → "5.0", 1e-7 → "1e-07". */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "-float('inf')";
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';

  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits: "d.ddde±n".
  const [mantissa, exponentText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  // Python's decpt: the value is 0.<digits> × 10^decpt.
  const decpt = Number(exponentText) + 1;

  if (decpt <= -4 || decpt > 16) {
    const exponent = decpt - 1;
    const expText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${expText}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** A Python int literal for a safe JS integer (seed, batch size, epochs). */
export function pythonInt(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return String(n);
}

/** A Python int literal for a seed (any of PyTorch's 64-bit seeds, exactly). */
export function pythonSeed(seed: Seed): string {
  const canonical = normalizeSeed(seed);
  if (canonical === null) throw new RangeError(`not a PyTorch seed: ${seed}`);
  return String(canonical);
}

export function pythonBool(b: boolean): string {
  return b ? 'True' : 'False';
}
