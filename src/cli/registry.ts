import type { CliCommand } from './command.js';

/** The CLI's commands. One line each; the modules load lazily so `--help` and small commands start fast. */
export function registerAll(register: (name: string, load: () => Promise<CliCommand>) => void): void {
  register('hash', async () => (await import('./hash.js')).command);
  register('statement', async () => (await import('./statement.js')).command);
  register('sign', async () => (await import('./sign.js')).command);
  register('verify', async () => (await import('./verify.js')).command);
  register('verify-bundle', async () => (await import('./verify-bundle.js')).command);
  register('sign-bundle', async () => (await import('./sign-bundle.js')).command);
  register('encrypt', async () => (await import('./encrypt.js')).command);
  register('decrypt', async () => (await import('./decrypt.js')).command);
  register('broker', async () => (await import('./broker.js')).command);
  register('approve', async () => (await import('./approve.js')).command);
  register('attest-step', async () => (await import('./attest-step.js')).command);
  register('layout', async () => (await import('./layout.js')).command);
  register('sign-layout', async () => (await import('./sign-layout.js')).command);
}
