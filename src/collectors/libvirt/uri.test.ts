import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../util/errors.js';
import { checkHostName, parseLibvirtUri } from './uri.js';

describe('parseLibvirtUri', () => {
  it('parses local, remote and test-driver URIs', () => {
    assert.deepEqual(parseLibvirtUri('qemu:///system'), { driver: 'qemu', transport: null, user: null, host: null, port: null, path: '/system' });
    assert.deepEqual(parseLibvirtUri('qemu+ssh://admin@kvm01.example.org:2222/system?keyfile=/k'), {
      driver: 'qemu',
      transport: 'ssh',
      user: 'admin',
      host: 'kvm01.example.org',
      port: 2222,
      path: '/system',
    });
    assert.equal(parseLibvirtUri('qemu+tls://[2001:db8::1]/system').host, '2001:db8::1');
    assert.equal(parseLibvirtUri('test:///abs/path/node.xml').path, '/abs/path/node.xml');
    assert.equal(parseLibvirtUri('test:///default').host, null);
    assert.equal(parseLibvirtUri('esx://esx01.example.org/?no_verify=1').host, 'esx01.example.org');
    assert.equal(parseLibvirtUri('lxc:///').path, '/');
    assert.throws(() => parseLibvirtUri('test:///'), /test wants \/default/);
  });

  it('names what was given and what is expected', () => {
    assert.throws(
      () => parseLibvirtUri('qemu:/system'),
      (e: unknown) =>
        e instanceof InputError &&
        e.message.includes("invalid libvirt URI 'qemu:/system'") &&
        e.message.includes('driver[+transport]://[user@][host][:port]/path') &&
        e.message.includes("'qemu+ssh://user@kvm01/system'"),
    );
    assert.throws(() => parseLibvirtUri('qemu+ssh://kvm01:99999/system'), /port 99999 is out of range/);
  });
});

describe('checkHostName', () => {
  it('accepts host names and rejects what would break ids', () => {
    assert.equal(checkHostName('kvm-demo-01', 'x'), 'kvm-demo-01');
    assert.throws(() => checkHostName('a/b', 'the name of qemu:///system'), /invalid libvirt host name 'a\/b' \(from the name of qemu:\/\/\/system\)/);
    assert.throws(() => checkHostName('', 'x'), InputError);
  });
});
