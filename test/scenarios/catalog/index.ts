/** Every scenario of the diagnosis suite, faults first, then the healthy fleets. */
import type { Scenario } from '../scenario.ts';
import { AWS_SCENARIOS } from './aws.ts';
import { AZURE_SCENARIOS } from './azure.ts';
import { CORE_SCENARIOS } from './core.ts';
import { DOCKER_SCENARIOS } from './docker.ts';
import { GCP_SCENARIOS } from './gcp.ts';
import { HEALTHY_SCENARIOS } from './healthy.ts';
import { METAL3_SCENARIOS } from './metal3.ts';
import { OPENSTACK_SCENARIOS } from './openstack.ts';
import { SHAPE_SCENARIOS } from './shapes.ts';
import { SHAPE2_SCENARIOS } from './shapes2.ts';
import { VSPHERE_SCENARIOS } from './vsphere.ts';

/** The whole catalog. */
export const ALL_SCENARIOS: readonly Scenario[] = [
  ...AWS_SCENARIOS,
  ...AZURE_SCENARIOS,
  ...GCP_SCENARIOS,
  ...VSPHERE_SCENARIOS,
  ...OPENSTACK_SCENARIOS,
  ...METAL3_SCENARIOS,
  ...DOCKER_SCENARIOS,
  ...CORE_SCENARIOS,
  ...SHAPE_SCENARIOS,
  ...SHAPE2_SCENARIOS,
  ...HEALTHY_SCENARIOS,
];
