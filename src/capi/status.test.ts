import { describe, expect, it } from 'vitest';
import { nodeHealth } from './status.ts';
import { fleetObjects, obj } from '../testing/graph-fixtures.ts';

const node = (conditions: { type: string; status: string }[]) =>
  fleetObjects([obj('v1', 'Node', '', 'ip-10-0-1-7', { status: { conditions } })])[0]!;

describe('nodeHealth', () => {
  it("lists the kubelet's pressure and the problems a node-problem-detector reports on a Ready Node", () => {
    const health = nodeHealth(
      node([
        { type: 'Ready', status: 'True' },
        { type: 'MemoryPressure', status: 'False' },
        { type: 'DiskPressure', status: 'True' },
        { type: 'ReadonlyFilesystem', status: 'True' },
        { type: 'KernelDeadlock', status: 'False' },
        { type: 'FrequentKubeletRestart', status: 'True' },
      ]),
    );
    expect(health.ready).toBe('True');
    expect(health.pressure).toEqual(['DiskPressure', 'ReadonlyFilesystem', 'FrequentKubeletRestart']);
  });

  it('leaves out conditions whose True is good news, and unknown kinds of condition', () => {
    const health = nodeHealth(
      node([
        { type: 'Ready', status: 'True' },
        { type: 'NetworkUnavailable', status: 'False' },
        { type: 'CiliumAgentReady', status: 'True' },
        { type: 'GPUHealthy', status: 'True' },
        { type: 'KubeletConfigOK', status: 'True' },
        { type: 'Labelled', status: 'True' },
      ]),
    );
    expect(health.pressure).toEqual([]);
  });
});
