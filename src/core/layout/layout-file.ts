/**
 * A layout file's text as a document: JSON, or YAML of the same shape (by the file's extension). YAML is read as
 * YAML 1.2's core schema with duplicate keys refused and aliases capped, so no document can expand without bound.
 */
import { parse as parseYaml } from 'yaml';
import { inputError } from '../errors.js';
import { readLayout, type Layout } from './layout.js';

/** Layouts are a few KiB; a larger file is a mistake. */
export const MAX_LAYOUT_BYTES = 1024 * 1024;

/** The file's bytes as text: UTF-8, strictly (the signature is over the bytes, the layout is read from this text). */
export function decodeLayout(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError('LAYOUT_INVALID', `${source}: expected UTF-8 text, got bytes that are not.`);
  }
}

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

export function parseLayoutDocument(text: string, source: string): unknown {
  if (text.length > MAX_LAYOUT_BYTES)
    throw inputError(
      'LAYOUT_INVALID',
      `${source}: expected at most ${MAX_LAYOUT_BYTES} bytes, got ${text.length}.`,
    );
  try {
    return isYamlName(source)
      ? parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: false })
      : JSON.parse(text);
  } catch (e) {
    throw inputError(
      'LAYOUT_INVALID',
      `${source}: expected ${isYamlName(source) ? 'YAML' : 'JSON'} (a .yml or .yaml name is read as YAML), got ${(e as Error).message.split('\n')[0]}.`,
    );
  }
}

export function parseLayoutText(text: string, source: string): Layout {
  return readLayout(parseLayoutDocument(text, source), source);
}
