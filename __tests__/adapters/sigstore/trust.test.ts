import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertValidityStarts,
  parseInstance,
  parseTrustedRoot,
  parseTrustedRoots,
  trustMaterial,
} from '../../../src/adapters/sigstore/trust.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');
const publicGood = readFileSync(join(fixtures, 'trust', 'public-good-trusted-root.json'), 'utf8');

describe('trusted roots', () => {
  it('accepts the vendored public-good root and builds trust material from it', () => {
    const root = parseTrustedRoot(publicGood, 'public-good');
    const material = trustMaterial(root);
    expect(material.tlogs.length).toBeGreaterThan(0);
    expect(material.certificateAuthorities.length).toBeGreaterThan(0);
  });

  it.each(['tlogs', 'ctlogs'])('refuses a %s key without a validity start', (field) => {
    const json = JSON.parse(publicGood);
    delete json[field][0].publicKey.validFor.start;
    expect(() => parseTrustedRoot(JSON.stringify(json), 'edited')).toThrow(
      new RegExp(`${field}\\[0\\] to have a validity start`),
    );
  });

  it('refuses a certificate authority without a validity start', () => {
    const json = JSON.parse(publicGood);
    delete json.certificateAuthorities[0].validFor;
    expect(() => assertValidityStarts(json, 'edited')).toThrow(/certificateAuthorities\[0\]/);
  });

  it('refuses the conformance case sigstore-js accepts', () => {
    const text = readFileSync(
      join(
        fixtures,
        'conformance',
        'bundle-verify',
        'trust-root-tlog-missing-validity-start_fail',
        'trusted_root.json',
      ),
      'utf8',
    );
    expect(() => parseTrustedRoot(text, 'case')).toThrow(
      expect.objectContaining({ code: 'TRUST_ROOT_INVALID' }),
    );
  });

  it('refuses malformed JSON and unknown instances', () => {
    expect(() => parseTrustedRoot('{', 'x')).toThrow(/expected JSON/);
    expect(parseInstance('github')).toBe('github');
    expect(() => parseInstance('elsewhere')).toThrow(/public-good, staging, github/);
  });
});

describe('trusted roots as gh and cosign hand them over', () => {
  const custom = readFileSync(
    join(fixtures, 'conformance', 'bundle-verify', 'intoto-with-custom-trust-root', 'trusted_root.json'),
    'utf8',
  );
  const line = (text: string) => JSON.stringify(JSON.parse(text));

  it("reads gh's trusted_root.jsonl, one root per line, and trusts every root in it", () => {
    const one = parseTrustedRoot(publicGood, 'a');
    const two = parseTrustedRoot(custom, 'b');
    const both = parseTrustedRoots(`${line(publicGood)}\n${line(custom)}\n`, 'trusted_root.jsonl');
    expect(both.certificateAuthorities).toHaveLength(
      one.certificateAuthorities.length + two.certificateAuthorities.length,
    );
    expect(both.tlogs).toHaveLength(one.tlogs.length + two.tlogs.length);
    expect(both.timestampAuthorities).toHaveLength(
      one.timestampAuthorities.length + two.timestampAuthorities.length,
    );
  });

  it('reads a pretty-printed trusted_root.json as one root, and names the line of a bad one', () => {
    expect(parseTrustedRoots(publicGood, 'x').tlogs).toEqual(parseTrustedRoot(publicGood, 'x').tlogs);
    expect(() => parseTrustedRoots(`${line(publicGood)}\n{"tlogs": 1}\n`, 'roots.jsonl')).toThrow(
      /roots\.jsonl:2: expected tlogs to be a list/,
    );
  });

  it('refuses a trusted root without certificate authorities as TRUST_ROOT_INVALID', () => {
    const json = JSON.parse(publicGood);
    json.certificateAuthorities = [];
    const root = parseTrustedRoot(JSON.stringify(json), 'edited');
    expect(() => trustMaterial(root)).toThrow(
      expect.objectContaining({
        code: 'TRUST_ROOT_INVALID',
        message: expect.stringMatching(/certificate authority/),
      }),
    );
  });
});
