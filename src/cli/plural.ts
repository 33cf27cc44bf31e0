import { pluralForm } from '../core/plural';

/**
 * "1 file", "2 files", "0 files" for the CLI's English output; irregular plurals are passed in
 * ("1 info", "2 infos" is the CLI's word). The choice of form is the core's (src/core/plural.ts).
 */
export function plural(count: number, singular: string, other = `${singular}s`): string {
  return `${count} ${pluralForm(count, { one: singular, other })}`;
}
