/**
 * The encrypt use case: each file under a fresh data key into `<file>.enc`, the key registered with the broker by a
 * keyless-signed registration (ciphertext, plaintext, policy digest, key commitment, nonce), then one provenance
 * statement whose subjects are every plaintext and every ciphertext, so a consumer can check both sides.
 */
import { parseAccessPolicy } from '../../core/encryption/access-policy.js';
import { KEY_COMMITMENT_LABEL, keyRegistrationStatement } from '../../core/encryption/protocol.js';
import type { Subject } from '../../core/subject.js';
import { attest, type AttestPorts, type AttestRequest, type AttestResult } from '../attest.js';
import type { SigningSession } from '../ports.js';
import type { EncryptionPorts } from './ports.js';
import { requestSession } from './request-session.js';

export interface EncryptFile {
  /** Where the plaintext is. */
  path: string;
  /** Its subject name (relative to the base directory); the ciphertext's is the same with `.enc`. */
  name: string;
}

export interface EncryptRequest {
  files: readonly EncryptFile[];
  policy: { text: string; source: string };
  serverUrl: string;
  /** How the provenance is signed and where it goes (as `provenant sign` does it). */
  provenance: Omit<AttestRequest, 'presetSubjects'>;
}

export interface EncryptedArtifact {
  file: string;
  encrypted: string;
  plaintext: Subject;
  ciphertext: Subject;
}

export interface EncryptResult {
  artifacts: EncryptedArtifact[];
  provenance: AttestResult;
}

export const ENCRYPTED_SUFFIX = '.enc';

async function encryptOne(
  file: EncryptFile,
  request: EncryptRequest,
  session: SigningSession,
  ports: EncryptionPorts,
): Promise<EncryptedArtifact> {
  const { cipher, broker } = ports;
  const encrypted = `${file.path}${ENCRYPTED_SUFFIX}`;
  const key = cipher.newDataKey();
  try {
    const pass = await cipher.encryptFile(file.path, encrypted, key);
    const plaintext: Subject = { name: file.name, digest: { sha256: pass.inputSha256 } };
    const ciphertext: Subject = {
      name: `${file.name}${ENCRYPTED_SUFFIX}`,
      digest: { sha256: pass.outputSha256 },
      size: pass.outputBytes,
    };
    try {
      const statement = keyRegistrationStatement(
        { name: ciphertext.name, sha256: pass.outputSha256 },
        {
          nonce: await broker.nonce(),
          plaintext: { name: file.name, digest: { sha256: pass.inputSha256 } },
          policySha256: cipher.sha256(request.policy.text),
          keyCommitment: cipher.sha256(Buffer.concat([Buffer.from(KEY_COMMITMENT_LABEL, 'utf8'), key])),
        },
      );
      const signed = await session.sign(statement);
      await broker.register({
        bundle: JSON.parse(signed.bundleJson) as unknown,
        policy: request.policy.text,
        key: key.toString('base64'),
      });
    } catch (e) {
      // Without its key at the broker the ciphertext can never be opened: leave no such file for anyone to publish.
      await cipher.remove(encrypted);
      throw e;
    }
    ports.log.info(
      `${encrypted}: encrypted, key registered with ${broker.url} (sha256:${pass.outputSha256})`,
    );
    return { file: file.path, encrypted, plaintext, ciphertext };
  } finally {
    key.fill(0);
  }
}

export async function encryptArtifacts(
  request: EncryptRequest,
  ports: EncryptionPorts & Omit<AttestPorts, 'signing'>,
): Promise<EncryptResult> {
  // A policy the broker would refuse fails here, before any file is encrypted or anything signed.
  parseAccessPolicy(request.policy.text, request.policy.source);
  const session = await requestSession(ports.signing, request.serverUrl);
  const artifacts: EncryptedArtifact[] = [];
  for (const file of request.files) artifacts.push(await encryptOne(file, request, session, ports));
  const provenance = await attest(
    { ...request.provenance, presetSubjects: artifacts.flatMap((a) => [a.plaintext, a.ciphertext]) },
    { fs: ports.fs, writeFile: ports.writeFile, signing: ports.signing, log: ports.log },
  );
  return { artifacts, provenance };
}
