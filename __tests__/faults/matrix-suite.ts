/**
 * The fault matrix as tests, run through the real entry point (dist/index.js as the runner runs it):
 * - once: each fault strikes one request; the run retries it and succeeds, within its budget, with the bundle on disk
 *   byte for byte on the release and in the workflow artifact, the release clean, and no secret shown anywhere;
 * - for ever (a hang, a Retry-After of an hour, a body cut short): the fault strikes every request; the run fails
 *   within its budgets with one `::error::` naming the service (never Node's silent exit 13 of a run left with nothing
 *   to wait for), keeps every bundle it signed (and says where), and still shows no secret.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import { startGitHubEmulator, type GitHubEmulator } from '../../test-support/github-emulator/index.js';
import { startSigstoreStack, type SigstoreStack } from '../../test-support/sigstore-stack/index.js';
import { leaks } from './leaks.js';
import { cases, type Kind, type Service } from './matrix.js';
import {
  REPO,
  TAG,
  actWith,
  artifactFiles,
  assetText,
  cleanRelease,
  keptPaths,
  workspace,
} from './support.js';

/** Budgets tight enough that a fault for ever ends in seconds. */
const TIGHT = { 'request-timeout': '1', 'signing-timeout': '8', 'publish-timeout': '8' };
/**
 * Left out of "a body cut short on every attempt": where it still ends well, because the work lands and is checked (an
 * upload is found on the release by name, ./action-upload-landed.test.ts; blob storage answers its writes with no body
 * to cut), and Fulcio, Rekor and the TSA, whose retries of a cut-short answer end at the signing budget exactly as a
 * hang does (the hang cases here).
 */
const CUT_SHORT_ELSEWHERE = new Set(['uploads', 'blob storage', 'Fulcio', 'Rekor', 'TSA']);
const ANY_ARTIFACT = /^provenance-bundles-release-[0-9a-f]{8}(-\d)?$/;

export function faultMatrix(title: string, services: Service[]): void {
  let stack: SigstoreStack;
  let em: GitHubEmulator;
  let ws: string;
  let release: number;

  beforeAll(async () => {
    stack = await startSigstoreStack();
    ws = await workspace('provenant-matrix-');
  });
  afterAll(async () => {
    await stack.stop();
    await rm(ws, { recursive: true, force: true });
  });
  beforeEach(async () => {
    stack.faults.clear();
    em = await startGitHubEmulator({ repository: REPO });
    em.addRepo(REPO, { visibility: 'public' });
    release = em.addRelease(REPO, { tag: TAG, draft: true }).id;
  });
  afterEach(async () => {
    expect(em.violations).toEqual([]);
    await em.stop();
  });

  const act = (inputs: Record<string, string> = {}) =>
    actWith(stack, em, ws, {
      'upload-artifact': 'true',
      'attestation-store': 'true',
      'require-attestation-store': 'true',
      ...TIGHT,
      ...inputs,
    });

  describe(`${title}: one fault, retried, then published`, () => {
    it.each(cases(services))('%s: %s', async (_name, kind: Kind, service) => {
      service.inject({ stack, em }, kind, 1);
      const started = Date.now();
      const run = await act();
      const seconds = (Date.now() - started) / 1000;
      expect(run.stdout).not.toContain('::error::');
      expect(run.code).toBe(0);
      expect(service.pending({ stack, em })).toBe(0);
      expect(seconds).toBeLessThan(8);
      const bundle = await readFile(run.outputs['bundle-path']!, 'utf8');
      expect(assetText(em, release, 'provenance.sigstore.json')).toBe(bundle);
      expect((await artifactFiles(em, ANY_ARTIFACT))['provenance.sigstore.json']).toBe(bundle);
      expect(cleanRelease(em, release)).toBe(true);
      expect(em.attestations().length).toBeGreaterThanOrEqual(1);
      // An answer lost or cut short is never taken for an asset: no request names an asset it does not know.
      expect(em.requests.filter((r) => /\/assets\/(undefined|NaN)/.test(r.path))).toEqual([]);
      expect(await leaks(run, stack, em)).toEqual([]);
    });
  });

  describe(`${title}: a fault on every attempt, a clear failure within the budget`, () => {
    it.each(
      services.flatMap((s) =>
        (['hang', 'status with Retry-After', 'truncated body'] as const)
          .filter((k) => k !== 'truncated body' || !CUT_SHORT_ELSEWHERE.has(s.name))
          .map((k): [string, Kind, Service] => [s.name, k, s]),
      ),
    )('%s: %s', async (_name, kind: Kind, service) => {
      // Retry-After of an hour: never waited out.
      service.inject({ stack, em }, kind, 10_000, 3600);
      const started = Date.now();
      const run = await act();
      const seconds = (Date.now() - started) / 1000;
      expect(run.code).toBe(1);
      expect(seconds).toBeLessThan(8 + 4);
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
      if (process.env.SHOW_ERRORS) console.log(`${service.name} ${kind} ${seconds} s: ${errors.join('\n')}`);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(service.named);
      if (service.afterSigning) {
        const kept = keptPaths(run);
        expect(kept).toHaveLength(1);
        expect(JSON.parse(await readFile(kept[0]!, 'utf8')).dsseEnvelope).toBeDefined();
      } else {
        expect(errors[0]).not.toContain('kept at');
      }
      expect(cleanRelease(em, release)).toBe(true);
      expect(await leaks(run, stack, em)).toEqual([]);
    });
  });
}
