/**
 * The mock CA's certificates, issued fast. @sigstore/mock builds each certificate twice through asn1js (a
 * pre-certificate for the CT log, then the certificate with its SCT), about 15 ms of CPU each: a release of 1,000
 * bundles spent most of its time there. The first certificate for an identity (its SAN and extensions) still comes
 * from the mock and becomes that identity's template; later ones are the template with the parts that differ put in
 * (public key, key identifier, validity), a fresh SCT from the CT log's key over the pre-certificate, and a fresh CA
 * signature: byte for byte what the mock would issue, at a fraction of the cost. A template is used only once it is
 * proven: rebuilding the mock's own certificate from its parts must give its exact bytes, and the rebuilt SCT and
 * certificate signatures must verify with the CT log's and the CA's keys; otherwise that identity stays on the mock.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { CA, CertificateRequestOptions } from './mock-modules.js';

interface Tlv {
  tag: number;
  /** Offset of the first byte of the header, of the content, and one past the content. */
  at: number;
  start: number;
  end: number;
}

function tlv(buf: Buffer, at: number): Tlv {
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i]!;
    start += n;
  }
  return { tag, at, start, end: start + len };
}

function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; at = out[out.length - 1]!.end) out.push(tlv(buf, at));
  return out;
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

const whole = (buf: Buffer, t: Tlv): Buffer => buf.subarray(t.at, t.end);
const content = (buf: Buffer, t: Tlv): Buffer => buf.subarray(t.start, t.end);

const SKI = der(0x06, Buffer.from([0x55, 0x1d, 0x0e]));
const SCT = der(0x06, Buffer.from('2b06010401d679020402', 'hex'));
const MINUTES_10 = 10 * 60_000;

