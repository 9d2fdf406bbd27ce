import { runToEnd } from './adapters/actions/process-end.js';
import { run, runEnd } from './step-main.js';

// No top-level await: a run that can no longer settle would end the process with Node's exit code 13 and no message.
runToEnd(() => run(), runEnd);
