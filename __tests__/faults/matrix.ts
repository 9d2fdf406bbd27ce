/**
 * The fault matrix: every service the action talks to, and every way it can fail, injected through the local
 * Sigstore stack or the GitHub emulator. Tests pick a service and a kind and say how often it strikes.
 */
import type { GitHubEmulator } from '../../test-support/github-emulator/index.js';
import type { Match } from '../../test-support/github-emulator/faults.js';
import type { ServiceName, SigstoreStack } from '../../test-support/sigstore-stack/index.js';

export const KINDS = [
  'status',
  'status with Retry-After',
  'reset',
  'lost response',
  'truncated body',
  'hang',
  'trickle',
  'error body echoing the request headers',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Services {
  stack: SigstoreStack;
  em: GitHubEmulator;
}

export interface Service {
  name: string;
  /** How the failure message names it. */
  named: RegExp;
  /** Whether it is reached after the bundles are signed (so a failure keeps them). */
  afterSigning: boolean;
  inject(s: Services, kind: Kind, times: number, retryAfterSeconds?: number): void;
  pending(s: Services): number;
}

function emulated(name: string, named: RegExp, match: Match, afterSigning: boolean): Service {
  return {
    name,
    named,
    afterSigning,
    inject: ({ em }, kind, times, retryAfterSeconds = 1) => {
      const f = em.faults;
      if (kind === 'status') f.failNext(times, { ...match, status: 503 });
      else if (kind === 'status with Retry-After')
        f.failNext(times, { ...match, status: 429, retryAfterSeconds });
      else if (kind === 'reset') f.resetNext(times, match);
      else if (kind === 'lost response') f.loseResponseNext(times, match);
      else if (kind === 'truncated body') f.truncateNext(times, match);
      else if (kind === 'hang') f.hangNext(times, match);
      else if (kind === 'trickle') f.trickleNext(times, { ...match, bytes: 2, intervalMs: 400 });
      else f.echoHeadersNext(times, { ...match, status: 500 });
    },
    pending: ({ em }) => em.faults.pending,
  };
}

function stacked(name: string, named: RegExp, service: ServiceName): Service {
  return {
    name,
    named,
    afterSigning: false,
    inject: ({ stack }, kind, times, retryAfterSeconds = 1) => {
      const f = stack.faults;
      if (kind === 'status') f.failNext(service, times, 503);
      else if (kind === 'status with Retry-After')
        f.inject(service, { kind: 'status', status: 429, retryAfterSeconds }, times);
      else if (kind === 'reset') f.resetNext(service, times);
      else if (kind === 'lost response') f.loseResponseNext(service, times);
      else if (kind === 'truncated body') f.truncateNext(service, times);
      else if (kind === 'hang') f.hangNext(service, times);
      else if (kind === 'trickle') f.trickleNext(service, times, 4, 400);
      else f.echoHeadersNext(service, times, 500);
    },
    pending: ({ stack }) => stack.faults.pending(service),
  };
}

export const SIGSTORE_SERVICES: Service[] = [
  stacked('Fulcio', /Fulcio/, 'fulcio'),
  stacked('Rekor', /Rekor/, 'rekor'),
  stacked('TSA', /TSA/, 'tsa'),
  stacked('OIDC', /OIDC/, 'oidc'),
];

export const GITHUB_SERVICES: Service[] = [
  emulated('GitHub API', /GitHub/, { origin: 'api', path: '/releases', method: 'GET' }, false),
  emulated('uploads', /GitHub|upload/, { origin: 'uploads', method: 'POST' }, true),
  emulated(
    'attestation store',
    /attestation store/,
    { origin: 'api', path: '/attestations', method: 'POST' },
    true,
  ),
  emulated('results service', /results service/, { origin: 'results', path: 'CreateArtifact' }, true),
  emulated('blob storage', /blob storage/, { origin: 'objects', path: '/blob/', method: 'PUT' }, true),
];

export const cases = (services: Service[]): [string, Kind, Service][] =>
  services.flatMap((s) => KINDS.map((k): [string, Kind, Service] => [s.name, k, s]));
