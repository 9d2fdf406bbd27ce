/** Kept equal to package.json's version by a test; recorded in every statement as the builder's tool version. */
export const PROVENANT_VERSION = '0.1.0';

/** The npm package the project publishes. npm's unscoped `provenant` is an unrelated project: never name that one. */
export const PROVENANT_PACKAGE = '@provenant-org/provenant';

/** How a user runs this very version of the CLI without installing it. */
export const PROVENANT_NPX = `npx --yes ${PROVENANT_PACKAGE}@${PROVENANT_VERSION}`;
