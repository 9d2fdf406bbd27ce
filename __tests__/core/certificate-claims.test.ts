import { describe, expect, it } from '@jest/globals';
import { claimsFromExtensions, decodeDerUtf8String } from '../../src/core/certificate-claims.js';

const der = (s: string): Uint8Array => {
  const body = Buffer.from(s, 'utf8');
  const len =
    body.length < 0x80
      ? [body.length]
      : body.length < 0x100
        ? [0x81, body.length]
        : [0x82, body.length >> 8, body.length & 0xff];
  return new Uint8Array([0x0c, ...len, ...body]);
};

describe('certificate claims', () => {
  it('decodes DER UTF8Strings, short and long form, and refuses anything else', () => {
    expect(decodeDerUtf8String(der('github-hosted'))).toBe('github-hosted');
    const long = 'x'.repeat(300);
    expect(decodeDerUtf8String(der(long))).toBe(long);
    expect(decodeDerUtf8String(new Uint8Array([0x13, 1, 0x41]))).toBeUndefined(); // PrintableString
    expect(decodeDerUtf8String(new Uint8Array([0x0c, 5, 0x41]))).toBeUndefined(); // truncated
    expect(decodeDerUtf8String(new Uint8Array([0x0c, 1, 0x41, 0x41]))).toBeUndefined(); // trailing bytes
    expect(decodeDerUtf8String(new Uint8Array([0x0c, 0x80, 0x41]))).toBeUndefined(); // indefinite length
    expect(decodeDerUtf8String(new Uint8Array([0x0c, 1, 0xff]))).toBeUndefined(); // invalid UTF-8
  });

  it('maps .8–.24 from DER and .1–.6 as raw strings', () => {
    const ext: Record<string, Uint8Array> = {
      '1.3.6.1.4.1.57264.1.1': Buffer.from('https://legacy.example'),
      '1.3.6.1.4.1.57264.1.3': Buffer.from('abc'),
      '1.3.6.1.4.1.57264.1.9': der('https://github.com/o/r/.github/workflows/r.yml@refs/heads/main'),
      '1.3.6.1.4.1.57264.1.11': der('self-hosted'),
      '1.3.6.1.4.1.57264.1.12': der('https://github.com/o/r'),
      '1.3.6.1.4.1.57264.1.13': der('f'.repeat(40)),
      '1.3.6.1.4.1.57264.1.14': der('refs/heads/main'),
      '1.3.6.1.4.1.57264.1.16': der('https://github.com/o'),
      '1.3.6.1.4.1.57264.1.22': der('public'),
      '1.3.6.1.4.1.57264.1.23': der('release'),
      '1.3.6.1.4.1.57264.1.24': der('repo:o/r:environment:release'),
    };
    const c = claimsFromExtensions(
      (oid) => ext[oid],
      'https://github.com/o/r/.github/workflows/r.yml@refs/heads/main',
    );
    expect(c).toEqual({
      subjectAlternativeName: 'https://github.com/o/r/.github/workflows/r.yml@refs/heads/main',
      issuer: 'https://legacy.example',
      buildSignerURI: 'https://github.com/o/r/.github/workflows/r.yml@refs/heads/main',
      runnerEnvironment: 'self-hosted',
      sourceRepositoryURI: 'https://github.com/o/r',
      sourceRepositoryDigest: 'f'.repeat(40),
      sourceRepositoryRef: 'refs/heads/main',
      sourceRepositoryOwnerURI: 'https://github.com/o',
      sourceRepositoryVisibilityAtSigning: 'public',
      deploymentEnvironment: 'release',
      tokenSubject: 'repo:o/r:environment:release',
      legacy: { githubWorkflowSha: 'abc' },
    });
  });

  it('prefers the DER issuer (.8) over the legacy one (.1), and reads a raw value at .8 as absent', () => {
    const both = {
      '1.3.6.1.4.1.57264.1.1': Buffer.from('old'),
      '1.3.6.1.4.1.57264.1.8': der('new'),
    } as Record<string, Uint8Array>;
    expect(claimsFromExtensions((oid) => both[oid], undefined).issuer).toBe('new');
    const raw = { '1.3.6.1.4.1.57264.1.12': Buffer.from('https://github.com/o/r') } as Record<
      string,
      Uint8Array
    >;
    expect(claimsFromExtensions((oid) => raw[oid], undefined).sourceRepositoryURI).toBeUndefined();
  });
});
