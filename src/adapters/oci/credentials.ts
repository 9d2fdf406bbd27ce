/**
 * Registry credentials as docker and docker/login-action leave them: `$DOCKER_CONFIG/config.json` (default
 * `~/.docker/config.json`), in `auths` (base64 `user:password` or username/password) or through a credential helper
 * (`credHelpers` per registry, `credsStore` for all), or given explicitly (registry-username / registry-password).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { ProvenantError, quote } from '../../core/errors.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export function dockerConfigPath(env: Record<string, string | undefined>): string {
  return path.join(env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker'), 'config.json');
}

/** The keys docker may have stored a registry under: bare, with a scheme, and Docker Hub's historical URL. */
function keysFor(registry: string): string[] {
  const hub = ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(registry);
  const hosts = hub
    ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io']
    : [registry];
  return hosts.flatMap((h) =>
    h.includes('://') ? [h] : [h, `https://${h}`, `http://${h}`, `https://${h}/v1/`],
  );
}

async function readConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    throw new ProvenantError(
      'REGISTRY_AUTH_FAILED',
      `${file}: expected docker's config.json (JSON), got text that does not parse. Fix or remove it, or give registry-username and registry-password.`,
    );
  }
}

function fromAuths(config: DockerConfig, registry: string, file: string): RegistryCredentials | undefined {
  for (const key of keysFor(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      throw new ProvenantError(
        'REGISTRY_AUTH_FAILED',
        `${file}: the auths entry for ${quote(key)} is not base64 of USER:PASSWORD. Run docker login ${registry} again.`,
      );
    }
  }
  return undefined;
}

/** Asks `docker-credential-<helper> get` with the server on stdin, as docker does. */
function fromHelper(
  helper: string,
  registry: string,
  env: Record<string, string | undefined>,
): Promise<RegistryCredentials | undefined> {
  return new Promise((resolve, reject) => {
    const options = { timeout: 30_000, env: env as NodeJS.ProcessEnv };
    const child = execFile(`docker-credential-${helper}`, ['get'], options, (error, stdout) => {
      if (error) {
        // "credentials not found" is an answer, not a failure: the registry may be anonymous.
        if (/not found/i.test(stdout) || /not found/i.test(String(error.message))) return resolve(undefined);
        return reject(
          new ProvenantError(
            'REGISTRY_AUTH_FAILED',
            `docker-credential-${helper} get for ${registry} failed (${(error as NodeJS.ErrnoException).code ?? 'exit status'}). Expected the helper on PATH and logged in, or give registry-username and registry-password.`,
          ),
        );
      }
      try {
        const { Username, Secret } = JSON.parse(stdout) as { Username?: string; Secret?: string };
        resolve(Username && Secret ? { username: Username, password: Secret } : undefined);
      } catch {
        reject(
          new ProvenantError(
            'REGISTRY_AUTH_FAILED',
            `docker-credential-${helper} get for ${registry}: expected JSON with Username and Secret.`,
          ),
        );
      }
    });
    child.stdin?.end(registry);
  });
}

/** Credentials for a registry, or undefined for an anonymous one. Explicit credentials win over the config. */
export async function credentialsFor(
  registry: string,
  options: { env: Record<string, string | undefined>; explicit?: RegistryCredentials },
): Promise<RegistryCredentials | undefined> {
  if (options.explicit) return options.explicit;
  const file = dockerConfigPath(options.env);
  const config = await readConfig(file);
  if (!config) return undefined;
  const helper = keysFor(registry)
    .map((k) => config.credHelpers?.[k])
    .find(Boolean);
  if (helper) return fromHelper(helper, registry, options.env);
  const stored = fromAuths(config, registry, file);
  if (stored) return stored;
  return config.credsStore ? fromHelper(config.credsStore, registry, options.env) : undefined;
}
