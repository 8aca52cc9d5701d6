/**
 * The cost rules, one explicit table sorted by id. The key is the rule's id and its file name
 * (`src/cost/rules/<id>.ts`); `registry.test.ts` keeps the three in step.
 */
import type { AnyCostRule } from '../types.js';
import { rule as disk_gp2_to_gp3 } from './disk_gp2_to_gp3.js';
import { rule as disk_io1_migrate } from './disk_io1_migrate.js';
import { rule as egress } from './egress.js';
import { rule as instance_idle } from './instance_idle.js';
import { rule as instance_previous_generation } from './instance_previous_generation.js';
import { rule as instance_rightsize } from './instance_rightsize.js';
import { rule as instance_stopped } from './instance_stopped.js';
import { rule as load_balancer_idle } from './load_balancer_idle.js';
import { rule as nat_gateway_unused } from './nat_gateway_unused.js';
import { rule as public_ip_unused } from './public_ip_unused.js';
import { rule as snapshot_old } from './snapshot_old.js';
import { rule as snapshot_orphaned } from './snapshot_orphaned.js';
import { rule as spot_candidate } from './spot_candidate.js';
import { rule as sprawl_ownerless } from './sprawl_ownerless.js';
import { rule as sprawl_region } from './sprawl_region.js';
import { rule as unattached_disk } from './unattached_disk.js';

export const COST_RULES: Readonly<Record<string, AnyCostRule>> = {
  disk_gp2_to_gp3,
  disk_io1_migrate,
  egress,
  instance_idle,
  instance_previous_generation,
  instance_rightsize,
  instance_stopped,
  load_balancer_idle,
  nat_gateway_unused,
  public_ip_unused,
  snapshot_old,
  snapshot_orphaned,
  spot_candidate,
  sprawl_ownerless,
  sprawl_region,
  unattached_disk,
};
