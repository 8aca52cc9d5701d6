import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanStderr, classifyVirshError, virshArgs, VirshError } from './virsh.js';

describe('virsh helpers', () => {
  it('builds argument vectors without a shell, read-only when asked', () => {
    assert.deepEqual(virshArgs({ virshPath: 'virsh', uri: 'qemu:///system', readOnly: false }, ['dumpxml', '--security-info', 'u']), [
      '--connect',
      'qemu:///system',
      'dumpxml',
      '--security-info',
      'u',
    ]);
    assert.deepEqual(virshArgs({ virshPath: 'virsh', uri: 'qemu:///system', readOnly: true }, ['list']), ['--readonly', '--connect', 'qemu:///system', 'list']);
  });

  it("keeps virsh's error lines, without prefixes and libxml noise", () => {
    assert.equal(
      cleanStderr('I/O warning : failed to load external entity "/x.xml"\nerror: failed to connect to the hypervisor\nerror: XML error: bad\n'),
      'failed to connect to the hypervisor: XML error: bad',
    );
  });

  it('classifies denials, transient and final failures', () => {
    assert.deepEqual(classifyVirshError(new VirshError('operation forbidden: virDomainGetXMLDesc with secure flag', 1)), { kind: 'denied' });
    assert.deepEqual(classifyVirshError(new VirshError('authentication failed: access denied by policy', 1)), { kind: 'denied' });
    assert.deepEqual(classifyVirshError(new VirshError('Too many active clients (20), dropping connection', 1)), { kind: 'transient' });
    assert.deepEqual(classifyVirshError(new VirshError('Cannot recv data: ssh: connect to host kvm01 port 22: Connection refused', 1)), { kind: 'fatal' });
    assert.deepEqual(classifyVirshError('odd'), { kind: 'fatal' });
  });
});
