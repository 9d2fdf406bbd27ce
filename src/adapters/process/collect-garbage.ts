import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined;

/**
 * A full garbage collection, now. V8 lets the garbage of a few big parses (a 12 MB bundle leaves about 90 MB of
 * strings and buffers behind) pile up to hundreds of MB before it collects; the verifier promises a bounded peak per
 * input, so after each big bundle it collects at once. Node exposes `gc` only behind a flag, set here at run time.
 */
export function collectGarbage(): void {
  if (collector === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}
