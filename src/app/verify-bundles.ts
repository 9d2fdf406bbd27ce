import { APPROVAL_BUNDLE } from '../core/approval/predicate.js';
import { ProvenantError, quote } from '../core/errors.js';
import type { SkippedBundle } from '../core/verify-report.js';
import type { ArtifactInput, BundleChoice } from './verify-artifacts.js';
import { asFailure } from './verify-candidates.js';
import type { LoadedBundle, VerifyPorts } from './ports.js';

/**
 * Finds the candidate bundles for an artifact: --bundle, --bundle-dir (its own `<name>.sigstore.json`, else every
 * bundle there but a release's approval.sigstore.json), or `<artifact>.sigstore.json` beside it. Each file is loaded once, however many artifacts share it.
 * In --bundle-dir, a file that does not load is skipped and reported, never fatal for the other bundles there.
 */
export class CandidateBundles {
  private readonly loaded = new Map<string, Promise<LoadedBundle[]>>();
  private wholeDir?: Promise<LoadedBundle[]>;
  private readonly choice: BundleChoice;
  private readonly ports: VerifyPorts;
  /** Files of --bundle-dir that did not load, by path. */
  private readonly skippedFiles = new Map<string, SkippedBundle>();

  constructor(choice: BundleChoice, ports: VerifyPorts) {
    this.choice = choice;
    this.ports = ports;
  }

  /** Sorted by path, so the report does not depend on which load finished first. */
  get skipped(): SkippedBundle[] {
    return [...this.skippedFiles.values()].sort((a, b) => (a.bundle < b.bundle ? -1 : 1));
  }

  private load(path: string): Promise<LoadedBundle[]> {
    let hit = this.loaded.get(path);
    if (!hit) {
      hit = this.ports.loadBundles(path);
      this.loaded.set(path, hit);
    }
    return hit;
  }

  /** Loads a file of --bundle-dir; one that fails is remembered as skipped and yields no candidates. */
  private async loadOrSkip(path: string): Promise<LoadedBundle[]> {
    try {
      return await this.load(path);
    } catch (e) {
      const failure = asFailure(e);
      if (!this.skippedFiles.has(path))
        this.skippedFiles.set(path, { bundle: path, code: failure.code, message: failure.message });
      return [];
    }
  }

  private async fromDir(bundleDir: string, artifact: ArtifactInput): Promise<LoadedBundle[]> {
    const dir = this.ports.resolve(bundleDir);
    if (artifact.path) {
      const own = this.ports.resolve(dir, `${this.ports.basename(artifact.path)}.sigstore.json`);
      if ((await this.ports.kind(own)) === 'file') {
        const mine = await this.loadOrSkip(own);
        if (mine.length > 0) return mine;
      }
    }
    this.wholeDir ??= (async () => {
      // A release's approval signs the same artifacts but is no provenance: it is checked as the approval it is.
      const files = (await this.ports.listBundleFiles(dir)).filter(
        (f) => this.ports.basename(f) !== APPROVAL_BUNDLE,
      );
      const all = await Promise.all(files.map((f) => this.loadOrSkip(f)));
      return all.flat();
    })();
    const all = await this.wholeDir;
    if (all.length === 0) {
      const skipped = this.skipped;
      throw new ProvenantError(
        skipped.length > 0 ? skipped[0]!.code : 'BUNDLE_NOT_FOUND',
        skipped.length > 0
          ? `--bundle-dir ${quote(bundleDir)}: expected a readable bundle, got ${skipped.length} that did not load. First: ${skipped[0]!.message}`
          : `--bundle-dir ${quote(bundleDir)}: expected *.sigstore.json or *.jsonl bundles, got none.`,
      );
    }
    return all;
  }

  forArtifact(artifact: ArtifactInput): Promise<LoadedBundle[]> {
    const { bundle, bundleDir } = this.choice;
    if (bundle !== undefined) return this.load(this.ports.resolve(bundle));
    if (bundleDir !== undefined) return this.fromDir(bundleDir, artifact);
    return this.load(`${artifact.path!}.sigstore.json`);
  }
}
