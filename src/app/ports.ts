/**
 * Every port the use cases need, and the data that crosses them. The use cases own these types; adapters implement
 * them (the dependency points from src/adapters to src/app, never back), and tests pass fakes. Each use case is
 * called the same way: `useCase(request, ports)`, with the logger inside the ports.
 */
import type { Bundle } from '@sigstore/bundle';
import type { CertificateClaims } from '../core/certificate-claims.js';
import type { DigestAlgorithm, DigestSet } from '../core/digest.js';
import type { StatementView } from '../core/policy/statement-view.js';
import type { Subject } from '../core/subject.js';
import type { CollectOptions, FileOptionNames, FoundFile, HashOptions } from '../core/files.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

/** Every port set carries the logger its use case reports progress through. */
export interface Logged {
  log: Logger;
}

// ---- Files ------------------------------------------------------------------------------------------------------

/** What the subject use case needs from the filesystem; tests inject fakes, entry points the real adapters. */
export interface FileSystemPort {
  collectFiles(patterns: readonly string[], options: CollectOptions): Promise<FoundFile[]>;
  hashFiles(files: readonly FoundFile[], options: HashOptions): Promise<Subject[]>;
  readTextFile(path: string, maxBytes: number): Promise<string>;
}

export interface SubjectPorts extends Logged {
  fs: FileSystemPort;
}

export interface SubjectRequest {
  /** Globs, directories and paths, with `!` excludes. */
  patterns: readonly string[];
  /** sha256sum/sha512sum files whose lines become subjects. */
  checksumFiles: readonly string[];
  /** Subjects given as a name and a `sha256:<hex>` digest. */
  digests: readonly { name: string; digest: string }[];
  baseDir: string;
  allowOutsideBase: boolean;
  ifNoFilesFound: 'error' | 'warn' | 'ignore';
  algorithms: readonly DigestAlgorithm[];
  /** The input names as the user sees them, for messages. */
  inputNames?: { patterns?: string; checksumFiles?: string; digests?: string };
  /** Where Provenant writes its statement and bundles: what an earlier run left there is never a subject. */
  outputDir?: string;
  /** Where relative patterns start (default: the process's working directory). */
  cwd?: string;
  /** How the entry point names base-dir, allow-outside-base and if-no-files-found in messages. */
  optionNames?: FileOptionNames;
}

// ---- Signing ----------------------------------------------------------------------------------------------------

/** The Sigstore services a signature went to, as the use cases and reports see them. */
export interface SigstoreInstance {
  readonly name: 'public-good' | 'github' | 'staging' | 'custom';
  readonly fulcioUrl: string;
  /** Rekor base URL when the instance records a transparency-log entry. */
  readonly rekorUrl?: string;
  /** The log's API: 1 (`dsse` entries, the default) or 2 (`hashedrekord` 0.0.2, time from the TSA). */
  readonly rekorApiVersion?: 1 | 2;
  /** Full RFC 3161 endpoint when the instance asks a timestamp authority. */
  readonly tsaUrl?: string;
  /** True when `rekorUrl` is a log anyone can read (so entries are public and permanent). */
  readonly publicLog: boolean;
  /** Trusted root for a custom instance; the others come from TUF or vendored roots. */
  readonly trustedRootPath?: string;
  /** The TUF repository a custom instance was described by, for verifiers to follow its rotations. */
  readonly tufMirror?: string;
}

/** Facts about one signed bundle, for outputs and the job summary. */
export interface BundleFacts {
  /** The certificate's SAN: for GitHub, `https://github.com/<job_workflow_ref>`. */
  readonly certificateIdentity: string;
  /** The OIDC issuer Fulcio recorded (extension .8). */
  readonly certificateIssuer?: string;
  readonly rekorLogIndex?: string;
  /** Where a person can look at the log entry. */
  readonly rekorEntryUrl?: string;
  /** When Rekor integrated the entry, ISO 8601. */
  readonly integratedTime?: string;
  /** The RFC 3161 timestamp's genTime, ISO 8601. */
  readonly timestamp?: string;
}

