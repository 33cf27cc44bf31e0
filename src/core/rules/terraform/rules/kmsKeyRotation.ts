import { defineRule } from '../../engine/ruleModule';
import { blockAnchors } from '../anchorPlaces';
import type { RawFinding } from '../../types';
import { hasDynamicBlock, setAttributeFix } from '../edits';
import { boolValue, stringValue } from '../values';

/**
 * tf/kms-key-rotation: compliance frameworks (PCI DSS, CIS, ISO 27001) ask that encryption keys be rotated: a
 * symmetric `aws_kms_key` without `enable_key_rotation = true`, a `google_kms_crypto_key` without
 * `rotation_period`, an `azurerm_key_vault_key` without a `rotation_policy` keep one key material for as long as
 * they live, so one leaked copy decrypts everything ever written with it. Asymmetric, HMAC and imported keys
 * cannot rotate automatically and are not asked.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/kms-key-rotation',
  anchors: (context) => blockAnchors(context, { resourceTypes: ['aws_kms_key', 'google_kms_crypto_key', 'azurerm_key_vault_key'] }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    if (context.isExampleOrTest()) return findings;

    for (const { block } of context.resources('aws_kms_key')) {
      const spec = module.written(block.body, 'customer_master_key_spec') ?? module.written(block.body, 'key_spec');
      if (spec && stringValue(module.resolve(spec)) !== 'SYMMETRIC_DEFAULT') continue;
      if (module.written(block.body, 'key_usage') && stringValue(module.value(block.body, 'key_usage')) !== 'ENCRYPT_DECRYPT') continue;
      if (module.written(block.body, 'origin') && stringValue(module.value(block.body, 'origin')) !== 'AWS_KMS') continue;
      const written = module.written(block.body, 'enable_key_rotation');
      const value = written ? boolValue(module.value(block.body, 'enable_key_rotation')) : false;
      if (value !== false) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, written),
          `${context.address(block)} never rotates its key material (enable_key_rotation ${written ? 'is false' : 'is not set'}).`,
          module.variableOf(written)
            ? undefined
            : setAttributeFix(context, block.body, 'enable_key_rotation', 'true', 'Rotate the key yearly'),
        ),
      );
    }

    for (const { block } of context.resources('google_kms_crypto_key')) {
      if (module.written(block.body, 'rotation_period')) continue;
      const purpose = module.written(block.body, 'purpose') ? stringValue(module.value(block.body, 'purpose')) : 'ENCRYPT_DECRYPT';
      if (purpose !== 'ENCRYPT_DECRYPT') continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} never rotates its key material (no rotation_period).`,
          setAttributeFix(context, block.body, 'rotation_period', '"7776000s"', 'Rotate the key every 90 days'),
        ),
      );
    }

    for (const { block } of context.resources('azurerm_key_vault_key')) {
      if (module.written(block.body, 'rotation_policy') || hasDynamicBlock(block.body, 'rotation_policy')) continue;
      findings.push(
        context.finding(
          this.ruleId,
          context.headerRange(block),
          `${context.address(block)} never rotates its key material (no rotation_policy block).`,
        ),
      );
    }
    return findings;
  },
});
