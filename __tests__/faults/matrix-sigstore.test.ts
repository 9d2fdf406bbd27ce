/** The fault matrix for the signing services: Fulcio, Rekor, the TSA and the Actions OIDC token endpoint. */
import { faultMatrix } from './matrix-suite.js';
import { SIGSTORE_SERVICES } from './matrix.js';

faultMatrix('Sigstore and the OIDC endpoint', SIGSTORE_SERVICES);
