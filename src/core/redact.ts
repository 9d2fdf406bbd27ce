/**
 * Tokens must never reach a log, an error or a bundle. Every secret the run learns is registered here, and every
 * message that leaves the process goes through `redact`. JWTs are also caught by shape, because libraries echo
 * tokens we never saw (sigstore-js puts the whole identity token into its parse errors).
 */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const GITHUB_TOKEN_SHAPE = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;

export class SecretRegistry {
  readonly #secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would redact ordinary words; real tokens are long.
    if (secret && secret.length >= 8) this.#secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    return out.replace(JWT_SHAPE, '***').replace(GITHUB_TOKEN_SHAPE, '***');
  }

  get size(): number {
    return this.#secrets.size;
  }
}

/** One registry for the process: entry points and adapters share it. */
export const secrets = new SecretRegistry();
