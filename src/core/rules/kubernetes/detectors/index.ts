import type { KubernetesDetector } from '../detector';
import { antiAffinityDetector } from './antiAffinity';
import { dangerousCapabilitiesDetector, dropAllCapabilitiesDetector } from './capabilities';
import { autoscalerDetector } from './autoscaler';
import { privilegeEscalationDetector, privilegedContainerDetector, readOnlyRootFilesystemDetector } from './containerSecurity';
import { defaultNamespaceDetector } from './defaultNamespace';
import { deprecatedApiDetector } from './deprecatedApi';
import { defaultServiceAccountDetector } from './defaultServiceAccount';
import { disruptionBudgetDetector } from './disruptionBudget';
import { hostNamespacesDetector } from './hostNamespaces';
import { sensitiveHostPathDetector, writableHostPathDetector } from './hostPath';
import { imageDigestDetector, imageTagDetector } from './images';
import { ingressTlsDetector } from './ingressTls';
import { networkPolicyDetector } from './networkPolicy';
import { livenessProbeDetector, readinessProbeDetector } from './probes';
import { clusterAdminBindingDetector, rbacWildcardDetector, secretsAccessDetector } from './rbac';
import { replicasDetector } from './replicaCount';
import { memoryLimitDetector, resourceRequestsDetector } from './resources';
import { runAsNonRootDetector } from './runAsNonRoot';
import { seccompProfileDetector } from './seccompProfile';
import { secretInEnvDetector } from './secretInEnv';
import { statefulEmptyDirDetector } from './statefulEmptyDir';
import { serviceAccountTokenDetector } from './serviceAccountToken';
import { lowUserIdDetector, rootGroupDetector } from './userGroupIds';
import { probePortDetector, statefulSetServiceNameDetector } from './workloadReferences';

/** Every Kubernetes rule's detector; data/rules/kubernetes.yml declares the same ids (a unit test keeps them in sync). */
export const KUBERNETES_DETECTORS: readonly KubernetesDetector[] = [
  imageTagDetector,
  resourceRequestsDetector,
  privilegedContainerDetector,
  privilegeEscalationDetector,
  readinessProbeDetector,
  livenessProbeDetector,
  memoryLimitDetector,
  replicasDetector,
  runAsNonRootDetector,
  defaultNamespaceDetector,
  disruptionBudgetDetector,
  readOnlyRootFilesystemDetector,
  autoscalerDetector,
  imageDigestDetector,
  antiAffinityDetector,
  networkPolicyDetector,
  secretInEnvDetector,
  hostNamespacesDetector,
  sensitiveHostPathDetector,
  writableHostPathDetector,
  dangerousCapabilitiesDetector,
  dropAllCapabilitiesDetector,
  seccompProfileDetector,
  rootGroupDetector,
  lowUserIdDetector,
  clusterAdminBindingDetector,
  rbacWildcardDetector,
  secretsAccessDetector,
  defaultServiceAccountDetector,
  serviceAccountTokenDetector,
  deprecatedApiDetector,
  statefulSetServiceNameDetector,
  probePortDetector,
  ingressTlsDetector,
  statefulEmptyDirDetector,
];
