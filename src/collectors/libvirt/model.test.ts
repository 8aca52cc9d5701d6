import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DomainFacts } from './model.js';
import { LibvirtXmlError, domainNode, networkNode, parseDomState, poolNode, testDriverRunState, volumeNode } from './model.js';
import { parseXml } from './xml.js';

const FACTS: DomainFacts = { state: 'running', stateReason: 'booted', autostart: true, persistent: true, passwordsVisible: true };
const domain = (devices: string, extra = '') =>
  parseXml(`<domain type='kvm'><name>d</name><uuid>AAAAAAAA-0000-4000-8000-000000000001</uuid>${extra}<devices>${devices}</devices></domain>`);

describe('domainNode', () => {
  it('builds the id from the lower-cased UUID and maps size, state and run facts', () => {
    const n = domainNode(domain('', "<memory unit='GiB'>2</memory><vcpu current='2'>4</vcpu>"), FACTS, 'h1');
    assert.equal(n.id, 'libvirt://h1/domain/aaaaaaaa-0000-4000-8000-000000000001');
    assert.equal(n.account, 'h1');
    assert.equal(n.attrs.memoryMiB, 2048);
    assert.equal(n.attrs.vcpus, 2);
    assert.equal(n.attrs.state, 'running');
    assert.equal(n.attrs.stateSince, null);
    assert.equal(n.attrs.autostart, true);
    assert.equal(n.attrs['stateReason'], 'booted');
    assert.equal(domainNode(domain('', '<memory>1048576</memory>'), FACTS, 'h1').attrs.memoryMiB, 1024); // KiB by default
  });

  it('fails loudly without a uuid', () => {
    assert.throws(() => domainNode(parseXml('<domain><name>x</name></domain>'), FACTS, 'h'), LibvirtXmlError);
  });

  it('reads every listen form of VNC/SPICE/RDP and skips local displays', () => {
    const n = domainNode(
      domain(`
        <graphics type='vnc' port='5900' autoport='no' listen='0.0.0.0' passwd='x'/>
        <graphics type='vnc' port='-1' autoport='yes'><listen type='address' address='10.0.0.5'/></graphics>
        <graphics type='spice' autoport='yes'><listen type='network' network='default'/></graphics>
        <graphics type='spice' passwd=''><listen type='socket' socket='/run/s.sock'/></graphics>
        <graphics type='vnc' port='-1'/>
        <graphics type='rdp' port='3389' listen='::'/>
        <graphics type='vnc' listen='127.0.0.1'/>
        <graphics type='sdl' display=':0'/>`),
      FACTS,
      'h',
    );
    assert.deepEqual(n.attrs.remoteConsoles, [
      { protocol: 'vnc', listen: '0.0.0.0', port: 5900, autoport: false, passwordSet: true },
      { protocol: 'vnc', listen: '10.0.0.5', port: null, autoport: true, passwordSet: false },
      { protocol: 'spice', listen: null, port: null, autoport: true, passwordSet: false },
      { protocol: 'spice', listen: null, port: null, autoport: false, passwordSet: false },
      { protocol: 'vnc', listen: null, port: null, autoport: true, passwordSet: false },
      { protocol: 'rdp', listen: '::', port: 3389, autoport: false, passwordSet: false },
      { protocol: 'vnc', listen: '127.0.0.1', port: null, autoport: true, passwordSet: false },
    ]);
  });

  it('records passwordSet as unknown when the dump could not show passwords, and never the password', () => {
    const xml = domain(`<graphics type='vnc' listen='0.0.0.0'/><graphics type='vnc' listen='0.0.0.0' passwd='hunter2'/>`);
    for (const passwordsVisible of [false, null]) {
      const n = domainNode(xml, { ...FACTS, passwordsVisible }, 'h');
      assert.deepEqual(n.attrs.remoteConsoles?.map((c) => c.passwordSet), [null, true]);
      assert.ok(!JSON.stringify(n).includes('hunter2'));
    }
  });

  it('describes interfaces by their source and disks by path or pool/volume', () => {
    const n = domainNode(
      domain(`
        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/i/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
        <disk type='block' device='disk'><source dev='/dev/vg/lv'/><target dev='vdb'/></disk>
        <disk type='volume' device='cdrom'><source pool='p' volume='v.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
        <interface type='network'><mac address='52:54:00:AA:00:01'/><source network='default'/></interface>
        <interface type='bridge'><source bridge='br0'/></interface>
        <interface type='direct'><source dev='eth0' mode='vepa'/></interface>
        <interface type='user'/>`),
      FACTS,
      'h',
    );
    assert.deepEqual(
      n.attrs.interfaces?.map((i) => [i.mac, i.source, i.networkId]),
      [
        ['52:54:00:aa:00:01', 'network:default', null],
        [null, 'bridge:br0', null],
        [null, 'direct:eth0', null],
        [null, 'user', null],
      ],
    );
    assert.deepEqual(n.attrs['disks'], [
      { target: 'vda', device: 'disk', bus: 'virtio', sourceType: 'file', path: '/i/a.qcow2', pool: null, volume: null, format: 'qcow2', readOnly: false },
      { target: 'vdb', device: 'disk', bus: null, sourceType: 'block', path: '/dev/vg/lv', pool: null, volume: null, format: null, readOnly: false },
      { target: 'sda', device: 'cdrom', bus: 'sata', sourceType: 'volume', path: null, pool: 'p', volume: 'v.iso', format: null, readOnly: true },
    ]);
    assert.deepEqual(n.attrs.diskIds, []); // filled by link
  });
});

