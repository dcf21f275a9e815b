import { describe, expect, it } from 'vitest';
import type { Manifest } from './manifest.ts';
import { orderManifests } from './manifest.ts';
import { renderManifests, sortKeys } from './render.ts';
import { manifestFileName } from './write.ts';

const shared = { a: 1 };
const manifest = (kind: string, name: string): Manifest => ({
  kind,
  spec: { z: shared, a: [shared, { y: '0644', x: 'true' }], m: undefined },
  metadata: { namespace: 'n', name },
  apiVersion: 'cluster.x-k8s.io/v1beta2',
});

describe('renderManifests', () => {
  it('puts apiVersion, kind and metadata first, sorts every other key and drops undefined fields', () => {
    expect(
      Object.keys(sortKeys({ spec: 1, metadata: 2, kind: 3, apiVersion: 4, data: 5 }) as object),
    ).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'spec']);
    expect(renderManifests([manifest('Cluster', 'c')])).toBe(
      [
        'apiVersion: cluster.x-k8s.io/v1beta2',
        'kind: Cluster',
        'metadata:',
        '  name: c',
        '  namespace: n',
        'spec:',
        '  a:',
        '    - a: 1',
        '    - x: "true"',
        '      y: "0644"',
        '  z:',
        '    a: 1',
        '',
      ].join('\n'),
    );
  });

  it('writes one stream in dependency order with no YAML anchors for repeated values', () => {
    const ordered = orderManifests([
      manifest('MachineHealthCheck', 'a'),
      manifest('Cluster', 'c'),
      manifest('MachineDeployment', 'b'),
      manifest('AWSMachineTemplate', 'z'),
      manifest('KubeadmControlPlane', 'k'),
      manifest('AWSCluster', 'c'),
      manifest('KubeadmConfigTemplate', 'a'),
    ]);
    expect(ordered.map((m) => m.kind)).toEqual([
      'AWSMachineTemplate',
      'KubeadmConfigTemplate',
      'AWSCluster',
      'KubeadmControlPlane',
      'Cluster',
      'MachineDeployment',
      'MachineHealthCheck',
    ]);
    const text = renderManifests(ordered);
    expect(text.split('\n---\n')).toHaveLength(7);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(manifestFileName(ordered[0]!, 0, 7)).toBe('01-awsmachinetemplate-z.yaml');
    expect(manifestFileName(ordered[0]!, 99, 100)).toBe('100-awsmachinetemplate-z.yaml');
  });
});
