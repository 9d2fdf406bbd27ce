import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SigstoreStack } from '../../../test-support/sigstore-stack/index.js';
import type { SignOptions } from '../../../src/adapters/sigstore/signer.js';
import { isProvenantError, type ProvenantError } from '../../../src/core/errors.js';

export const run = promisify(execFile);

export const STATEMENT = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: 'dist/app.tar.gz', digest: { sha256: 'c'.repeat(64) } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } },
};

export type Witnesses = 'rekor' | 'tsa' | 'both';

/** Sign options against the stack, with sleeps recorded instead of waited for. */
export function optionsFor(
  stack: SigstoreStack,
  witnesses: Witnesses,
  token: string,
  extra: Partial<SignOptions> = {},
) {
  const sleeps: number[] = [];
  const options: SignOptions = {
    endpoints: {
      fulcioUrl: stack.urls.fulcio,
      ...(witnesses !== 'tsa' ? { rekorUrl: stack.urls.rekor } : {}),
      ...(witnesses !== 'rekor' ? { tsaUrl: `${stack.urls.tsa}/api/v1/timestamp` } : {}),
    },
    identityToken: token,
    timeoutMs: 5000,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  };
  return { options, sleeps };
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'provenant-sign-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

export async function write(dir: string, name: string, data: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** Awaits a promise expected to fail with a ProvenantError and returns it; anything else fails the test. */
export async function failure(promise: Promise<unknown>): Promise<ProvenantError> {
  try {
    await promise;
  } catch (e) {
    if (isProvenantError(e)) return e;
    throw e;
  }
  throw new Error('expected a ProvenantError, got success');
}