describe('run states', () => {
  it('maps virsh domstate words and test-driver numbers', () => {
    assert.deepEqual(parseDomState('shut off (shutdown)\n\n'), { state: 'stopped', reason: 'shutdown' });
    assert.deepEqual(parseDomState('running (booted)'), { state: 'running', reason: 'booted' });
    assert.deepEqual(parseDomState('in shutdown'), { state: 'stopping', reason: null });
    assert.deepEqual(parseDomState('pmsuspended (unknown)'), { state: 'suspended', reason: 'unknown' });
    assert.equal(parseDomState('something new').state, 'unknown');
    assert.deepEqual(['1', '3', '5', '6', '7', '9'].map(testDriverRunState), ['running', 'paused', 'stopped', 'crashed', 'suspended', 'unknown']);
  });
});

describe('networkNode', () => {
  const facts = { active: true, autostart: null, persistent: null };
  it('defaults the forward mode as libvirt does and reads IPv4/IPv6 ranges', () => {
    const isolated = networkNode(parseXml(`<network><name>iso</name><uuid>u1</uuid><bridge name='virbr2'/><ip address='192.168.152.1' netmask='255.255.255.0'/></network>`), facts, 'h');
    assert.equal(isolated.attrs.forwardMode, 'isolated');
    assert.deepEqual(isolated.attrs.ips, [{ address: '192.168.152.1', prefix: 24, family: 'ipv4', dhcpRanges: [] }]);
    const nat = networkNode(
      parseXml(`<network><name>n</name><uuid>u2</uuid><forward dev='eth1'/><ip family='ipv6' address='fd00::1' prefix='64'><dhcp><range start='fd00::10' end='fd00::ff'/></dhcp></ip></network>`),
      facts,
      'h',
    );
    assert.equal(nat.attrs.forwardMode, 'nat');
    assert.equal(nat.attrs['forwardDev'], 'eth1');
    assert.deepEqual(nat.attrs.ips, [{ address: 'fd00::1', prefix: 64, family: 'ipv6', dhcpRanges: [{ start: 'fd00::10', end: 'fd00::ff' }] }]);
    assert.equal(nat.id, 'libvirt://h/network/u2');
  });
});

describe('poolNode and volumeNode', () => {
  it('converts sizes to GiB and identifies volumes by their key', () => {
    const pool = poolNode(
      parseXml(`<pool type='dir'><name>p</name><uuid>U</uuid><capacity unit='bytes'>107374182400</capacity><allocation>0</allocation><available unit='TiB'>1</available><target><path>/i</path></target></pool>`),
      { active: true, autostart: false, persistent: true },
      'h',
    );
    assert.deepEqual([pool.id, pool.attrs.capacityGiB, pool.attrs.allocationGiB, pool.attrs.availableGiB, pool.attrs.path], ['libvirt://h/pool/u', 100, 0, 1024, '/i']);
    const vol = volumeNode(
      parseXml(`<volume type='file'><name>a b.qcow2</name><key>/i/a b.qcow2</key><capacity unit='G'>10</capacity><allocation unit='MiB'>512</allocation><target><path>/i/a b.qcow2</path><format type='qcow2'/><encryption format='luks'/></target><backingStore><path>/i/base.qcow2</path></backingStore></volume>`),
      { id: pool.id, path: '/i' },
      'h',
    );
    assert.equal(vol.id, 'libvirt://h/volume/%2Fi%2Fa%20b.qcow2');
    assert.deepEqual([vol.attrs.sizeGiB, vol.attrs.allocationGiB, vol.attrs.diskType, vol.attrs.encrypted, vol.attrs['backingStore']], [10, 0.5, 'qcow2', true, '/i/base.qcow2']);
  });

  it('defaults path and key as the test driver does when a node file leaves them out', () => {
    const vol = volumeNode(parseXml(`<volume><name>v.img</name><capacity>1073741824</capacity></volume>`), { id: 'libvirt://h/pool/p', path: '/pool-dir/' }, 'h');
    assert.equal(vol.attrs.path, '/pool-dir/v.img');
    assert.equal(vol.attrs['key'], '/pool-dir/v.img');
    assert.equal(vol.attrs.sizeGiB, 1);
    assert.throws(() => volumeNode(parseXml('<volume><name>v</name></volume>'), { id: null, path: null }, 'h'), /<key> of volume 'v' is missing/);
  });
});
