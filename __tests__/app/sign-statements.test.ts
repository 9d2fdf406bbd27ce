import { describe, expect, it } from '@jest/globals';
import { planBundles, signStatements } from '../../src/app/sign-statements.js';
import { contextFromClaims } from '../../src/core/build-context.js';
import type { Subject } from '../../src/core/subject.js';
import { fakeSigning, fakeWriter, GITHUB_CLAIMS, recordingLog, sha } from './fakes.js';

const subjects = (...names: string[]): Subject[] =>
  names.map((name, i) => ({ name, digest: { sha256: sha(String(i % 10)) } }));

describe('planBundles', () => {
  const cases: {
    name: string;
    layout: 'single' | 'per-subject';
    bundleName?: string;
    perStatement?: number;
    subjects: string[];
    expect: [string, string[]][] | RegExp;
  }[] = [
    {
      name: 'one bundle for all',
      layout: 'single',
      subjects: ['a', 'b'],
      expect: [['p.sigstore.json', ['a', 'b']]],
    },
    {
      name: 'shards past the limit, numbered before the extension',
      layout: 'single',
      perStatement: 2,
      subjects: ['a', 'b', 'c', 'd', 'e'],
      expect: [
        ['p.sigstore.json', ['a', 'b']],
        ['p-2.sigstore.json', ['c', 'd']],
        ['p-3.sigstore.json', ['e']],
      ],
    },
    {
      name: 'shards of a plain .json name',
      layout: 'single',
      bundleName: 'prov.json',
      perStatement: 1,
      subjects: ['a', 'b'],
      expect: [
        ['prov.json', ['a']],
        ['prov-2.json', ['b']],
      ],
    },
    {
      name: 'per subject, named after the file, not its folders',
      layout: 'per-subject',
      subjects: ['bin/x', 'lib/y.tgz'],
      expect: [
        ['x.sigstore.json', ['bin/x']],
        ['y.tgz.sigstore.json', ['lib/y.tgz']],
      ],
    },
    {
      name: 'per subject refuses two files whose bundles would share a name',
      layout: 'per-subject',
      subjects: ['a/x', 'b/x'],
      expect: /two subjects would both get the bundle name "x.sigstore.json"/,
    },
    { name: 'nothing to sign', layout: 'single', subjects: [], expect: /expected at least one subject/ },
  ];

  it.each(cases)('$name', (c) => {
    const plan = () =>
      planBundles({
        subjects: subjects(...c.subjects),
        layout: c.layout,
        bundleName: c.bundleName ?? 'p.sigstore.json',
        subjectsPerStatement: c.perStatement ?? 1024,
      });
    if (c.expect instanceof RegExp) {
      expect(plan).toThrow(c.expect);
      return;
    }
    expect(plan().map((g) => [g.name, g.subjects.map((s) => s.name)])).toEqual(c.expect);
  });
});

describe('signStatements', () => {
  const context = contextFromClaims(GITHUB_CLAIMS, 'https://github.com', {});
  const request = (names: string[], concurrency: number) => ({
    subjects: subjects(...names),
    context,
    outputDir: '/out',
    layout: 'per-subject' as const,
    bundleName: 'unused',
    subjectsPerStatement: 1024,
    concurrency,
  });

  it('writes each bundle before verifying it, and returns them in plan order', async () => {
    const signing = fakeSigning();
    const session = await signing.session({ claims: {}, token: 't' }, { identity: 'x' });
    const writer = fakeWriter();
    const log = recordingLog();
    const order: string[] = [];
    const bundles = await signStatements(request(['a', 'b', 'c'], 1), {
      session,
      writeFile: (p, d) => {
        order.push(`write ${p}`);
        return writer.writeFile(p, d);
      },
      log,
    });
    expect(
      bundles.map((b) => [b.name, b.path, b.subjects.map((s) => s.name), b.facts.rekorLogIndex]),
    ).toEqual([
      ['a.sigstore.json', '/out/a.sigstore.json', ['a'], '1'],
      ['b.sigstore.json', '/out/b.sigstore.json', ['b'], '2'],
      ['c.sigstore.json', '/out/c.sigstore.json', ['c'], '3'],
    ]);
    expect(signing.calls.filter((c) => c !== 'session')).toEqual([
      'sign 1',
      'verify 1',
      'sign 2',
      'verify 2',
      'sign 3',
      'verify 3',
    ]);
    expect(order).toEqual([
      'write /out/a.sigstore.json',
      'write /out/b.sigstore.json',
      'write /out/c.sigstore.json',
    ]);
    expect(log.lines[0]).toBe('Signing 3 statements for 3 subjects');
  });

  it('keeps a signed bundle on disk when a later one fails to sign', async () => {
    const signing = fakeSigning({ failOn: 2 });
    const session = await signing.session({ claims: {}, token: 't' }, { identity: 'x' });
    const writer = fakeWriter();
    await expect(
      signStatements(request(['a', 'b'], 1), { session, writeFile: writer.writeFile, log: recordingLog() }),
    ).rejects.toThrow('signing 2 failed');
    expect([...writer.written.keys()]).toEqual(['/out/a.sigstore.json']);
  });

  it('signs at most `concurrency` statements at once', async () => {
    let inFlight = 0;
    let most = 0;
    const signing = fakeSigning({ verify: false });
    const base = await signing.session({ claims: {}, token: 't' }, { identity: 'x' });
    const session = {
      ...base,
      sign: async (s: object) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return base.sign(s);
      },
    };
    const bundles = await signStatements(request(['a', 'b', 'c', 'd', 'e'], 2), {
      session,
      writeFile: fakeWriter().writeFile,
      log: recordingLog(),
    });
    expect(bundles).toHaveLength(5);
    expect(most).toBe(2);
  });
});
