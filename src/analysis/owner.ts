import { stringMap } from '../capi/access.ts';
import { CapiLabel } from '../capi/kinds.ts';
import type { FleetGraph } from '../graph/fleet-graph.ts';
import type { FleetObject } from '../model/fleet.ts';

/** The MachineSet a Machine belongs to, by its set-name label. */
export function machineSetOf(graph: FleetGraph, object: FleetObject): FleetObject | undefined {
  if (object.kind !== 'Machine') return undefined;
  const set = stringMap(object.raw, 'metadata.labels')[CapiLabel.setName];
  return set ? graph.index.lookup('m', 'MachineSet', object.namespace, set) : undefined;
}

/** The MachineDeployment, MachinePool or control plane a Machine belongs to. */
export function ownerOf(graph: FleetGraph, object: FleetObject): FleetObject | undefined {
  if (object.kind !== 'Machine') return undefined;
  const labels = stringMap(object.raw, 'metadata.labels');
  const deployment = labels[CapiLabel.deploymentName];
  if (deployment) return graph.index.lookup('m', 'MachineDeployment', object.namespace, deployment);
  const controlPlane = labels[CapiLabel.controlPlaneName];
  if (controlPlane) return graph.index.lookup('m', '*ControlPlane', object.namespace, controlPlane);
  const pool = labels[CapiLabel.poolName];
  return pool ? graph.index.lookup('m', 'MachinePool', object.namespace, pool) : undefined;
}
