/**
 * The local stack described the way a foundation publishes its own instance: a TUF repository whose signing config
 * names the stack's Fulcio, its Rekor v2 log and its timestamp authority, and whose trusted root is the stack's.
 */
import { readFile } from 'node:fs/promises';
import type { SigstoreStack } from '../sigstore-stack/index.js';
import { startTufRepo, type TufRepo } from './index.js';

const ALWAYS = { start: '2020-01-01T00:00:00Z' };

/** A signing_config.v0.2.json for the stack: one operator, each service valid since 2020. */
export function stackSigningConfig(stack: SigstoreStack): string {
  const service = (url: string, majorApiVersion = 1) => ({
    url,
    majorApiVersion,
    validFor: ALWAYS,
    operator: 'local',
  });
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.signingconfig.v0.2+json',
    caUrls: [service(stack.urls.fulcio)],
    rekorTlogUrls: [service(stack.urls.rekorV2, 2)],
    tsaUrls: [service(`${stack.urls.tsa}/api/v1/timestamp`)],
    rekorTlogConfig: { selector: 'ANY' },
    tsaConfig: { selector: 'ANY' },
  });
}

export async function startStackTufRepo(stack: SigstoreStack): Promise<TufRepo> {
  return startTufRepo({
    'trusted_root.json': await readFile(stack.trustedRootPath),
    'signing_config.v0.2.json': stackSigningConfig(stack),
  });
}
