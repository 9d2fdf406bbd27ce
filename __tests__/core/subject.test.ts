import { describe, expect, it } from '@jest/globals';
import { mergeSubjects, normaliseSubjectName } from '../../src/core/subject.js';

const h = (c: string) => c.repeat(64);

describe('subject names', () => {
  it.each([
    ['dist/app.tar.gz', 'dist/app.tar.gz'],
    ['./dist//app', 'dist/app'],
    ['a/./b', 'a/b'],
    ['back\\slash', 'back\\slash'],
  ])('normalises %s to %s', (raw, want) => {
    expect(normaliseSubjectName(raw, 'test')).toBe(want);
  });

  it.each([
    [''],
    ['/etc/passwd'],
    ['../up'],
    ['a/../../b'],
    ['C:/x'],
    ['nul\0byte'],
    ['line\nbreak'],
    ['./'],
  ])('refuses %j with SUBJECT_NAME_INVALID naming the input', (raw) => {
    expect(() => normaliseSubjectName(raw, 'subject-digest')).toThrow(
      expect.objectContaining({
        code: 'SUBJECT_NAME_INVALID',
        message: expect.stringContaining('subject-digest'),
      }),
    );
  });
});

describe('merging subjects', () => {
  it('keeps a/x and b/x apart and orders names byte-wise', () => {
    const merged = mergeSubjects([
      {
        subjects: [
          { name: 'b/x', digest: { sha256: h('2') } },
          { name: 'a/x', digest: { sha256: h('1') } },
          { name: 'B', digest: { sha256: h('3') } },
        ],
      },
    ]);
    expect(merged.map((s) => s.name)).toEqual(['B', 'a/x', 'b/x']);
  });

  it('merges the same name with the same digest, uniting algorithms and keeping the size', () => {
    const one = { name: 'x', digest: { sha256: h('1') } };
    const two = { name: 'x', digest: { sha256: h('1'), sha512: 'f'.repeat(128) }, size: 7 };
    const merged = mergeSubjects([
      { origin: 'one', subjects: [one] },
      { origin: 'two', subjects: [two] },
    ]);
    expect(merged).toEqual([{ name: 'x', digest: { sha256: h('1'), sha512: 'f'.repeat(128) }, size: 7 }]);
    // The inputs are left as they were.
    expect(one).toEqual({ name: 'x', digest: { sha256: h('1') } });
  });

  it('passes a subject named once through as it is, without a copy', () => {
    const only = { name: 'y', digest: { sha256: h('4') } };
    const [merged] = mergeSubjects([{ subjects: [only] }, { subjects: [] }]);
    expect(merged).toBe(only);
  });

  it('returns one ordered input as a new list of the same subjects', () => {
    const input = [
      { name: 'a', digest: { sha256: h('1') } },
      { name: 'b', digest: { sha256: h('2') } },
    ];
    const merged = mergeSubjects([{ subjects: input }, { subjects: [] }]);
    expect(merged).toEqual(input);
    expect(merged).not.toBe(input);
    expect(merged[0]).toBe(input[0]);
  });

  it('still merges and checks a name repeated within one input', () => {
    const twice = [
      { name: 'x', digest: { sha256: h('1') } },
      { name: 'x', digest: { sha256: h('1') }, size: 3 },
    ];
    expect(mergeSubjects([{ subjects: twice }])).toEqual([
      { name: 'x', digest: { sha256: h('1') }, size: 3 },
    ]);
    const clash = [twice[0]!, { name: 'x', digest: { sha256: h('2') } }];
    expect(() => mergeSubjects([{ subjects: clash }])).toThrow(
      expect.objectContaining({ code: 'SUBJECT_CONFLICT' }),
    );
  });

  it('refuses one name with two different digests, naming both inputs', () => {
    expect(() =>
      mergeSubjects([
        { origin: 'SHA256SUMS', subjects: [{ name: 'x', digest: { sha256: h('1') } }] },
        { origin: 'subject-path', subjects: [{ name: 'x', digest: { sha256: h('2') } }] },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'SUBJECT_CONFLICT',
        message: expect.stringMatching(/"x" has two different sha256 digests.*SHA256SUMS.*subject-path/s),
      }),
    );
  });
});
