/**
 * The publishing half of the action's composition root: the plan made before signing (publish-plan.ts) and the
 * publishing after it, both through the budgeted GitHub ports.
 */
import type { ActionInputs } from './adapters/actions/action-inputs.js';
import { setOutput } from './adapters/actions/runtime.js';
import type { AttestResult } from './app/attest.js';
import { publishLog, publishOutputs } from './app/attest-report.js';
import type { Budgets } from './app/budget.js';
import { budgetedPublishing, type ServiceNames } from './app/budgeted-ports.js';
import type { Logger, PublishPorts } from './app/ports.js';
import { planPublish, type PublishPlan } from './app/publish-plan.js';
import { wantsAttestationStore, type PublishResult } from './app/publish.js';
import type { GitHub } from './adapters/github/action-client.js';
import { inputError } from './core/errors.js';

export type { GitHub };

export function requireGitHub(github: GitHub | undefined, input: string): GitHub {
  if (!github) {
    throw inputError(
      'INPUT_INVALID',
      `${input} needs the GitHub API: expected github-token (default: the job's github.token) and GITHUB_REPOSITORY, got none. ` +
        'Leave github-token at its default, or pass a token that can read the release.',
    );
  }
  return github;
}

export class Publisher {
  #plan: PublishPlan | undefined;
  readonly #inputs: ActionInputs;
  readonly #env: NodeJS.ProcessEnv;
  readonly #github: GitHub | undefined;
  readonly #budgets: Budgets;
  readonly #names: ServiceNames;
  readonly #log: Logger;

  constructor(
    inputs: ActionInputs,
    env: NodeJS.ProcessEnv,
    github: GitHub | undefined,
    budgets: Budgets,
    names: ServiceNames,
    log: Logger,
  ) {
    this.#inputs = inputs;
    this.#env = env;
    this.#github = github;
    this.#budgets = budgets;
    this.#names = names;
    this.#log = log;
  }

  async #ports(verifyBundle?: (bundle: unknown) => Promise<void>): Promise<PublishPorts> {
    const github = this.#github!;
    const { githubPublishPorts } = await import('./adapters/github/publish-ports.js');
    const paced = !(Number(this.#env.PROVENANT_RETRY_UNIT_MS ?? '') > 0);
    const ports = githubPublishPorts(
      github.client,
      github.repo,
      {
        serverUrl: this.#env.GITHUB_SERVER_URL ?? 'https://github.com',
        msPerWrite: paced ? 1000 : 0,
        artifact: { requestTimeoutMs: this.#inputs.requestTimeoutMs, log: this.#log },
        ...(verifyBundle ? { verifyBundle } : {}),
      },
      this.#log,
    );
    return budgetedPublishing(ports, this.#budgets, this.#names);
  }

  /** Before signing: find and list the release once, and refuse a plan that cannot fit GitHub's limits. */
  async plan(assetNames: string[], claims: Readonly<Record<string, unknown>>): Promise<void> {
    if (!this.#github) return;
    const i = this.#inputs;
    const visibility =
      typeof claims.repository_visibility === 'string' ? claims.repository_visibility : undefined;
    this.#plan = await planPublish(
      {
        assetNames,
        releaseTag: i.releaseTag || undefined,
        attachToRelease: i.attachToRelease,
        overwrite: i.overwrite,
        storeAttestations: wantsAttestationStore({
          attestationStore: i.attestationStore,
          repositoryVisibility: visibility,
        }),
        budgetMs: i.publishTimeoutMs,
        budgetInput: 'publish-timeout',
      },
      await this.#ports(),
    );
  }

  async publish(
    signed: Pick<AttestResult, 'bundles' | 'claims' | 'verifyBundle'>,
  ): Promise<PublishResult | undefined> {
    const i = this.#inputs;
    if (!this.#github || !this.#plan) {
      // Only an explicit request makes a missing token an error; `auto` quietly leaves the bundles on disk.
      if (i.attachToRelease === 'true') requireGitHub(this.#github, 'attach-to-release: true');
      if (i.attestationStore === 'true') requireGitHub(this.#github, 'attestation-store: true');
      if (i.uploadArtifact)
        this.#log.warn(
          'upload-artifact needs the Actions runtime and a github-token; nothing was published.',
        );
      this.#log.info('No github-token: the bundles stay on disk (see bundle-path).');
      return undefined;
    }
    const { publishBundles } = await import('./app/publish.js');
    const visibility = signed.claims?.repository_visibility;
    const first = signed.bundles[0]?.facts;
    const result = await publishBundles(
      {
        bundles: signed.bundles.map((b) => ({ path: b.path, assetName: b.name, subjects: b.subjects })),
        bundleDirectory: i.outputDir,
        artifactName: i.uploadArtifact ? i.artifactName : undefined,
        releaseTag: i.releaseTag || undefined,
        overwrite: i.overwrite,
        attestationStore: i.attestationStore,
        requireAttestationStore: i.requireAttestationStore,
        repositoryVisibility: typeof visibility === 'string' ? visibility : undefined,
        ...(first
          ? {
              signer: {
                identity: first.certificateIdentity,
                ...(first.certificateIssuer ? { issuer: first.certificateIssuer } : {}),
              },
            }
          : {}),
      },
      this.#plan,
      await this.#ports(signed.verifyBundle),
    );
    const lines = publishLog(result);
    for (const line of lines.info) this.#log.info(line);
    for (const w of lines.warnings) this.#log.warn(w);
    for (const [name, value] of Object.entries(publishOutputs(result))) setOutput(name, value);
    return result;
  }
}
