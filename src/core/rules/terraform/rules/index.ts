import type { TerraformRule } from '../rule';
import { dbBackups } from './dbBackups';
import { dbCrossRegionBackup } from './dbCrossRegionBackup';
import { dbDeletionProtection } from './dbDeletionProtection';
import { dbEncrypted } from './dbEncrypted';
import { dbFinalSnapshot } from './dbFinalSnapshot';
import { dbHighAvailability } from './dbHighAvailability';
import { ebsEncrypted } from './ebsEncrypted';
import { iamWildcardAdmin } from './iamWildcard';
import { lbHttps } from './lbHttps';
import { literalSecret } from './literalSecret';
import { logRetention } from './logRetention';
import { moduleSourcePinned } from './moduleSourcePinned';
import { openAdminPort } from './openAdminPort';
import { providerVersion } from './providerVersion';
import { publicBucket } from './publicBucket';
import { remoteState } from './remoteState';

/** Every Terraform rule, one module each; metadata in data/rules/terraform.yml. */
export const TERRAFORM_RULES: readonly TerraformRule[] = [
  publicBucket,
  openAdminPort,
  literalSecret,
  iamWildcardAdmin,
  dbBackups,
  providerVersion,
  moduleSourcePinned,
  remoteState,
  dbEncrypted,
  ebsEncrypted,
  dbHighAvailability,
  dbDeletionProtection,
  dbFinalSnapshot,
  lbHttps,
  logRetention,
  dbCrossRegionBackup,
];
