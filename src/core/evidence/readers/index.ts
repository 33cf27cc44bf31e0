import { cargoTomlReader } from './manifests/cargoToml';
import { composerJsonReader } from './manifests/composerJson';
import { gemfileReader } from './manifests/gemfile';
import { goModReader } from './manifests/goMod';
import { gradleReader } from './manifests/gradle';
import { packageJsonReader } from './manifests/packageJson';
import { pomXmlReader } from './manifests/pomXml';
import { pyprojectReader } from './manifests/pyprojectToml';
import { requirementsTxtReader } from './manifests/requirementsTxt';
import { dockerfileReader } from './dockerfile';
import { jenkinsfileReader } from './jenkinsfile';
import { loggerSetupReader } from './loggerSetup';
import type { Reader } from './reader';
import { jsonConfigReader, tomlConfigReader } from './structuredConfigs';
import { terraformReader } from './terraform';
import { testFolderScriptReader } from './testFolderScripts';
import {
  codeownersReader,
  deploymentLinksReader,
  envExampleReader,
  makefileReader,
  migrationReader,
  protoReader,
  readmeReader,
} from './textFiles';
import { yamlFilesReader } from './yamlFiles';

const MANIFEST_READERS: readonly Reader[] = [
  packageJsonReader,
  composerJsonReader,
  requirementsTxtReader,
  pyprojectReader,
  goModReader,
  pomXmlReader,
  gradleReader,
  gemfileReader,
  cargoTomlReader,
];

/** Every reader, in no particular order: each file goes to every reader that accepts it. */
export const READERS: readonly Reader[] = [
  ...MANIFEST_READERS,
  dockerfileReader,
  jenkinsfileReader,
  yamlFilesReader,
  terraformReader,
  tomlConfigReader,
  jsonConfigReader,
  readmeReader,
  codeownersReader,
  makefileReader,
  envExampleReader,
  protoReader,
  migrationReader,
  testFolderScriptReader,
  loggerSetupReader,
  deploymentLinksReader,
];
