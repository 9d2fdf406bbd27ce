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
 * Loads bundle files one at a time, each once the bytes already held by artifacts being verified are under a budget
 * (one file is always let through, however big, so nothing waits forever). Whoever holds a file releases it before
 * asking for another, so a wait here never waits on itself. Bundles thus stream through in turns, never all at once.
 */
export class ByteGate {
  private held = 0;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly waiting: (() => void)[] = [];
  private readonly budget: number;

  constructor(budget: number = IN_FLIGHT_BYTES) {
    this.budget = budget;
  }

  /** Runs `load` in its turn and holds the bytes `size` says it loaded, until {@link release}. */
  admit<T>(load: () => Promise<T>, size: (loaded: T) => number): Promise<T> {
    const run = this.turn.then(async () => {
      while (this.held >= this.budget) await new Promise<void>((resolve) => this.waiting.push(resolve));
      const loaded = await load();
      this.held += size(loaded);
      return loaded;
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  release(bytes: number): void {
    this.held -= bytes;
    this.waiting.splice(0).forEach((wake) => wake());
  }
}
