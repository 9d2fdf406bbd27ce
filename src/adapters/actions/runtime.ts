import * as core from '@actions/core';
import type { Logger } from '../../app/ports.js';
import { randomBytes } from 'node:crypto';
import { guardLogMessage } from '../../core/control-characters.js';
import { secrets } from '../../core/redact.js';

const freshToken = (): string => randomBytes(16).toString('hex');

/** The Actions runner as the action's composition root sees it: logs, outputs, summary, masking. */
export const actionsLogger: Logger = {
  // core.info writes the text as it is; warning, debug and error encode line breaks themselves.
  info: (m) => {
    for (const line of guardLogMessage(secrets.redact(m), freshToken)) core.info(line);
  },
  warn: (m) => core.warning(secrets.redact(m)),
  debug: (m) => core.debug(secrets.redact(m)),
};

export function setOutput(name: string, value: string): void {
  core.setOutput(name, value);
}

export function maskSecret(value: string): void {
  secrets.add(value);
  core.setSecret(value);
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

export function fail(message: string): void {
  core.setFailed(secrets.redact(message));
}
