/**
 * The ports as the action runs them: every call to a service within its phase's budget (budget.ts), named by what
 * it is doing and which service it waits for, so an overrun or a run left with nothing to wait for says exactly that.
 */
import type { Budgets } from './budget.js';
import type { IdentityPort, PublishPorts, ResignPorts, SigningSession } from './ports.js';

/** How the services are named in messages, with the URLs they were reached at. */
export interface ServiceNames {
  oidc: string;
  github: string;
  results: string;
}

function sigstoreServices(session: SigningSession): string {
  const { instance } = session;
  return (
    `the Sigstore services (Fulcio ${instance.fulcioUrl}` +
    `${instance.rekorUrl ? `, Rekor ${instance.rekorUrl}` : ''}${instance.tsaUrl ? `, TSA ${instance.tsaUrl}` : ''})`
  );
}

export function budgetedSigning(port: IdentityPort, budgets: Budgets, names: ServiceNames): IdentityPort {
  return {
    identity: () =>
      budgets.within('signing', { doing: 'requesting an identity token', service: names.oidc }, () =>
        port.identity(),
      ),
    session: async (identity, expected) => {
      const session = await budgets.within(
        'signing',
        { doing: "loading the instance's trust material", service: 'the Sigstore instance' },
        () => port.session(identity, expected),
      );
      const service = sigstoreServices(session);
      return {
        ...session,
        sign: (statement) =>
          budgets.within('signing', { doing: 'signing a statement', service }, () => session.sign(statement)),
      };
    },
  };
}

export function budgetedPublishing(ports: PublishPorts, budgets: Budgets, names: ServiceNames): PublishPorts {
  const api = names.github;
  const within = <T>(doing: string, service: string, fn: () => Promise<T>): Promise<T> =>
    budgets.within('publishing', { doing, service }, fn);
  return {
    ...ports,
    uploadArtifact: (name, files, root) =>
      within(`uploading workflow artifact "${name}"`, names.results, () =>
        ports.uploadArtifact(name, files, root),
      ),
    findRelease: (tag) => within(`finding release "${tag}"`, api, () => ports.findRelease(tag)),
    listAssets: (release) =>
      within(`listing the assets of release "${release.tag}"`, api, () => ports.listAssets(release)),
    attach: (release, upload, options) =>
      within(`attaching ${upload.name} to release "${release.tag}"`, `${api} and its uploads host`, () =>
        ports.attach(release, upload, options),
      ),
    storeAttestation: (bundle) =>
      within('storing an attestation', `GitHub's attestation store at ${api}`, () =>
        ports.storeAttestation(bundle),
      ),
  };
}

export function budgetedResign(ports: ResignPorts, budgets: Budgets, names: ServiceNames): ResignPorts {
  const within = <T>(doing: string, fn: () => Promise<T>): Promise<T> =>
    budgets.within('signing', { doing, service: names.github }, fn);
  return {
    ...ports,
    findRelease: (tag) => within(`finding release "${tag}" to re-sign`, () => ports.findRelease(tag)),
    listAssets: (id) => within('listing the assets to re-sign', () => ports.listAssets(id)),
    download: (asset, dir) =>
      within(`downloading ${asset.name} to re-sign it`, () => ports.download(asset, dir)),
  };
}
