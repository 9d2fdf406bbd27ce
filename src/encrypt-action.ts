import { runToEnd } from './adapters/actions/process-end.js';
import { encryptionRunEnd, runEncryptAction } from './encryption-actions.js';

runToEnd(() => runEncryptAction(), encryptionRunEnd);
