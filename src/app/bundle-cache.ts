import type { LoadedBundle } from './ports.js';

/** Bundle bytes kept loaded for reuse: a release's bundles are a few KiB each, so this holds thousands of them. */
export const CACHE_BYTES = 16 * 1024 * 1024;
/** Bundle bytes that artifacts being verified may hold at once; past it, the next artifact waits its turn. */
export const IN_FLIGHT_BYTES = 8 * 1024 * 1024;

export const sizeOf = (bundles: readonly LoadedBundle[]): number =>
  bundles.reduce((n, b) => n + (b.bytes ?? 0), 0);

/**
 * Loaded bundle files by path, least recently used first out once their bytes pass the budget: a file shared by many
 * artifacts is read once, and a directory of big bundles is never held whole. A failed load is remembered too.
 */
export class BundleCache {
  private readonly entries = new Map<string, { bundles: Promise<LoadedBundle[]>; bytes: number }>();
  private bytes = 0;
  private readonly budget: number;

  constructor(budget: number = CACHE_BYTES) {
    this.budget = budget;
  }

  get(path: string): Promise<LoadedBundle[]> | undefined {
    const hit = this.entries.get(path);
    if (!hit) return undefined;
    this.entries.delete(path);
    this.entries.set(path, hit);
    return hit.bundles;
  }

  /** Keeps `bundles` (once loaded) if they fit the budget, evicting the least recently used. */
  set(path: string, bundles: Promise<LoadedBundle[]>): void {
    const entry = { bundles, bytes: 0 };
    this.entries.set(path, entry);
    bundles.then(
      (loaded) => {
        if (this.entries.get(path) !== entry) return;
        entry.bytes = sizeOf(loaded);
        // A file too big to share the budget with others is read again when needed, not kept.
        if (entry.bytes > this.budget / 4) {
          this.entries.delete(path);
          return;
        }
        this.bytes += entry.bytes;
        for (const [key, old] of this.entries) {
          if (this.bytes <= this.budget) break;
          this.entries.delete(key);
          this.bytes -= old.bytes;
        }
      },
      () => undefined,
    );
  }
}

/**
 * Admits bundle loads by their size: any number at once while the bytes held by artifacts being verified stay under a
 * budget, and one alone, however big, when nothing is held, so nothing waits forever. Whoever holds a file releases
 * it before asking for another, so a wait here never waits on itself. Big bundles thus stream through one at a time,
 * small ones overlap their reads.
 */
export class ByteGate {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly budget: number;

  constructor(budget: number = IN_FLIGHT_BYTES) {
    this.budget = budget;
  }

  /** Waits until `bytes` fit (or nothing is held), then holds them until {@link release}. */
  async admit(bytes: number): Promise<void> {
    while (this.held > 0 && this.held + bytes > this.budget)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.held += bytes;
  }

  release(bytes: number): void {
    this.held -= bytes;
    this.waiting.splice(0).forEach((wake) => wake());
  }
}
