import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';
import { InputError } from '../util/errors.js';
import { CONFIG_JSON_SCHEMA } from './config-schema.js';
import { parseConfig } from './load-config.js';

function errorOf(text: string): string {
  try {
    parseConfig(text, 'cloudwarden.yaml');
  } catch (e) {
    assert.ok(e instanceof InputError);
    return e.message;
  }
  return assert.fail('expected an error');
}

test('a valid config is returned as written', () => {
  const text = ['collect:', '  concurrency: 8', 'providers:', '  libvirt:', '    connections:', '      - uri: qemu+ssh://admin@kvm01/system', '        name: kvm01', '        readOnly: true', 'log:', '  format: json', ''].join('\n');
  assert.deepEqual(parseConfig(text, 'x'), {
    collect: { concurrency: 8 },
    providers: { libvirt: { connections: [{ uri: 'qemu+ssh://admin@kvm01/system', name: 'kvm01', readOnly: true }] } },
    log: { format: 'json' },
  });
  assert.deepEqual(parseConfig('', 'x'), {});
  assert.deepEqual(parseConfig('# only a comment\n', 'x'), {});
});

test('errors give file:line:column, the field, and what was expected', () => {
  assert.equal(errorOf('collect:\n  concurrency: lots\n'), 'cloudwarden.yaml:2:16: collect.concurrency: expected integer, got string "lots"');
  assert.equal(errorOf('collect:\n  concurency: 3\n'), 'cloudwarden.yaml:2:3: collect.concurency: unknown setting (expected one of: concurrency, maxAttempts, callTimeoutSeconds)');
  assert.equal(
    errorOf('providers:\n  libvirt:\n    connections:\n      - uri: qemu:///system\n      - name: x\n'),
    'cloudwarden.yaml:5:9: providers.libvirt.connections[1]: missing required setting "uri"',
  );
  assert.equal(errorOf('log:\n  format: xml\n'), 'cloudwarden.yaml:2:11: log.format: expected one of "text", "json", got string "xml"');
  assert.equal(errorOf('collect:\n  concurrency: 0\n'), 'cloudwarden.yaml:2:16: collect.concurrency: must be >= 1 (got number 0)');
  assert.equal(errorOf('- just\n- a list\n'), 'cloudwarden.yaml:1:1: (top level): expected object, got a list');
});

test('YAML syntax errors and duplicate keys point at the line', () => {
  assert.match(errorOf('collect:\n  concurrency: 4\n  concurrency: 5\n'), /^cloudwarden\.yaml:3:3: invalid YAML: Map keys must be unique/);
  assert.match(errorOf('providers: [libvirt\n'), /^cloudwarden\.yaml:\d+:\d+: invalid YAML/);
});

type SchemaNode = { type?: string | string[]; properties?: Record<string, SchemaNode>; items?: SchemaNode; $ref?: string };

function keyPaths(node: SchemaNode | undefined, defs: Record<string, SchemaNode>, prefix = ''): string[] {
  if (!node) return [];
  if (node.$ref) return keyPaths(defs[node.$ref.replace('#/definitions/', '')], defs, prefix);
  const out: string[] = [];
  for (const [k, child] of Object.entries(node.properties ?? {})) {
    out.push(`${prefix}${k}`, ...keyPaths(child, defs, `${prefix}${k}.`));
  }
  if (node.items) out.push(...keyPaths(node.items, defs, `${prefix}[].`));
  return out;
}

test('the config JSON Schema declares exactly the settings of the CloudwardenConfig type', () => {
  const generated = createGenerator({
    path: fileURLToPath(new URL('./config-types.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    type: 'CloudwardenConfig',
    skipTypeCheck: true,
  }).createSchema('CloudwardenConfig') as SchemaNode & { definitions: Record<string, SchemaNode> };
  const fromType = keyPaths(generated, generated.definitions).sort();
  const fromSchema = keyPaths(CONFIG_JSON_SCHEMA as unknown as SchemaNode, {}).sort();
  assert.deepEqual(fromSchema, fromType);
});
