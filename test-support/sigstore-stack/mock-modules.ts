/**
 * The only place the stack touches @sigstore/mock. Its package root loads nock, which patches node:http for the
 * whole process, so we import its dist sub-modules directly (CommonJS, hence default imports).
 */
import fulcioModule from '@sigstore/mock/dist/fulcio/index.js';
import rekorModule from '@sigstore/mock/dist/rekor/index.js';
import timestampModule from '@sigstore/mock/dist/timestamp/index.js';

export type { CA, CertificateRequestOptions, ExtensionValue } from '@sigstore/mock/dist/fulcio/ca.js';
export type { CTLog } from '@sigstore/mock/dist/fulcio/ctlog.js';
export type { TLog } from '@sigstore/mock/dist/rekor/tlog.js';
export type { TSA } from '@sigstore/mock/dist/timestamp/tsa.js';

export const { initializeCA, initializeCTLog } = fulcioModule;
export const { initializeTLog } = rekorModule;
export const { initializeTSA, tsaHandler } = timestampModule;
