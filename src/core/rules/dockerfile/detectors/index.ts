import type { DockerfileDetector } from '../detector';
import { addInsteadOfCopyDetector } from './addInsteadOfCopy';
import { addUrlChecksumDetector } from './addUrlChecksum';
import { apkNoCacheDetector } from './apkNoCache';
import { aptListsCleanupDetector } from './aptListsCleanup';
import { aptNoInstallRecommendsDetector } from './aptNoInstallRecommends';
import { baseImageDigestDetector } from './baseImageDigest';
import { baseImageEolDetector } from './baseImageEol';
import { baseImageFloatingTagDetector } from './baseImageFloatingTag';
import { baseImageTagDetector } from './baseImageTag';
import { buildPlatformShippedDetector } from './buildPlatformShipped';
import { curlPipeShellDetector } from './curlPipeShell';
import { execFormCmdDetector } from './execFormCmd';
import { healthcheckDetector } from './healthcheck';
import { maintainerDetector } from './maintainer';
import { nonRootUserDetector } from './nonRootUser';
import { pipefailDetector } from './pipefail';
import { relativeWorkdirDetector } from './relativeWorkdir';
import { secretFileCopiedDetector } from './secretFileCopied';
import { secretInArgEnvDetector } from './secretInArgEnv';
import { singleStageToolchainDetector } from './singleStageToolchain';
import { sudoDetector } from './sudo';
import { tlsVerificationDisabledDetector } from './tlsVerificationDisabled';

/** Every Dockerfile rule's detector; data/rules/dockerfile.yml describes the same ids. */
export const DOCKERFILE_DETECTORS: readonly DockerfileDetector[] = [
  baseImageTagDetector,
  baseImageDigestDetector,
  baseImageEolDetector,
  baseImageFloatingTagDetector,
  buildPlatformShippedDetector,
  nonRootUserDetector,
  healthcheckDetector,
  secretInArgEnvDetector,
  secretFileCopiedDetector,
  addInsteadOfCopyDetector,
  execFormCmdDetector,
  pipefailDetector,
  aptNoInstallRecommendsDetector,
  aptListsCleanupDetector,
  apkNoCacheDetector,
  tlsVerificationDisabledDetector,
  curlPipeShellDetector,
  addUrlChecksumDetector,
  sudoDetector,
  singleStageToolchainDetector,
  maintainerDetector,
  relativeWorkdirDetector,
];
