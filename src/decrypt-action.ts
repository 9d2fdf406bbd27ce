import { runToEnd } from './adapters/actions/process-end.js';
import { encryptionRunEnd, runDecryptAction } from './encryption-actions.js';

runToEnd(() => runDecryptAction(), encryptionRunEnd);
