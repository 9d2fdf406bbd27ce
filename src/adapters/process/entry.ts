import { fs, url } from '../builtins.js';

const { realpathSync } = fs;
const { fileURLToPath } = url;

/**
 * True when the module at `moduleUrl` is the file node was asked to run (symlinks resolved, so
 * `node_modules/.bin/provenant` counts), false when a test or another module imports it.
 */
export function isProcessEntry(moduleUrl: string): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
