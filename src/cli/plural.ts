/** "1 file", "2 files", "0 files"; irregular plurals are passed in ("1 info", "2 infos" is the CLI's word). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
