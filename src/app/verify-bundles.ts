import { ProvenantError, quote } from '../core/errors.js';
import type { ArtifactInput, BundleChoice } from './verify-artifacts.js';
import type { LoadedBundle, VerifyPorts } from './ports.js';

/**
 * Finds the candidate bundles for an artifact: --bundle, --bundle-dir (its own `<name>.sigstore.json`, else every
 * bundle there), or `<artifact>.sigstore.json` beside it. Each file is loaded once, however many artifacts share it.
 */
export class CandidateBundles {
  private readonly loaded = new Map<string, Promise<LoadedBundle[]>>();
  private wholeDir?: Promise<LoadedBundle[]>;
  private readonly choice: BundleChoice;
  private readonly ports: VerifyPorts;

  constructor(choice: BundleChoice, ports: VerifyPorts) {
    this.choice = choice;
    this.ports = ports;
  }

  private load(path: string): Promise<LoadedBundle[]> {
    let hit = this.loaded.get(path);
    if (!hit) {
      hit = this.ports.loadBundles(path);
      this.loaded.set(path, hit);
    }
    return hit;
  }

  private async fromDir(bundleDir: string, artifact: ArtifactInput): Promise<LoadedBundle[]> {
    const dir = this.ports.resolve(bundleDir);
    if (artifact.path) {
      const own = this.ports.resolve(dir, `${this.ports.basename(artifact.path)}.sigstore.json`);
      if ((await this.ports.kind(own)) === 'file') return this.load(own);
    }
    this.wholeDir ??= (async () => {
      const files = await this.ports.listBundleFiles(dir);
      const all = await Promise.all(files.map((f) => this.load(f)));
      return all.flat();
    })();
    const all = await this.wholeDir;
    if (all.length === 0) {
      throw new ProvenantError(
        'BUNDLE_NOT_FOUND',
        `--bundle-dir ${quote(bundleDir)}: expected *.sigstore.json or *.jsonl bundles, got none.`,
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
