/**
 * GitHub's primary rate limit as a GITHUB_TOKEN meets it: a quota of requests an hour per repository (1,000 for the
 * GITHUB_TOKEN of a repository not on Enterprise Cloud), counted on the API and the uploads host alike, stated on
 * every answer in `x-ratelimit-*` headers, and answered 403 with `x-ratelimit-remaining: 0` once spent.
 */
export interface QuotaOptions {
  /** Requests an hour (default 1,000). */
  limit?: number;
  /** Already spent when the emulator starts (default 0). */
  used?: number;
}

export class Quota {
  readonly #limit: number;
  readonly #used = new Map<string, { used: number; resetAt: number }>();
  readonly #initial: number;

  constructor(options: QuotaOptions = {}) {
    this.#limit = options.limit ?? 1000;
    this.#initial = options.used ?? 0;
  }

  #window(repo: string): { used: number; resetAt: number } {
    const now = Math.floor(Date.now() / 1000);
    let w = this.#used.get(repo);
    if (!w || w.resetAt <= now) {
      w = { used: w ? 0 : this.#initial, resetAt: now + 3600 };
      this.#used.set(repo, w);
    }
    return w;
  }

  /** Counts one request of `repo`; false when the quota was already spent (the request is refused). */
  take(repo: string): boolean {
    const w = this.#window(repo);
    if (w.used >= this.#limit) return false;
    w.used += 1;
    return true;
  }

  headers(repo: string): Record<string, string> {
    const w = this.#window(repo);
    return {
      'x-ratelimit-limit': String(this.#limit),
      'x-ratelimit-remaining': String(Math.max(0, this.#limit - w.used)),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(w.resetAt),
      'x-ratelimit-resource': 'core',
    };
  }

  used(repo: string): number {
    return this.#window(repo).used;
  }
}
