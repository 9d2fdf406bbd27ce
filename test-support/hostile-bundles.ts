/**
 * The hostile-input corpus for the verifier, generated at test time (nothing big is committed): real bundles signed
 * by the local Sigstore stack, and copies of them made hostile in one way each (an ASN.1 bomb in the certificate, a
 * flood of timestamps or log entries, a huge JSON document, many big bundles in one directory). Each generator
 * writes files and returns their paths; the tests run `node dist/cli.js verify` on them.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { signStatement } from '../src/adapters/sigstore/signer.js';
import type { Claims } from './sigstore-stack/jwt.js';
import type { SigstoreStack } from './sigstore-stack/index.js';

export const REPO = 'octo-org/octo-repo';
/** With this ref the certificate identity is 85 characters long, the length the regex finding was measured on. */
export const REF = 'refs/tags/v1.0.10';
export const SHA = '5f7b2e1c9a3d4b6e8f0a1c2e3d4f5a6b7c8d9e0f';
export const IDENTITY = `https://github.com/${REPO}/.github/workflows/release.yml@${REF}`;

/** A SLSA v1 statement for one artifact, shaped as Provenant signs it. */
export function statementFor(name: string, sha256: string, predicateExtra: Record<string, unknown> = {}) {
  const repository = `https://github.com/${REPO}`;
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name, digest: { sha256 } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: { workflow: { ref: REF, repository, path: '.github/workflows/release.yml' } },
        resolvedDependencies: [{ uri: `git+${repository}@${REF}`, digest: { gitCommit: SHA } }],
        ...predicateExtra,
      },
    },
  };
}

export interface SignedArtifact {
  name: string;
  artifactPath: string;
  bundlePath: string;
  /** The bundle as JSON, to make hostile copies of. */
  bundle: Record<string, any>;
}

export interface SignOptions {
  /** Witnesses: the stack's Rekor v1 (default) and/or its TSA. */
  rekor?: boolean;
  tsa?: boolean;
  claims?: Claims;
  /** Extra predicate fields (e.g. a big byproduct), to make the statement itself large. */
  predicateExtra?: Record<string, unknown>;
  /** Where the bundle goes (default `<artifact>.sigstore.json` beside it). */
  bundlePath?: string;
}

/** Writes an artifact and its bundle, signed by the local stack for {@link IDENTITY}. */
export async function signArtifact(
  stack: SigstoreStack,
  dir: string,
  name: string,
  options: SignOptions = {},
): Promise<SignedArtifact> {
  const artifactPath = path.join(dir, name);
  const bytes = Buffer.from(`${name}\n`.repeat(32));
  await writeFile(artifactPath, bytes);
  const digest = createHash('sha256').update(bytes).digest('hex');
  const signed = await signStatement(statementFor(name, digest, options.predicateExtra), {
    endpoints: {
      fulcioUrl: stack.urls.fulcio,
      ...(options.rekor !== false ? { rekorUrl: stack.urls.rekor } : {}),
      ...(options.tsa ? { tsaUrl: stack.urls.tsa } : {}),
    },
    identityToken: stack.issueToken({ repository: REPO, ref: REF, sha: SHA, ...options.claims }),
  });
  const bundlePath = options.bundlePath ?? `${artifactPath}.sigstore.json`;
  await writeFile(bundlePath, signed.bundleJson);
  return { name, artifactPath, bundlePath, bundle: JSON.parse(signed.bundleJson) as Record<string, any> };
}

/** The policy flags every hostile run uses: the stack's trusted root and the release's repository. */
export function verifyArgs(stack: SigstoreStack, ...rest: string[]): string[] {
  return ['verify', ...rest, '--trusted-root', stack.trustedRootPath, '--format', 'json'];
}

type Json = Record<string, any>;
const clone = (bundle: Json): Json => structuredClone(bundle);

/** DER length octets for `n` bytes of content. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const octets: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v % 256);
  return Buffer.from([0x80 | octets.length, ...octets]);
}
const derSequence = (content: Buffer) =>
  Buffer.concat([Buffer.from([0x30]), derLength(content.length), content]);

/**
 * An ASN.1 bomb: a "certificate" that is a SEQUENCE of a SEQUENCE of `nulls` DER NULLs (05 00). Five and a half
 * million of them make a 15 MB bundle, the size the finding was measured at; a few thousand stay under the byte
 * limit of a certificate and meet the object-count limit instead.
 */
export function asn1Bomb(bundle: Json, nulls: number): Json {
  const out = clone(bundle);
  const der = derSequence(derSequence(Buffer.alloc(nulls * 2, Buffer.from([0x05, 0x00]))));
  out.verificationMaterial.certificate = { rawBytes: der.toString('base64') };
  return out;
}

/** The same RFC 3161 timestamp `count` times over (it needs a bundle signed with a TSA). */
export function timestampFlood(bundle: Json, count: number): Json {
  const out = clone(bundle);
  const [first] = out.verificationMaterial.timestampVerificationData.rfc3161Timestamps;
  out.verificationMaterial.timestampVerificationData.rfc3161Timestamps = Array.from(
    { length: count },
    () => first,
  );
  return out;
}

/** The same transparency-log entry `count` times over. */
export function tlogFlood(bundle: Json, count: number): Json {
  const out = clone(bundle);
  const [first] = out.verificationMaterial.tlogEntries;
  out.verificationMaterial.tlogEntries = Array.from({ length: count }, () => first);
  return out;
}

/** A bundle document padded with an unknown field of `count` empty objects: cheap to write, costly to parse. */
export function hugeJson(bundle: Json, count: number): string {
  const text = JSON.stringify(bundle);
  return `${text.slice(0, -1)},"padding":[${'{},'.repeat(count - 1)}{}]}`;
}

/** How many copies of `unit` characters fit in `bytes`. */
export const fitting = (bytes: number, unit: number): number => Math.floor(bytes / unit);