/** Who is signing: the identity token's claims and the token itself, kept together so neither outlives the other. */
export interface SigningIdentity {
  readonly claims: Readonly<Record<string, unknown>>;
  /** Never logged, never in a result: it goes from `identity()` to `session()` and on to Fulcio. */
  readonly token: string;
}

/** A signing session bound to one instance and one identity. */
export interface SigningSession {
  readonly instance: SigstoreInstance;
  sign(statement: object): Promise<{ bundleJson: string; bundle: unknown; facts: BundleFacts }>;
  /** Signs bytes themselves (a message signature, e.g. over a layout file) rather than a statement. */
  signMessage?(bytes: Uint8Array): Promise<{ bundleJson: string; bundle: unknown; facts: BundleFacts }>;
  /** Checks a fresh bundle before anyone can publish it (a message signature with its bytes); absent when not asked. */
  verifyAfterSign?(bundle: unknown, signedBytes?: Uint8Array): Promise<void>;
}

export interface IdentityPort {
  identity(): Promise<SigningIdentity>;
  /** Opens a session for the identity (the instance may depend on its claims, e.g. the repository's visibility). */
  session(identity: SigningIdentity, expected: { identity: string }): Promise<SigningSession>;
}

export interface SignedBundle {
  /** Where the bundle was written (before anything else happened to it). */
  path: string;
  /** The file name it is published under. */
  name: string;
  subjects: Subject[];
  facts: BundleFacts;
  /** What the bundle's statement attests (the SLSA provenance, an SBOM, …). */
  predicateType?: string;
}

export interface SigningPorts extends Logged {
  session: SigningSession;
  /** Writes atomically and returns the path written. */
  writeFile(path: string, data: string): Promise<string>;
  /** Told of each bundle as soon as it is on disk and verified, so a later failure can name every one kept. */
  written?(bundle: SignedBundle): void;
}

// ---- Releases and publishing ------------------------------------------------------------------------------------

export interface ReleaseInfo {
  id: number;
  tag: string;
  name: string | null;
  draft: boolean;
  /** Published immutable releases refuse new assets, deletions and going back to draft. */
  immutable: boolean;
  uploadUrl: string;
  htmlUrl: string;
}

export interface ReleaseAsset {
  id: number;
  name: string;
  size: number;
  contentType: string;
  /** Lowercase hex, when GitHub reports the asset's digest (`digest: "sha256:…"`). */
  sha256: string | undefined;
  /** `uploaded`, or `open` for an upload that never completed. */
  state: string;
  apiUrl: string;
  browserDownloadUrl: string;
}

export interface AssetUpload {
  name: string;
  data: Buffer;
  /** Sent as is; GitHub serves the asset with it (bundles: application/json). */
  contentType: string;
}

export interface AttachResult {
  /** skipped: identical bytes were there; kept: an equivalent bundle (same subjects, same signer) was there. */
  action: 'uploaded' | 'skipped' | 'kept' | 'replaced';
  asset: ReleaseAsset;
}

export interface AttachOptions {
  overwrite: boolean;
  /** The asset of the upload's name in the release's listing (listed once, kept up to date), if any. */
  existing: ReleaseAsset | undefined;
  /** True when an existing asset's bytes already do this upload's job, so it counts as done. */
  isDone?: (bytes: Buffer) => Promise<boolean>;
}

/** What is left of the token's request quota, as GitHub's last answer said. */
export interface RequestQuota {
  limit: number;
  remaining: number;
  resetAt: Date;
}

/** GitHub's limits a publishing plan must fit in. */
export interface PublishLimits {
  quota: RequestQuota | undefined;
  /** GitHub allows this many assets on one release. */
  maxAssetsPerRelease: number;
  /** Content-creating requests are spaced this far apart (GitHub asks integrations to). */
  msPerWrite: number;
}

/** The attestation store takes the bundle's JSON as is (a Sigstore bundle v0.3 with a DSSE envelope). */
export interface BundleJson {
  mediaType: string;
  verificationMaterial: Record<string, unknown>;
  dsseEnvelope: Record<string, unknown>;
}

