import { fails, holds } from '../observation';
import type { Observation } from '../observation';
import type { Derivation } from './context';
import { DATABASE_ENV_KEY } from './environmentKeys';
import { minimumInstances, WORKLOADS_READ, workloadSteps } from './workloads';

/**
 * Kubernetes workload signals, each judged over every workload: k8s.probes,
 * deploy.multiple-instances, scaling.autoscaler, and for multi-replica
 * workloads k8s.zone-spread and k8s.pdb; plus health.endpoint and
 * config.db-from-env where any workload shows them.
 */
export const workloadSignals: Derivation = {
  signals: [
    'k8s.probes',
    'deploy.multiple-instances',
    'k8s.zone-spread',
    'scaling.autoscaler',
    'k8s.pdb',
    'health.endpoint',
    'config.db-from-env',
  ],
  resources: WORKLOADS_READ,
  *derive({ facts }) {
    const observations: Observation[] = [];
    for (const workload of yield* workloadSteps(facts)) {
      const label = `${workload.kind} ${workload.name}`;
      const lacking = [...workload.containers].flatMap(([name, probes]) => [
        ...(probes.readiness ? [] : [`${name || 'a container'} has no readinessProbe`]),
        ...(probes.liveness ? [] : [`${name || 'a container'} has no livenessProbe`]),
      ]);
      const firstProbe = [...workload.containers.values()].map((probes) => probes.readiness ?? probes.liveness).find(Boolean);
      // DaemonSets are node agents (log shippers, CNI): their health is the node's, not a service's.
      if (workload.kind !== 'DaemonSet') {
        if (lacking.length === 0)
          observations.push(holds('k8s.probes', firstProbe ?? workload.at, `${label}: readiness and liveness probes`));
        else observations.push(fails('k8s.probes', workload.at, `${label}: ${lacking.join(', ')}`));
      }
      if (firstProbe) observations.push(holds('health.endpoint', firstProbe, `${label} probes`));

      if (workload.kind === 'Deployment' || workload.kind === 'StatefulSet' || workload.kind === 'Rollout') {
        const instances = minimumInstances(workload);
        const at = workload.autoscalerMinimum?.at ?? workload.at;
        const source = workload.autoscalerMinimum
          ? 'autoscaler minimum'
          : workload.replicas === undefined
            ? 'replicas not set (1)'
            : 'replicas';
        if (instances >= 2) observations.push(holds('deploy.multiple-instances', at, `${label}: ${source} ${instances}`));
        else
          observations.push(
            fails('deploy.multiple-instances', at, `${label}: ${source === 'replicas not set (1)' ? source : `${source} ${instances}`}`),
          );
        if (workload.autoscalerMinimum)
          observations.push(holds('scaling.autoscaler', workload.autoscalerMinimum.at, `${label} has an autoscaler`));
        else observations.push(fails('scaling.autoscaler', workload.at, `${label} has no HorizontalPodAutoscaler or ScaledObject`));
        if (instances >= 2 || (workload.replicas ?? 0) >= 2) {
          const replicas = Math.max(instances, workload.replicas ?? 0);
          if (workload.zoneSpread) observations.push(holds('k8s.zone-spread', workload.zoneSpread, `${label} spreads across zones`));
          else observations.push(fails('k8s.zone-spread', workload.at, `${label} runs ${replicas} replicas without a zone spread`));
          if (workload.disruptionBudget)
            observations.push(holds('k8s.pdb', workload.disruptionBudget, `${label} has a PodDisruptionBudget`));
          else observations.push(fails('k8s.pdb', workload.at, `${label} runs ${replicas} replicas without a PodDisruptionBudget`));
        }
      }
      for (const [name, container] of workload.containers) {
        for (const variable of container.env) {
          if (DATABASE_ENV_KEY.test(variable.key))
            observations.push(
              holds('config.db-from-env', variable.at, `${label} container ${name} gets ${variable.key} from the environment`),
            );
        }
      }
      yield;
    }
    return observations;
  },
};
