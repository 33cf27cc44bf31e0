import type { ComposeDetector } from '../detector';
import { databasePortDetector } from './databasePort';
import { debugPortDetector } from './debugPort';
import { dependsOnHealthyDetector } from './dependsOnHealthy';
import { healthcheckDetector } from './healthcheck';
import { hostNamespaceDetector } from './hostNamespace';
import { imageTagDetector } from './imageTag';
import { noNewPrivilegesDetector } from './noNewPrivileges';
import { obsoleteVersionDetector } from './obsoleteVersion';
import { portBypassesGatewayDetector } from './portBypassesGateway';
import { privilegedDetector } from './privileged';
import { resourceLimitsDetector } from './resourceLimits';
import { restartPolicyDetector } from './restartPolicy';
import { secretEnvironmentDetector } from './secretEnvironment';

/** Every compose rule's detector; data/rules/compose.yml declares the same ids (a unit test keeps them in sync). */
export const COMPOSE_DETECTORS: readonly ComposeDetector[] = [
  obsoleteVersionDetector,
  imageTagDetector,
  restartPolicyDetector,
  databasePortDetector,
  privilegedDetector,
  debugPortDetector,
  hostNamespaceDetector,
  portBypassesGatewayDetector,
  secretEnvironmentDetector,
  healthcheckDetector,
  dependsOnHealthyDetector,
  resourceLimitsDetector,
  noNewPrivilegesDetector,
];