export interface StoredAttestation {
  id: number;
  /** Where a person sees it: `<server>/<owner>/<repo>/attestations/<id>`. */
  url: string;
}

export interface UploadedArtifact {
  id: number;
  name: string;
  size: number;
  /** sha256 hex of what was uploaded (the zip, or the single file with skipArchive). */
  digest: string | undefined;
}

export interface PublishPorts extends Logged {
  readFile(path: string): Promise<Buffer>;
  uploadArtifact(name: string, files: string[], rootDirectory: string): Promise<UploadedArtifact>;
  findRelease(tag: string): Promise<ReleaseInfo | undefined>;
  /** Every asset of the release, in one listing: publishing keeps it rather than listing again for each bundle. */
  listAssets(release: ReleaseInfo): Promise<ReleaseAsset[]>;
  attach(release: ReleaseInfo, upload: AssetUpload, options: AttachOptions): Promise<AttachResult>;
  storeAttestation(bundle: BundleJson): Promise<StoredAttestation>;
  limits(): PublishLimits;
  /** Checks an existing bundle as a fresh one is checked (trust material, signing identity); absent: unchecked. */
  verifyBundle?(bundle: unknown): Promise<void>;
}

export interface ResignPorts extends Logged {
  findRelease(tag: string): Promise<ReleaseInfo | undefined>;
  listAssets(releaseId: number): Promise<ReleaseAsset[]>;
  /** Streams the asset to `directory`, hashing on the way; refuses names with separators or `..`. */
  download(asset: ReleaseAsset, directory: string): Promise<{ path: string; sha256: string; size: number }>;
}

// ---- Verification -----------------------------------------------------------------------------------------------

/** A bundle as loaded from disk, with where it came from, for messages: a file name, with `:LINE` for `.jsonl`. */
export interface LoadedBundle {
  source: string;
  bundle: Bundle;
  /** The file it was read from. */
  path?: string;
  /** Its share of the file's bytes, so a run can bound how many bundles it holds at once (0 when unknown). */
  bytes?: number;
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

/** A file an artifact argument named, with the name the report shows for it. */
export interface FoundArtifact {
  name: string;
  path: string;
}

/** 'other' is anything that is neither a file nor a directory (sockets, devices). */
export type PathKind = 'file' | 'directory' | 'missing' | 'other';

/** What the verify use case needs from the outside; the CLI and the action pass the real adapters, tests fakes. */
export interface VerifyPorts {
  kind(path: string): Promise<PathKind>;
  /**
   * The files one artifact argument names (a file, a directory walked, or a glob), leaving out what an exclude
   * (`!` pattern, given without the `!`) matches and every bundle file; refuses a path with nothing there.
   */
  findArtifacts(pattern: string, excludes: readonly string[]): Promise<FoundArtifact[]>;
  hashFile(path: string, algorithms: readonly DigestAlgorithm[]): Promise<DigestSet>;
  loadBundles(path: string): Promise<LoadedBundle[]>;
  /**
   * The size of a file in bytes (0 when it cannot be read: loading it then says why), so big bundle files are loaded
   * one at a time; without it, files are not held back.
   */
  fileSize?(path: string): Promise<number>;
  /** Bundle files (`*.sigstore.json`, `*.jsonl`) directly inside a directory. */
  listBundleFiles(dir: string): Promise<string[]>;
  resolve(...parts: string[]): string;
  basename(path: string): string;
  /** Throws a ProvenantError when the cryptography does not hold. */
  verifyCrypto(loaded: LoadedBundle, artifact: DigestSet): VerifiedBundle;
  /**
   * The same check, asynchronous, so the adapter may spread a run's bundles over worker threads (rejects where
   * verifyCrypto throws). The verify use case prefers it when present.
   */
  verifyCryptoAsync?(loaded: LoadedBundle, artifact: DigestSet): Promise<VerifiedBundle>;
  /** Which digest algorithms a bundle needs of the artifact (sha256 unless it names only others). */
  algorithmsFor(bundle: Bundle): DigestAlgorithm[];
}
