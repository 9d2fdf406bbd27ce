/**
 * The fault matrix for the publishing services: the GitHub API, its uploads host, the attestation store, and the
 * Actions results service with its blob storage.
 */
import { faultMatrix } from './matrix-suite.js';
import { GITHUB_SERVICES } from './matrix.js';

faultMatrix('GitHub and the Actions results service', GITHUB_SERVICES);
