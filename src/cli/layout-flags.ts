/** The flags of `provenant verify --layout` (kept apart so verify loads the layout code only when asked). */
export const LAYOUT_FLAGS = {
  layout: { type: 'string' },
  'layout-bundle': { type: 'string' },
  'layout-cert-identity': { type: 'string' },
  'layout-cert-oidc-issuer': { type: 'string' },
  'layout-key': { type: 'string' },
  attestations: { type: 'string' },
  'attestations-release': { type: 'string' },
  'attestations-repo': { type: 'string' },
} as const;

export const LAYOUT_USAGE = `Pipeline (instead of the policy flags; docs/layouts.md):
  --layout FILE                a layout (JSON, or YAML): the steps, who signs each, and their artifact rules
  --layout-bundle FILE         its signature (provenant sign-layout; default: FILE.sigstore.json)
  --layout-cert-identity SAN --layout-cert-oidc-issuer URL
                               who must have signed the layout (exactly), or
  --layout-key FILE            the PEM public key that signed it
  --attestations DIR           the steps' link bundles and provenance bundles, and/or
  --attestations-release TAG   every bundle asset of that release (--attestations-repo OWNER/REPO, default
                               $GITHUB_REPOSITORY; token from $GH_TOKEN or $GITHUB_TOKEN; $GITHUB_API_URL)`;
