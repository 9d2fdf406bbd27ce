import { APPROVAL_BUNDLE } from '../core/approval/predicate.js';
import type { DigestAlgorithm } from '../core/digest.js';
import { ProvenantError, quote } from '../core/errors.js';
import type { SkippedBundle } from '../core/verify-report.js';
import { BundleCache, ByteGate } from './bundle-cache.js';
import type { ArtifactInput, BundleChoice } from './verify-artifacts.js';
import { asFailure } from './verify-candidates.js';
import type { LoadedBundle, VerifyPorts } from './ports.js';

/** A bundle file in use by one artifact: its bundles, held until released. */
export interface OpenedFile {
  bundles: LoadedBundle[];
  release(): void;
}

/**
 * Where an artifact's candidate bundles are: one file already opened (--bundle, its own file in --bundle-dir, or
 * `<artifact>.sigstore.json` beside it), or every file of --bundle-dir, opened one at a time as they are tried.
 */
export type Candidates =
  | { kind: 'file'; file: OpenedFile; algorithms: DigestAlgorithm[] }
  | { kind: 'dir'; files: string[]; algorithms: DigestAlgorithm[] };

/**
 * Finds the candidate bundles for an artifact: --bundle, --bundle-dir (its own `<name>.sigstore.json`, else every
 * bundle there but a release's approval.sigstore.json), or `<artifact>.sigstore.json` beside it. Files are loaded one at a time and kept within a byte
 * budget, so a file shared by many artifacts is read once and a directory of big bundles is never held whole. In
 * --bundle-dir, a file that does not load is skipped and reported, never fatal for the other bundles there.
 */
export class CandidateBundles {
  private readonly cache = new BundleCache();
  private readonly gate = new ByteGate();
  private readonly dirs = new Map<string, Promise<{ files: string[]; algorithms: DigestAlgorithm[] }>>();
  /** Files of --bundle-dir that did not load, by path. */
  private readonly skippedFiles = new Map<string, SkippedBundle>();

  private readonly choice: BundleChoice;
  private readonly ports: VerifyPorts;

  constructor(choice: BundleChoice, ports: VerifyPorts) {
    this.choice = choice;
    this.ports = ports;
  }

  /** Sorted by path, so the report does not depend on which load finished first. */
  get skipped(): SkippedBundle[] {
    return [...this.skippedFiles.values()].sort((a, b) => (a.bundle < b.bundle ? -1 : 1));
  }

  /** Opens a file: from the cache, or loaded in its turn and cached; in --bundle-dir a failure yields nothing. */
  async open(path: string, skippable: boolean): Promise<OpenedFile> {
    let held = 0;
    let bundles = this.cache.get(path);
    if (!bundles) {
      held = (await this.ports.fileSize?.(path)) ?? 0;
      await this.gate.admit(held);
      // Another artifact may have loaded it meanwhile.
      bundles = this.cache.get(path) ?? this.ports.loadBundles(path);
      this.cache.set(path, bundles);
    }
    const release = () => {
      this.gate.release(held);
      held = 0;
    };
    try {
      return { bundles: await bundles, release };
    } catch (e) {
      if (!skippable) throw e;
      const failure = asFailure(e);
      if (!this.skippedFiles.has(path))
        this.skippedFiles.set(path, { bundle: path, code: failure.code, message: failure.message });
      return { bundles: [], release };
    }
  }

  private algorithmsOf(bundles: readonly LoadedBundle[]): DigestAlgorithm[] {
    return [...new Set(bundles.flatMap((c) => this.ports.algorithmsFor(c.bundle)))];
  }

  /** The files of a --bundle-dir and the algorithms their bundles name, from one pass, a file at a time. */
  private scanDir(dir: string, given: string) {
    let scan = this.dirs.get(dir);
    if (!scan) {
      scan = (async () => {
        // A release's approval signs the same artifacts but is no provenance: it is checked as the approval it is.
        const files = (await this.ports.listBundleFiles(dir)).filter(
          (f) => this.ports.basename(f) !== APPROVAL_BUNDLE,
        );
        const algorithms = new Set<DigestAlgorithm>();
        let loaded = 0;
        for (const path of files) {
          const opened = await this.open(path, true);
          loaded += opened.bundles.length;
          this.algorithmsOf(opened.bundles).forEach((a) => algorithms.add(a));
          opened.release();
        }
        if (loaded === 0) {
          const skipped = this.skipped;
          throw new ProvenantError(
            skipped.length > 0 ? skipped[0]!.code : 'BUNDLE_NOT_FOUND',
            skipped.length > 0
              ? `--bundle-dir ${quote(given)}: expected a readable bundle, got ${skipped.length} that did not load. First: ${skipped[0]!.message}`
              : `--bundle-dir ${quote(given)}: expected *.sigstore.json or *.jsonl bundles, got none.`,
          );
        }
        return { files, algorithms: [...algorithms] };
      })();
      this.dirs.set(dir, scan);
    }
    return scan;
  }

  private async one(path: string): Promise<Candidates> {
    const file = await this.open(path, false);
    return { kind: 'file', file, algorithms: this.algorithmsOf(file.bundles) };
  }

  private async fromDir(bundleDir: string, artifact: ArtifactInput): Promise<Candidates> {
    const dir = this.ports.resolve(bundleDir);
    if (artifact.path) {
      const own = this.ports.resolve(dir, `${this.ports.basename(artifact.path)}.sigstore.json`);
      if ((await this.ports.kind(own)) === 'file') {
        const file = await this.open(own, true);
        if (file.bundles.length > 0)
          return { kind: 'file', file, algorithms: this.algorithmsOf(file.bundles) };
        file.release();
      }
    }
    return { kind: 'dir', ...(await this.scanDir(dir, bundleDir)) };
  }

  forArtifact(artifact: ArtifactInput): Promise<Candidates> {
    const { bundle, bundleDir } = this.choice;
    if (bundle !== undefined) return this.one(this.ports.resolve(bundle));
    if (bundleDir !== undefined) return this.fromDir(bundleDir, artifact);
    return this.one(`${artifact.path!}.sigstore.json`);
  }
}
