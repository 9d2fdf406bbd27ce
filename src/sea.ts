/**
 * The entry of the single-file executable (`npm run build:sea`): the CLI with Node built in, for machines without
 * Node. It is bundled as CommonJS, which Node's single executable applications run, so it starts the CLI itself.
 */
import { main } from './cli.js';

void main();
