/**
 * Libraries write to the runner's log themselves: `@actions/artifact` logs each failed attempt with what the results
 * service answered, and its debug lines the raw body, so a service that echoes request headers prints the runtime
 * token. Every line the process writes to stdout and stderr goes through redaction here. `::add-mask::` lines pass as
 * they are (the runner needs the value to mask it, and never shows the line), and teach redaction the value, so what
 * a library masks (signed upload URLs) is scrubbed from our own messages too.
 */
import type { SecretRegistry } from '../../core/redact.js';

const MASK = '::add-mask::';

export function redactLines(text: string, registry: SecretRegistry): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.startsWith(MASK)) return registry.redact(line);
      registry.add(line.slice(MASK.length).replace(/\r$/, ''));
      return line;
    })
    .join('\n');
}

function guard(stream: NodeJS.WriteStream, registry: SecretRegistry): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const guarded = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string') return write(redactLines(chunk, registry), ...rest);
    if (chunk instanceof Uint8Array) {
      const text = Buffer.from(chunk).toString('utf8');
      const clean = redactLines(text, registry);
      return write(clean === text ? chunk : Buffer.from(clean, 'utf8'), ...rest);
    }
    return write(chunk, ...rest);
  };
  stream.write = guarded;
}

let guarded = false;

/** Puts redaction in front of the process's stdout and stderr (once). */
export function guardProcessOutput(registry: SecretRegistry): void {
  if (guarded) return;
  guarded = true;
  guard(process.stdout, registry);
  guard(process.stderr, registry);
}