function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const text =
    `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(text, 'ascii'));
}

function parseUtcTime(buf: Buffer): Date {
  const s = buf.toString('ascii');
  const n = (i: number) => Number(s.slice(i, i + 2));
  return new Date(Date.UTC(2000 + n(0), n(2) - 1, n(4), n(6), n(8), n(10)));
}

/** The template's parts that stay, and where the parts that change go. */
interface Template {
  head: Buffer[]; // version, serial, signature algorithm, issuer
  subject: Buffer;
  /** Extensions before the key identifier, between it and the SCT (the SCT is last). */
  before: Buffer[];
  after: Buffer[];
  skiCritical: Buffer;
  certAlgorithm: Buffer;
  /** The template key's algorithm identifier: other kinds of key go to the mock. */
  keyAlgorithm: Buffer;
}

/** The SHA-1 of the key's bits (RFC 5280's method 1), as the mock computes the subject key identifier. */
function keyIdentifier(spki: Buffer): Buffer {
  const seq = tlv(spki, 0);
  const bits = children(spki, seq)[1]!;
  return createHash('sha1')
    .update(spki.subarray(bits.start + 1, bits.end))
    .digest();
}

const algorithmOf = (spki: Buffer): Buffer => whole(spki, children(spki, tlv(spki, 0))[0]!);

interface Keys {
  ca: KeyObject;
  ctLog: KeyObject;
}

function tbsOf(t: Template, spki: Buffer, notBefore: Date, sct: Buffer | undefined): Buffer {
  const ski = der(0x30, SKI, t.skiCritical, der(0x04, der(0x04, keyIdentifier(spki))));
  const extensions = [...t.before, ski, ...t.after];
  if (sct) extensions.push(der(0x30, SCT, der(0x04, der(0x04, u16(sct.length + 2), u16(sct.length), sct))));
  const validity = der(0x30, utcTime(notBefore), utcTime(new Date(notBefore.getTime() + MINUTES_10)));
  return der(0x30, ...t.head, validity, t.subject, spki, der(0xa3, der(0x30, ...extensions)));
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

/** RFC 6962's signed data of a pre-certificate's SCT, as the mock's CT log signs it. */
function sctInput(issuerId: Buffer, timestamp: bigint, preTbs: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt8(0, 0); // version v1
  head.writeUInt8(0, 1); // certificate_timestamp
  head.writeBigUInt64BE(timestamp, 2);
  head.writeUInt16BE(1, 10); // precert_entry
  const length = Buffer.alloc(3);
  length.writeUIntBE(preTbs.length, 0, 3);
  return Buffer.concat([head, issuerId, length, preTbs, Buffer.from([0, 0])]);
}

function sctOf(logId: Buffer, timestamp: bigint, signature: Buffer): Buffer {
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(timestamp);
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  // v1, log id, timestamp, no extensions, SHA-256 (4) with ECDSA (3), the signature.
  return Buffer.concat([Buffer.from([0]), logId, time, Buffer.from([0, 0, 4, 3]), sigLength, signature]);
}

class Issuer {
  readonly #keys: Keys;
  readonly #issuerId: Buffer;
  readonly #logId: Buffer;
  readonly #caPublic: KeyObject;
  readonly #ctPublic: KeyObject;

  constructor(keys: Keys, caPublic: KeyObject, ctPublic: KeyObject) {
    this.#keys = keys;
    this.#caPublic = caPublic;
    this.#ctPublic = ctPublic;
    this.#issuerId = createHash('sha256')
      .update(caPublic.export({ format: 'der', type: 'spki' }))
      .digest();
    this.#logId = createHash('sha256')
      .update(ctPublic.export({ format: 'der', type: 'spki' }))
      .digest();
  }

  issue(t: Template, spki: Buffer, now: Date): Buffer {
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const timestamp = BigInt(now.getTime());
    const pre = tbsOf(t, spki, notBefore, undefined);
    const sctSignature = sign('sha256', sctInput(this.#issuerId, timestamp, pre), this.#keys.ctLog);
    const tbs = tbsOf(t, spki, notBefore, sctOf(this.#logId, timestamp, sctSignature));
    const signature = sign('sha384', tbs, this.#keys.ca);
    return der(0x30, tbs, t.certAlgorithm, der(0x03, Buffer.from([0]), signature));
  }

  /** The template of a certificate the mock issued, once rebuilding it from its parts proves exact; else undefined. */
  learn(cert: Buffer): Template | undefined {
    try {
      const top = children(cert, tlv(cert, 0));
      const [tbsTlv, algTlv, sigTlv] = top as [Tlv, Tlv, Tlv];
      const f = children(cert, tbsTlv);
      const [, , , , validity, subject, spki, extsWrap] = f;
      if (f.length !== 8 || extsWrap!.tag !== 0xa3) return undefined;
      const exts = children(cert, children(cert, extsWrap!)[0]!);
      const oid = (e: Tlv) => whole(cert, children(cert, e)[0]!);
      const ski = exts.findIndex((e) => oid(e).equals(SKI));
      const sct = exts.length - 1;
      if (ski < 0 || !oid(exts[sct]!).equals(SCT)) return undefined;
      const skiParts = children(cert, exts[ski]!);
      const times = children(cert, validity!);
      if (times.some((x) => x.tag !== 0x17)) return undefined;
      const template: Template = {
        head: f.slice(0, 4).map((x) => whole(cert, x)),
        subject: whole(cert, subject!),
        before: exts.slice(0, ski).map((e) => whole(cert, e)),
        after: exts.slice(ski + 1, sct).map((e) => whole(cert, e)),
        skiCritical: skiParts.length === 3 ? whole(cert, skiParts[1]!) : Buffer.alloc(0),
        certAlgorithm: whole(cert, algTlv),
        keyAlgorithm: algorithmOf(whole(cert, spki!)),
      };
      // The SCT list as the mock wrote it: its length, the one SCT's length, then the SCT (v1, log id, time, no
      // extensions, signature).
      const sctValue = content(cert, children(cert, children(cert, exts[sct]!).at(-1)!)[0]!);
      const sctBytes = sctValue.subarray(4);
      const timestamp = sctBytes.readBigUInt64BE(33);
      const sctSignature = sctBytes.subarray(47);
      const key = whole(cert, spki!);
      const notBefore = parseUtcTime(content(cert, times[0]!));
      const pre = tbsOf(template, key, notBefore, undefined);
      const rebuilt = tbsOf(template, key, notBefore, sctOf(this.#logId, timestamp, sctSignature));
      const exact =
        rebuilt.equals(whole(cert, tbsTlv)) &&
        verify('sha256', sctInput(this.#issuerId, timestamp, pre), this.#ctPublic, sctSignature) &&
        verify('sha384', rebuilt, this.#caPublic, content(cert, sigTlv).subarray(1));
      return exact ? template : undefined;
    } catch {
      return undefined;
    }
  }
}

/** `ca`, issuing through proven templates. `keys` are the private keys `ca` and its CT log were made with. */
export function fastCA(ca: CA, keys: Keys): CA {
  const issuer = new Issuer(keys, createPublicKey(keys.ca), createPublicKey(keys.ctLog));
  const templates = new Map<string, Template | 'mock'>();
  return {
    get rootCertificate() {
      return ca.rootCertificate;
    },
    issueCertificate: async (opts: CertificateRequestOptions): Promise<ArrayBufferView<ArrayBuffer>> => {
      const id = JSON.stringify([opts.subjectAltName, opts.extensions ?? []]);
      const template = templates.get(id);
      const key = Buffer.from(opts.publicKey.buffer, opts.publicKey.byteOffset, opts.publicKey.byteLength);
      if (template && template !== 'mock' && algorithmOf(key).equals(template.keyAlgorithm))
        return new Uint8Array(issuer.issue(template, key, new Date()));
      const cert = await ca.issueCertificate(opts);
      if (!template) {
        const der = Buffer.from(cert.buffer, cert.byteOffset, cert.byteLength);
        templates.set(id, issuer.learn(der) ?? 'mock');
      }
      return cert;
    },
  };
}
