import { describe, expect, it } from '@jest/globals';
import { progressLogger } from '../../src/app/collect-subjects.js';

function logged() {
  const lines: string[] = [];
  let now = 0;
  const report = progressLogger(
    { info: (m) => lines.push(m), warn: (m) => lines.push(`warn: ${m}`) },
    5000,
    () => now,
  );
  return { lines, report, at: (ms: number) => (now = ms) };
}

const MiB = 1024 * 1024;

describe('hashing progress in the log', () => {
  it('says nothing more often than every few seconds', () => {
    const { lines, report, at } = logged();
    at(1000);
    report({ filesDone: 1, filesTotal: 10, bytesDone: MiB, bytesTotal: 10 * MiB });
    at(4999);
    report({ filesDone: 2, filesTotal: 10, bytesDone: 2 * MiB, bytesTotal: 10 * MiB });
    expect(lines).toEqual([]);
    at(5000);
    report({ filesDone: 5, filesTotal: 10, bytesDone: 5 * MiB, bytesTotal: 10 * MiB });
    at(6000);
    report({ filesDone: 6, filesTotal: 10, bytesDone: 6 * MiB, bytesTotal: 10 * MiB });
    expect(lines).toHaveLength(1);
  });

  it('gives files, bytes of the total, the rate and the time left from the bytes', () => {
    const { lines, report, at } = logged();
    at(10_000);
    // 40 MiB in 10 s: 4 MiB/s, 60 MiB to go.
    report({ filesDone: 1, filesTotal: 3, bytesDone: 40 * MiB, bytesTotal: 100 * MiB });
    expect(lines).toEqual(['Hashed 1/3 files, 40.0 MiB of 100.0 MiB (4.0 MiB/s, about 15 s left)']);
  });

  it('estimates from the files left when sizes come only from hashing', () => {
    const { lines, report, at } = logged();
    at(10_000);
    report({ filesDone: 2000, filesTotal: 10_000, bytesDone: 50 * MiB, bytesTotal: undefined });
    expect(lines).toEqual(['Hashed 2000/10000 files, 50.0 MiB so far (5.0 MiB/s, about 40 s left)']);
  });

  it('admits it cannot tell yet before the first file of unknown size is done', () => {
    const { lines, report, at } = logged();
    at(6000);
    report({ filesDone: 0, filesTotal: 1, bytesDone: 6 * MiB, bytesTotal: undefined });
    expect(lines).toEqual(['Hashed 0/1 files, 6.0 MiB so far (1.0 MiB/s, time left unknown yet)']);
  });
});
