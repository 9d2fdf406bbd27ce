import { describe, expect, it } from '@jest/globals';
import { RELEASE_FLAGS } from '../../src/core/approval/options.js';
import { POLICY_FLAGS } from '../../src/core/policy/options.js';
import { loadYaml } from './repo-files.js';

describe('the approval flags, in both actions', () => {
  it('the approve action takes every builder policy flag as an input of the same name', () => {
    const inputs = Object.keys(loadYaml('approve/action.yml').data.inputs);
    expect(POLICY_FLAGS.map((f) => f.name).filter((n) => !inputs.includes(n))).toEqual([]);
    expect(loadYaml('approve/action.yml').data.runs).toEqual({ using: 'node24', main: '../dist/approve.js' });
  });

  it('the verify action takes every release flag, and approval-bundle, as inputs of the same name', () => {
    const inputs = Object.keys(loadYaml('verify/action.yml').data.inputs);
    expect(
      [...RELEASE_FLAGS.map((f) => f.name), 'approval-bundle'].filter((n) => !inputs.includes(n)),
    ).toEqual([]);
  });
});
