import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GECKO_ID, PROJECT_UUID } from '../../lib/identity';
import { GENERATOR_IRI, JSONLD_CONTEXT, JSONLD_NAMESPACE_NAME, POLICYLENS_NS, buildJsonLd, webAnnotationCollectionSchema } from '../../lib/export/jsonld';
import { shanxiItem } from './export/fixtures';

/** RFC 9562 UUID version 5 (SHA-1, name-based), written out here so the derivation is checked independently. */
function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the project's identifiers", () => {
  it('derives UUID v5 as RFC 9562 does (its DNS-namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('has a version 4 project UUID and a Gecko id in the {GUID} form AMO accepts', () => {
    expect(PROJECT_UUID).toMatch(UUID);
    expect(PROJECT_UUID[14]).toBe('4');
    expect(GECKO_ID).toBe(`{${PROJECT_UUID}}`);
    expect(GECKO_ID).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(readFileSync(join(import.meta.dirname, '..', '..', 'wxt.config.ts'), 'utf8')).toMatch(/id: GECKO_ID/);
  });

  it('names the JSON-LD vocabulary by the UUID v5 of its version in the project namespace', () => {
    expect(JSONLD_NAMESPACE_NAME).toBe('policylens/jsonld/v1');
    expect(POLICYLENS_NS).toBe(`urn:uuid:${uuidV5(JSONLD_NAMESPACE_NAME, PROJECT_UUID)}#`);
    expect(GENERATOR_IRI).toBe(`urn:uuid:${PROJECT_UUID}`);
    // No placeholder domain is left anywhere in the export.
    expect(JSON.stringify(JSONLD_CONTEXT)).not.toMatch(/example\.(org|com)|policylens\.example/);
  });

  it('embeds context v1 whole in every export; an altered context is not v1', async () => {
    const doc = JSON.parse(await buildJsonLd([shanxiItem()], new Date(Date.UTC(2026, 10, 25))));
    expect(doc['@context'][1]).toEqual(JSONLD_CONTEXT[1]);
    expect(doc.generator.id).toBe(GENERATOR_IRI);
    expect(webAnnotationCollectionSchema.safeParse(doc).success).toBe(true);
    const altered = structuredClone(doc);
    altered['@context'][1]['policylens:value'] = { '@type': '@id' };
    expect(webAnnotationCollectionSchema.safeParse(altered).success).toBe(false);
  });

  it('context v1 defines every key the export writes under policylens: and in its article records', async () => {
    const doc = JSON.parse(await buildJsonLd([shanxiItem()], new Date(Date.UTC(2026, 10, 25))));
    const ctx = JSONLD_CONTEXT[1] as Record<string, unknown> & { 'policylens:articles': { '@context': Record<string, unknown> } };
    const articleKeys = new Set(doc['policylens:articles'].flatMap((a: object) => Object.keys(a)));
    articleKeys.delete('id'); // anno.jsonld maps id to @id
    for (const k of articleKeys) expect(Object.keys(ctx['policylens:articles']['@context']), `article key ${k}`).toContain(k);
    // Compact IRIs under the prefix need no definition unless their values are IRIs or JSON.
    expect(ctx['policylens:value']).toEqual({ '@type': '@json' });
    expect(ctx['policylens:article']).toEqual({ '@type': '@id' });
  });
});
