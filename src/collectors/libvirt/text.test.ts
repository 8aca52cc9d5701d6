import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseKeyValues, parseLeadingInt, parseLines, parseVolList, parseYesNo } from './text.js';

describe('virsh text parsers', () => {
  it('reads uuid lists and key/value blocks', () => {
    assert.deepEqual(parseLines('a\n b \n\n'), ['a', 'b']);
    const kv = parseKeyValues('Name:           web\nAutostart:      disable\nCPU(s):         4\nSecurity DOI:   \n');
    assert.equal(kv.get('Name'), 'web');
    assert.equal(parseYesNo(kv.get('Autostart')), false);
    assert.equal(parseYesNo('yes'), true);
    assert.equal(parseYesNo('maybe'), null);
    assert.equal(parseYesNo(undefined), null);
    assert.equal(parseLeadingInt(kv.get('CPU(s)')), 4);
    assert.equal(parseLeadingInt('134217728 KiB'), 134217728);
    assert.equal(parseLeadingInt(undefined), null);
  });

  it('cuts vol-list rows at the header offsets, so names may contain spaces', () => {
    const out = [
      ' Name                 Path',
      '-------------------------------------------------------',
      ' my disk.qcow2        /images/my disk.qcow2',
      ' web.qcow2            /images/web.qcow2',
      '',
    ].join('\n');
    assert.deepEqual(parseVolList(out), [
      { name: 'my disk.qcow2', path: '/images/my disk.qcow2' },
      { name: 'web.qcow2', path: '/images/web.qcow2' },
    ]);
    assert.deepEqual(parseVolList(' Name   Path\n------------\n\n'), []);
    assert.throws(() => parseVolList('garbage'), /no 'Name Path' header/);
  });
});
