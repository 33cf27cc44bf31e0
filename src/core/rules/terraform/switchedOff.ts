import type { TreeMap, TreeValue } from '../../evidence/parsers/locatedTree';
import type { TerraformModule } from '../../format/terraform/terraformModule';
import type { RuleFix } from '../types';
import type { TerraformContext } from './context';
import { setAttributeFix } from './edits';
import { boolValue } from './values';

/** A boolean setting a rule wants `true` that is written `false`, or left out where its default is off. */
export interface SwitchedOff {
  /** The attribute as written (for the range), undefined when it is left out. */
  written: TreeValue | undefined;
  /** `is false` or `is not set`, for the finding's message. */
  state: 'is false' | 'is not set';
}

/**
 * The shared test of the "X = true" rules (storage_encrypted, multi_az, deletion_protection, encrypted…):
 * the setting is off when written as (or resolving to) `false`, or when it is left out and off by default.
 * A value that is unknown (an expression, a variable set per environment) is not judged: undefined.
 */
export function switchedOff(module: TerraformModule, body: TreeMap, key: string, onByDefault = false): SwitchedOff | undefined {
  const written = module.written(body, key);
  const value = written ? boolValue(module.value(body, key)) : onByDefault;
  if (value !== false) return undefined;
  return { written, state: written ? 'is false' : 'is not set' };
}

/**
 * The quick fix `key = true`, unless the value comes from a variable: then the fix belongs in the variable's
 * default or the tfvars, which one edit here would silently override.
 */
export function switchOnFix(context: TerraformContext, body: TreeMap, off: SwitchedOff, key: string, title: string): RuleFix | undefined {
  return context.module.variableOf(off.written) ? undefined : setAttributeFix(context, body, key, 'true', title);
}
