/** Kept equal to package.json's version by a test; recorded in every statement as the builder's tool version. */
export const PROVENANT_VERSION = '0.1.0';
