import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disk, instance, near, runRule, snapshotOf } from '../../../test/cost/fixtures.js';
import { rule } from './instance_stopped.js';

describe('instance_stopped', () => {
  it('fires per disk of an instance stopped more than 30 days (200 GiB gp2 × 0.10 = 20)', () => {
    const nodes = [instance('i-1', { state: 'stopped', stateSince: '2026-06-15T09:12:44Z', diskIds: ['vol-1'] }), disk('vol-1', { sizeGiB: 200, diskType: 'gp2', attachedTo: ['i-1'], iops: 600, throughputMiBps: null })];
    const { savings } = runRule(rule, snapshotOf(nodes));
    assert.equal(savings.length, 1);
    assert.equal(savings[0]?.resourceId, 'vol-1');
    near(savings[0]?.monthlySavings, 20);
    assert.equal(savings[0]?.evidence?.['stoppedDays'], 157);
  });
  it('an Azure VM stopped but not deallocated is still billed for compute: Standard_D2s_v5 0.115 USD/h × 730 = 83.95', () => {
    const vm = instance('vm-1', { state: 'stopped', stateSince: '2026-11-18T00:00:00Z', instanceType: 'Standard_D2s_v5', powerState: 'stopped' }, { provider: 'azure', region: 'westeurope' });
    const { savings } = runRule(rule, snapshotOf([vm]));
    assert.equal(savings.length, 1);
    near(savings[0]?.monthlySavings, 0.115 * 730);
    const dealloc = instance('vm-2', { state: 'stopped', stateSince: '2026-11-18T00:00:00Z', instanceType: 'Standard_D2s_v5', powerState: 'deallocated' }, { provider: 'azure', region: 'westeurope' });
    assert.equal(runRule(rule, snapshotOf([dealloc])).savings.length, 0);
  });
  it('does not fire when stopped recently, running, or when the stop date is unknown (and says why)', () => {
    assert.equal(runRule(rule, snapshotOf([instance('i-2', { state: 'stopped', stateSince: '2026-11-10T00:00:00Z', diskIds: ['vol-2'] }), disk('vol-2', { attachedTo: ['i-2'] })])).savings.length, 0);
    assert.equal(runRule(rule, snapshotOf([instance('i-3', { diskIds: ['vol-3'] }), disk('vol-3', { attachedTo: ['i-3'] })])).savings.length, 0);
    const r = runRule(rule, snapshotOf([instance('i-4', { state: 'stopped', stateSince: null, diskIds: ['vol-4'] }), disk('vol-4', { attachedTo: ['i-4'] })]));
    assert.equal(r.savings.length, 0);
    assert.match(r.notes.join('\n'), /state has no date/);
  });
});
