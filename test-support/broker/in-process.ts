/**
 * Decrypting inside the test process through the real adapters (HTTP to the broker, the local Sigstore stack, the
 * file cipher), with the broker client wrapped so a test can see, and resend, every request body it sent.
 */
import { brokerClient } from '../../src/adapters/broker/client.js';
import { nodeCipher } from '../../src/adapters/encryption/cipher.js';
import { loadBundles } from '../../src/adapters/sigstore/bundle-loader.js';
import { signingIdentity } from '../../src/adapters/sigstore/signing-identity.js';
import { loadTrustedRootFile, trustMaterial } from '../../src/adapters/sigstore/trust.js';
import { verifyBundleCrypto } from '../../src/adapters/sigstore/verifier.js';
import { decryptArtifact, type DecryptRequest } from '../../src/app/encryption/decrypt.js';
import type { BrokerClientPort } from '../../src/app/encryption/ports.js';
import type { IdentityPort } from '../../src/app/ports.js';
import type { SigstoreStack } from '../sigstore-stack/index.js';

const quiet = { info: () => {}, warn: () => {} };

export function stackSigning(stack: SigstoreStack, token: string): IdentityPort {
  return signingIdentity(
    {
      sigstore: 'custom',
      fulcioUrl: stack.urls.fulcio,
      rekorUrl: stack.urls.rekor,
      trustedRoot: stack.trustedRootPath,
      identityToken: token,
      allowPublicLog: false,
      verifyAfterSign: false,
      env: {},
    },
    quiet,
  );
}

export interface Recorded {
  client: BrokerClientPort;
  keyRequests: unknown[];
}

export function recordingClient(url: string): Recorded {
  const real = brokerClient(url);
  const keyRequests: unknown[] = [];
  return {
    keyRequests,
    client: {
      url,
      nonce: () => real.nonce(),
      register: (r) => real.register(r),
      requestKey: (r) => {
        keyRequests.push(r);
        return real.requestKey(r);
      },
    },
  };
}

const trustFor = new Map<string, Promise<ReturnType<typeof trustMaterial>>>();

export async function decryptInProcess(
  stack: SigstoreStack,
  token: string,
  broker: BrokerClientPort,
  request: Omit<DecryptRequest, 'serverUrl'>,
) {
  if (!trustFor.has(stack.trustedRootPath))
    trustFor.set(
      stack.trustedRootPath,
      loadTrustedRootFile(stack.trustedRootPath).then((r) => trustMaterial(r)),
    );
  const trust = await trustFor.get(stack.trustedRootPath)!;
  return decryptArtifact(
    { ...request, serverUrl: 'https://github.com' },
    {
      cipher: nodeCipher,
      broker,
      signing: stackSigning(stack, token),
      verifyProvenance: async (p) => {
        const [loaded] = await loadBundles(p);
        return verifyBundleCrypto(loaded!.bundle, { source: p, trust, artifact: {} });
      },
      log: quiet,
    },
  );
}

/** Posts a body to the broker as is, for replays and hand-made requests. */
export async function post(url: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
