/**
 * The decrypt use case: find the ciphertext in its provenance, ask the broker for its key with a keyless-signed key
 * request (the ciphertext's digest, a one-time public key, the broker's nonce), open the sealed key, and decrypt.
 * The output takes its name only when every chunk authenticated, the file is the ciphertext the provenance names,
 * and the plaintext is the one the provenance (signed by the identity that registered the key) names.
 */
import { ProvenantError } from '../../core/errors.js';
import { artifactId, keyRequestStatement, type KeyRelease } from '../../core/encryption/protocol.js';
import { buildPolicy } from '../../core/policy/build.js';
import { evaluatePolicy } from '../../core/policy/evaluate.js';
import type { StatementView } from '../../core/policy/statement-view.js';
import type { VerifiedBundle } from '../ports.js';
import type { CipherPass, DecryptionPorts } from './ports.js';
import { requestSession } from './request-session.js';

export interface DecryptRequest {
  input: string;
  /** The ciphertext's subject name in the provenance (default: the subject named like the file). */
  name?: string;
  output: string;
  provenanceBundle: string;
  serverUrl: string;
}

export interface DecryptResult {
  output: string;
  ciphertextSha256: string;
  plaintextSha256: string;
  publisher: KeyRelease['publisher'];
}

/**
 * The ciphertext's subject: by `name` when given, else the one subject whose last path segment is the file's base
 * name (a consumer's directories need not be the publisher's). Found by name, not by the file's digest, so that a
 * tampered file is reported as the authentication failure it is.
 */
function ciphertextSubject(
  statement: StatementView | undefined,
  request: DecryptRequest,
): { name: string; sha256: string } {
  const subjects = statement?.subjects ?? [];
  const base = request.input.split(/[\\/]/).pop()!;
  const found = subjects.filter(
    (s) =>
      s.digest.sha256 &&
      (request.name !== undefined ? s.name === request.name : s.name.split('/').pop() === base),
  );
  const names = subjects.map((s) => JSON.stringify(s.name)).join(', ') || 'none';
  if (found.length === 1) return { name: found[0]!.name, sha256: found[0]!.digest.sha256! };
  throw new ProvenantError(
    'SUBJECT_MISMATCH',
    found.length > 1
      ? `${request.provenanceBundle}: expected one subject named like ${JSON.stringify(base)}, got several (${names}). Pass --name with the one meant.`
      : `${request.provenanceBundle}: expected the provenance to name ${JSON.stringify(request.name ?? base)} among its subjects, got ${names}. Pass the provenance bundle written when this file was encrypted (--bundle), or its subject name (--name).`,
  );
}

/** The provenance must be signed by the identity the broker verified when the key was registered, and name `sha256`. */
function checkProvenance(
  provenance: VerifiedBundle,
  release: KeyRelease,
  sha256: string,
  what: string,
): void {
  const policy = buildPolicy({
    certIdentity: release.publisher.identity,
    certOidcIssuer: release.publisher.issuer,
  });
  const violations = evaluatePolicy(
    {
      artifact: { sha256 },
      ...(provenance.statement ? { statement: provenance.statement } : {}),
      ...(provenance.claims ? { claims: provenance.claims } : {}),
    },
    policy,
  );
  if (violations.length > 0)
    throw new ProvenantError(
      violations[0]!.code,
      `the provenance, checked for the ${what} against the key's publisher ${release.publisher.identity}: ${violations[0]!.message}`,
    );
}

function checkPlaintext(
  pass: CipherPass,
  expected: { cipher: string; release: KeyRelease },
  provenance: VerifiedBundle,
): void {
  if (pass.inputSha256 !== expected.cipher)
    throw new ProvenantError(
      'CIPHERTEXT_INVALID',
      `expected the file to be the ciphertext sha256:${expected.cipher} the provenance names, got sha256:${pass.inputSha256}; nothing was written.`,
    );
  if (pass.outputSha256 !== expected.release.plaintext.sha256)
    throw new ProvenantError(
      'PLAINTEXT_MISMATCH',
      `expected the plaintext sha256:${expected.release.plaintext.sha256} the publisher registered, got sha256:${pass.outputSha256}; nothing was written.`,
    );
  checkProvenance(provenance, expected.release, pass.outputSha256, 'plaintext');
}

export async function decryptArtifact(
  request: DecryptRequest,
  ports: DecryptionPorts,
): Promise<DecryptResult> {
  const { broker, cipher } = ports;
  const provenance = await ports.verifyProvenance(request.provenanceBundle);
  const subject = ciphertextSubject(provenance.statement, request);
  const cipherSha = subject.sha256;
  const artifact = artifactId(cipherSha);
  const session = await requestSession(ports.signing, request.serverUrl);
  const own = cipher.oneTimeKey();
  const statement = keyRequestStatement(subject, {
    nonce: await broker.nonce(),
    recipient: { algorithm: 'X25519', publicKey: own.publicKey },
  });
  const signed = await session.sign(statement);
  const release = await broker.requestKey({ bundle: JSON.parse(signed.bundleJson) as unknown, artifact });
  if (release.artifact !== artifact)
    throw new ProvenantError(
      'KEY_REQUEST_INVALID',
      `expected the broker to release the key of ${artifact}, got ${release.artifact}.`,
    );
  checkProvenance(provenance, release, cipherSha, 'ciphertext');
  const key = own.open(release.wrappedKey, artifact);
  try {
    const pass = await cipher.decryptFile(request.input, request.output, key, (p) =>
      checkPlaintext(p, { cipher: cipherSha, release }, provenance),
    );
    ports.log.info(
      `${request.output}: decrypted and checked (sha256:${pass.outputSha256}, published by ${release.publisher.identity})`,
    );
    return {
      output: request.output,
      ciphertextSha256: cipherSha,
      plaintextSha256: pass.outputSha256,
      publisher: release.publisher,
    };
  } finally {
    key.fill(0);
  }
}
