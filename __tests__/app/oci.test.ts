import { describe, expect, it } from '@jest/globals';
import { attest } from '../../src/app/attest.js';
import { readPredicates } from '../../src/app/extra-predicates.js';
import type { RegistryPort, ResolvedImage } from '../../src/app/oci-ports.js';
import { imageSubjects } from '../../src/app/oci-subjects.js';
import { pushReferrers } from '../../src/app/push-referrers.js';
import type { SignedBundle } from '../../src/app/ports.js';
import { fakeFileSystem, fakeSigning, fakeWriter, recordingLog, sha } from './fakes.js';

const digest = (c: string) => `sha256:${sha(c)}`;
const manifest = 'application/vnd.oci.image.manifest.v1+json';

/** A registry of known images; attach records what it was given, in order. */
function fakeRegistry(images: Record<string, Omit<ResolvedImage, 'reference'>>) {
  const attached: { image: string; predicateType?: string; json: string }[] = [];
  const registry: RegistryPort = {
    resolve: (ref) => {
      const key = `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
      const found = images[key];
      return found ? Promise.resolve({ reference: ref, ...found }) : Promise.reject(new Error(`no ${key}`));
    },
    attach: (image, bundle) => {
      attached.push({
        image: image.descriptor.digest,
        json: bundle.json,
        ...(bundle.predicateType ? { predicateType: bundle.predicateType } : {}),
      });
      return Promise.resolve({ digest: digest(String(attached.length)), via: 'tag-schema' });
    },
    bundles: () => Promise.resolve([]),
  };
  return { registry, attached };
}

const index = {
  descriptor: { mediaType: 'application/vnd.oci.image.index.v1+json', digest: digest('1'), size: 10 },
  platforms: [
    { mediaType: manifest, digest: digest('2'), size: 5, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: manifest, digest: digest('3'), size: 5, platform: { os: 'linux', architecture: 'arm64' } },
  ],
};

describe('images as subjects', () => {
  const { registry } = fakeRegistry({
    'r.io/app:v1': index,
    [`r.io/app@${digest('1')}`]: index,
    'r.io/app:v1-slim': { descriptor: { mediaType: manifest, digest: digest('4'), size: 3 } },
  });

  it('names a tagged image by its tag and records the digest; two tags of one repository stay two subjects', async () => {
    const got = await imageSubjects(
      { refs: ['r.io/app:v1', 'r.io/app:v1-slim'], platforms: false, inputName: 'subject-oci' },
      { registry, log: recordingLog() },
    );
    expect(got.subjects).toEqual([
      { name: 'r.io/app:v1', digest: { sha256: sha('1') } },
      { name: 'r.io/app:v1-slim', digest: { sha256: sha('4') } },
    ]);
  });

  it('adds each platform image by digest with the option, and names one image once however often given', async () => {
    const got = await imageSubjects(
      { refs: ['r.io/app:v1', `r.io/app@${digest('1')}`], platforms: true, inputName: 'subject-oci' },
      { registry, log: recordingLog() },
    );
    expect(got.subjects.map((s) => s.name)).toEqual([
      'r.io/app:v1',
      `r.io/app@${digest('2')}`,
      `r.io/app@${digest('3')}`,
    ]);
    expect(got.images.map((i) => i.platform)).toEqual([undefined, 'linux/amd64', 'linux/arm64']);
  });

  it('signs provenance and each extra predicate over the same subjects, each bundle knowing its predicate type', async () => {
    const signing = fakeSigning();
    const writer = fakeWriter();
    const result = await attest(
      {
        subjects: {
          patterns: ['a.tgz'],
          checksumFiles: [],
          digests: [],
          baseDir: '/work',
          allowOutsideBase: false,
          ifNoFilesFound: 'error',
          algorithms: ['sha256'],
        },
        outputDir: '/out',
        dryRun: false,
        env: {},
        event: undefined,
        extras: {},
        bundles: {
          layout: 'single',
          bundleName: 'provenance.sigstore.json',
          subjectsPerStatement: 1024,
          concurrency: 2,
        },
        images: { refs: ['r.io/app:v1-slim'], platforms: false, inputName: 'subject-oci' },
        predicates: [
          {
            type: 'https://cyclonedx.org/bom',
            body: { bomFormat: 'CycloneDX' },
            origin: 'sbom-path',
            kind: 'sbom',
          },
        ],
      },
      {
        fs: fakeFileSystem({ 'a.tgz': sha('a') }),
        writeFile: writer.writeFile,
        signing,
        registry,
        log: recordingLog(),
      },
    );
    expect(result.bundles.map((b) => [b.name, b.predicateType])).toEqual([
      ['provenance.sigstore.json', 'https://slsa.dev/provenance/v1'],
      ['provenance.sbom.sigstore.json', 'https://cyclonedx.org/bom'],
    ]);
    const statements = signing.signed as unknown as { subject: { name: string }[]; predicate: unknown }[];
    expect(statements.map((s) => s.subject.map((x) => x.name))).toEqual([
      ['a.tgz', 'r.io/app:v1-slim'],
      ['a.tgz', 'r.io/app:v1-slim'],
    ]);
    expect(statements[1]!.predicate).toEqual({ bomFormat: 'CycloneDX' });
    expect(result.images!.map((i) => i.descriptor.digest)).toEqual([digest('4')]);
  });

  it('refuses, before any identity is asked for, an extra bundle named like a provenance bundle', async () => {
    const signing = fakeSigning();
    await expect(
      attest(
        {
          subjects: {
            patterns: ['provenance.sbom'],
            checksumFiles: [],
            digests: [],
            baseDir: '/work',
            allowOutsideBase: false,
            ifNoFilesFound: 'error',
            algorithms: ['sha256'],
          },
          outputDir: '/out',
          dryRun: false,
          env: {},
          event: undefined,
          extras: {},
          bundles: {
            layout: 'per-subject',
            bundleName: 'provenance.sigstore.json',
            subjectsPerStatement: 1024,
            concurrency: 2,
          },
          predicates: [{ type: 'x:y', body: {}, origin: 'sbom-path', kind: 'sbom' }],
        },
        {
          fs: fakeFileSystem({ 'provenance.sbom': sha('a') }),
          writeFile: fakeWriter().writeFile,
          signing,
          log: recordingLog(),
        },
      ),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    expect(signing.calls).toEqual([]);
  });
});

describe('pushing referrers', () => {
  const bundle = (name: string, shas: string[], predicateType: string): SignedBundle => ({
    path: `/out/${name}`,
    name,
    subjects: shas.map((c) => ({ name: c, digest: { sha256: sha(c) } })),
    facts: { certificateIdentity: 'x' },
    predicateType,
  });

  it('attaches each bundle, read back from disk, to every image among its subjects and no other', async () => {
    const { registry, attached } = fakeRegistry({});
    const images = ['1', '2', '3'].map((c) => ({
      reference: { registry: 'r.io', repository: 'app', digest: digest(c) },
      descriptor: { mediaType: manifest, digest: digest(c), size: 1 },
    }));
    const log = recordingLog();
    const pushed = await pushReferrers(
      { images, bundles: [bundle('p.json', ['1', '2', '9'], 'p:1'), bundle('s.json', ['2'], 's:1')] },
      { registry, readFile: (p) => Promise.resolve(Buffer.from(`bytes of ${p}`)), log },
    );
    expect(attached.map((a) => [a.image, a.predicateType, a.json]).sort()).toEqual(
      [
        [digest('1'), 'p:1', 'bytes of /out/p.json'],
        [digest('2'), 'p:1', 'bytes of /out/p.json'],
        [digest('2'), 's:1', 'bytes of /out/s.json'],
      ].sort(),
    );
    expect(pushed.map((p) => p.bundle).sort()).toEqual(['p.json', 'p.json', 's.json']);
    expect(log.lines.some((l) => l.includes(`Attached s.json to r.io/app@${digest('2')}`))).toBe(true);
  });
});

describe('reading predicates', () => {
  const names = { sbomPath: 'sbom-path', predicateType: 'predicate-type', predicatePath: 'predicate-path' };
  const files = (sizes: Record<string, number>, texts: Record<string, string>) => {
    const read: string[] = [];
    return {
      read,
      ports: {
        log: recordingLog(),
        sizeOf: (p: string) => Promise.resolve(sizes[p] ?? 0),
        readText: (p: string) => {
          read.push(p);
          return Promise.resolve(texts[p] ?? '');
        },
      },
    };
  };

  it('never reads a file past the limit', async () => {
    const f = files({ '/big.json': 17 * 1024 * 1024 }, {});
    await expect(readPredicates({ sbomPath: '/big.json', names }, f.ports)).rejects.toMatchObject({
      code: 'PREDICATE_TOO_LARGE',
    });
    expect(f.read).toEqual([]);
  });

  it('wants predicate-type and predicate-path together', async () => {
    const f = files({}, {});
    await expect(readPredicates({ predicateType: 'x:y', names }, f.ports)).rejects.toThrow(/go together/);
  });

  it('reads an SBOM and a predicate, each with its bundle name', async () => {
    const f = files(
      {},
      { '/s.json': '{"bomFormat":"CycloneDX","specVersion":"1.6"}', '/p.json': '{"ok":true}' },
    );
    const got = await readPredicates(
      { sbomPath: '/s.json', predicateType: 'https://example.com/p/v1', predicatePath: '/p.json', names },
      f.ports,
    );
    expect(got.map((p) => [p.type, p.kind])).toEqual([
      ['https://cyclonedx.org/bom', 'sbom'],
      ['https://example.com/p/v1', 'predicate'],
    ]);
  });
});
