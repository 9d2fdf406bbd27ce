import type { Bundle } from '@sigstore/bundle';
import type { CertificateClaims } from '../core/certificate-claims.js';
import type { DigestAlgorithm, DigestSet } from '../core/digest.js';
import type { StatementView } from '../core/policy/statement-view.js';

/** A bundle as loaded from disk, with where it came from, for messages: a file name, with `:LINE` for `.jsonl`. */
export interface LoadedBundle {
  source: string;
  bundle: Bundle;
}

/** What the cryptography established; the policy layer reads only this. */
export interface VerifiedBundle {
  kind: 'dsse' | 'message-signature';
  statement?: StatementView;
  /** undefined for a bundle signed with a bare public key. */
  claims?: CertificateClaims;
  /** Verified signing times: Rekor integrated times and RFC 3161 timestamps. */
  timestamps: Date[];
}

/** 'other' is anything that is neither a file nor a directory (sockets, devices). */
export type PathKind = 'file' | 'directory' | 'missing' | 'other';

/** What the verify use case needs from the outside; the CLI and the action pass the real adapters, tests fakes. */
export interface VerifyPorts {
  kind(path: string): Promise<PathKind>;
  hashFile(path: string, algorithms: readonly DigestAlgorithm[]): Promise<DigestSet>;
  loadBundles(path: string): Promise<LoadedBundle[]>;
  /** Bundle files (`*.sigstore.json`, `*.jsonl`) directly inside a directory. */
  listBundleFiles(dir: string): Promise<string[]>;
  resolve(...parts: string[]): string;
  basename(path: string): string;
  /** Throws a ProvenantError when the cryptography does not hold. */
  verifyCrypto(loaded: LoadedBundle, artifact: DigestSet): VerifiedBundle;
  /** Which digest algorithms a bundle needs of the artifact (sha256 unless it names only others). */
  algorithmsFor(bundle: Bundle): DigestAlgorithm[];
}
