// WGSL float32 arithmetic with PyTorch's roundings, whether or not the compiler fuses: WGSL lets a
// compiler fuse `a * b + c` into one rounding and does not promise that fma() is fused (SwiftShader's
// is not), nor that division is correctly rounded (2.5 ulp). These helpers need a uniform
// `settings.zero` that holds 0 at run time (the compiler cannot know it), and they assume no
// underflow below ~1e-30, which the app's losses and gradients never reach.
// TwoSum and the split assume the compiler keeps the order of additions (no fast-math reassociation):
// bit-exactness is tested on Dawn's Vulkan backend over SwiftShader, not yet on a hardware GPU.
export const FLOAT32_OPS = /* wgsl */ `
// a·b rounded once and kept so: OR-ing an opaque zero into its bits stops a compiler from fusing
// the product into the add that uses it (PyTorch rounds them separately).
fn mul(a: f32, b: f32) -> f32 { return bitcast<f32>(bitcast<u32>(a * b) | settings.zero); }

// By the bits, since a compiler may assume that no value is inf or nan.
fn isFinite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn isNan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }

// The upper 12 of the 24 significant bits, by masking: unlike Veltkamp's split no product rounds,
// so fusing cannot change it.
fn upperHalf(a: f32) -> f32 { return bitcast<f32>(bitcast<u32>(a) & 0xfffff000u); }

// a·b − p exactly for p = mul(a, b) (Dekker): every partial product of the halves is exact.
fn productError(a: f32, b: f32, p: f32) -> f32 {
  let ah = upperHalf(a);
  let al = a - ah;
  let bh = upperHalf(b);
  let bl = b - bh;
  return (((ah * bh - p) + ah * bl) + al * bh) + al * bl;
}

// a + b − s exactly for s = a + b rounded (Knuth's TwoSum).
fn sumError(a: f32, b: f32, s: f32) -> f32 {
  let bb = s - a;
  return (a - (s - bb)) + (b - bb);
}

// a + b rounded to odd: when inexact, the neighbour whose last bit is 1.
fn addRoundToOdd(a: f32, b: f32) -> f32 {
  let s = a + b;
  let e = sumError(a, b, s);
  let bits = bitcast<u32>(s);
  if (e == 0.0 || (bits & 1u) == 1u) { return s; }
  return bitcast<f32>(select(bits - 1u, bits + 1u, (e > 0.0) == (s > 0.0)));
}

// fmaf(a, b, c), a·b + c rounded once (Boldo & Melquiond 2008, emulated FMA with rounding to odd):
// PyTorch's SGD update p.add_(g, alpha=−lr) is one fused multiply-add on the CPU.
fn fma32(a: f32, b: f32, c: f32) -> f32 {
  let uh = mul(a, b);
  // The exact product of finite a and b is finite, even where uh overflowed: an infinite c wins.
  if (!isFinite(c) && isFinite(a) && isFinite(b)) { return c; }
  if (!isFinite(uh) || !isFinite(c)) { return uh + c; }
  let ul = productError(a, b, uh);
  let th = c + uh;
  let tl = sumError(c, uh, th);
  return th + addRoundToOdd(tl, ul);
}

// a − q·b, exact up to its last rounding, for q near a / b (a − q·b is then exact, Sterbenz).
fn quotientResidual(a: f32, b: f32, q: f32) -> f32 {
  let p = mul(q, b);
  return (a - p) - productError(q, b, p);
}

// a / b correctly rounded, b a positive integer: WGSL's quotient corrected by its residual, then the
// nearest of it and its neighbours (a / b is never halfway between two floats for integer b).
fn div32(a: f32, b: f32) -> f32 {
  let q0 = a / b;
  if (!isFinite(q0) || q0 == 0.0) { return q0; }
  let q = q0 + quotientResidual(a, b, q0) / b;
  var best = q;
  var bestResidual = abs(quotientResidual(a, b, q));
  let bits = bitcast<u32>(q);
  for (var k = 0u; k < 2u; k = k + 1u) {
    let c = bitcast<f32>(select(bits - 1u, bits + 1u, k == 1u));
    let r = abs(quotientResidual(a, b, c));
    if (r < bestResidual) {
      best = c;
      bestResidual = r;
    }
  }
  return best;
}
`;
