// Built-ins on the start-up path come from process.getBuiltinModule, not ESM imports: importing node:fs or node:util
// runs all their lazy getters (fs.promises, streams, readline: some forty modules, 4 ms of every start).
const { realpathSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

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
