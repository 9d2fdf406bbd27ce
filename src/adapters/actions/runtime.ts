import * as core from '@actions/core';
import type { Logger } from '../../app/ports.js';
import { secrets } from '../../core/redact.js';

/** The Actions runner as the action's composition root sees it: logs, outputs, summary, masking. */
export const actionsLogger: Logger = {
  info: (m) => core.info(secrets.redact(m)),
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
