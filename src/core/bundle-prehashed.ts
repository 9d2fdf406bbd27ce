/**
 * ECDSA verification over a digest the caller already has. A message-signature bundle signs the artifact's bytes,
 * but a verifier given only `sha256:<hex>` (the conformance suite's second mode, or a large file hashed as a
 * stream) has the digest alone, and Node's crypto offers no "prehashed" ECDSA verify. The arithmetic is public
 * (SEC 1 §4.1.4, FIPS 186-5); nothing secret is handled, so constant time does not matter here.
 */

interface Curve {
  p: bigint;
  n: bigint;
  b: bigint;
  gx: bigint;
  gy: bigint;
  bits: number;
}

// NIST P-256 and P-384 (FIPS 186-5 / SEC 2). Both have a = -3.
const CURVES: Record<string, Curve> = {
  'P-256': {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    bits: 256,
  },
  'P-384': {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    gx: 0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy: 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    bits: 384,
  },
};

const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r >= 0n ? r : r + m;
};

function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}

/** Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. */
type Point = [bigint, bigint, bigint];
const INFINITY: Point = [0n, 1n, 0n];

function double([x, y, z]: Point, p: bigint): Point {
  if (z === 0n || y === 0n) return INFINITY;
  const zz = (z * z) % p;
  const m = mod(3n * (x - zz) * (x + zz), p); // a = -3
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  const z3 = (2n * y * z) % p;
  return [x3, y3, z3];
}

function add(a: Point, b: Point, p: bigint): Point {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = (a[2] * a[2]) % p;
  const z2z2 = (b[2] * b[2]) % p;
  const u1 = (a[0] * z2z2) % p;
  const u2 = (b[0] * z1z1) % p;
  const s1 = (a[1] * b[2] * z2z2) % p;
  const s2 = (b[1] * a[2] * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(a, p) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (h * hh) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = (a[2] * b[2] * h) % p;
  return [x3, y3, z3];
}

/** u1·G + u2·Q in one pass (Shamir's trick). */
function twoScalarMultiply(u1: bigint, g: Point, u2: bigint, q: Point, p: bigint): Point {
  const gq = add(g, q, p);
  let acc = INFINITY;
  const bits = Math.max(u1.toString(2).length, u2.toString(2).length);
  for (let i = bits - 1; i >= 0; i--) {
    acc = double(acc, p);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 && b2) acc = add(acc, gq, p);
    else if (b1) acc = add(acc, g, p);
    else if (b2) acc = add(acc, q, p);
  }
  return acc;
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);

/** Reads a DER length at `offset`; returns [length, offset after it] or undefined. */
function derLength(der: Uint8Array, offset: number): [number, number] | undefined {
  const first = der[offset];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, offset + 1];
  const count = first & 0x7f;
  if (count === 0 || count > 2 || offset + 1 + count > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[offset + 1 + i]!;
  return [length, offset + 1 + count];
}

/** Parses an ECDSA-Sig-Value (SEQUENCE of two INTEGERs), strictly: no trailing bytes. */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  if (der[0] !== 0x30) return undefined;
  const seq = derLength(der, 1);
  if (!seq || seq[1] + seq[0] !== der.length) return undefined;
  let offset = seq[1];
  const ints: bigint[] = [];
  for (let k = 0; k < 2; k++) {
    if (der[offset] !== 0x02) return undefined;
    const len = derLength(der, offset + 1);
    if (!len || len[0] === 0 || len[1] + len[0] > der.length) return undefined;
    const body = der.subarray(len[1], len[1] + len[0]);
    if (body[0]! & 0x80) return undefined; // negative
    ints.push(toBigInt(body));
    offset = len[1] + len[0];
  }
  if (offset !== der.length) return undefined;
  return { r: ints[0]!, s: ints[1]! };
}

const fromBase64Url = (s: string): bigint => toBigInt(Buffer.from(s, 'base64url'));

/** The public key as a JWK (what Node's KeyObject.export({format: 'jwk'}) gives). */
export interface EcJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
}

/** True when `signature` (DER) is a valid ECDSA signature by `jwk` over `digest`. Unknown curves: false. */
export function verifyEcdsaPrehashed(jwk: EcJwk, digest: Uint8Array, signature: Uint8Array): boolean {
  const curve = jwk.crv === undefined ? undefined : CURVES[jwk.crv];
  if (!curve || jwk.kty !== 'EC' || !jwk.x || !jwk.y || digest.length === 0) return false;
  const { p, n } = curve;
  const qx = fromBase64Url(jwk.x);
  const qy = fromBase64Url(jwk.y);
  // The key must be on the curve (Node checks on import too; this keeps the function safe on its own).
  if (qx >= p || qy >= p || mod(qy * qy - (qx * qx * qx - 3n * qx + curve.b), p) !== 0n) return false;
  const sig = parseDerSignature(signature);
  if (!sig || sig.r <= 0n || sig.r >= n || sig.s <= 0n || sig.s >= n) return false;
  // Leftmost bits of the digest, as many as the order has (SEC 1 §4.1.4 step 3).
  let e = toBigInt(digest);
  const excess = digest.length * 8 - curve.bits;
  if (excess > 0) e >>= BigInt(excess);
  const w = inverse(sig.s, n);
  const u1 = mod(e * w, n);
  const u2 = mod(sig.r * w, n);
  const point = twoScalarMultiply(u1, [curve.gx, curve.gy, 1n], u2, [qx, qy, 1n], p);
  if (point[2] === 0n) return false;
  const zInv = inverse(point[2], p);
  const x = mod(point[0] * zInv * zInv, p);
  return mod(x, n) === sig.r;
}
