import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { createGitHubClient } from '../../../src/adapters/github/octokit.js';
import { findReleaseByTag } from '../../../src/adapters/github/releases.js';
import { REPO, client, emulator, failure } from './fixtures.js';

/** A port that accepts connections and closes them at once: every request dies without an answer. */
async function hangUp(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('GitHub failures say what happened', () => {
  it('a connection that dies without an answer is a network error, not "HTTP 500"', async () => {
    const dead = await hangUp();
    try {
      const gh = createGitHubClient({
        token: 'ghs_test',
        baseUrl: dead.url,
        retries: 1,
        backoffUnitMs: 1,
        paceWrites: false,
      });
      const err = await failure(findReleaseByTag(gh, REPO, 'v1'));
      expect(err.code).toBe('SERVICE_UNAVAILABLE');
      expect(err.message).toMatch(/got a network error \(/);
      expect(err.message).not.toContain('HTTP 500');
    } finally {
      await dead.close();
    }
  });

  it('a real 500 from GitHub is still HTTP 500', async () => {
    const em = await emulator();
    try {
      em.faults.failNext(10, { status: 500 });
      const err = await failure(findReleaseByTag(client(em), REPO, 'v1'));
      expect(err.code).toBe('SERVICE_UNAVAILABLE');
      expect(err.message).toContain('HTTP 500');
    } finally {
      await em.stop();
    }
  });
});
