/** A Linux capability as compose writes it (`SYS_ADMIN`, `CAP_SYS_ADMIN`, `sys_admin`), upper-case without `CAP_`. */
export function capabilityName(written: string | undefined): string | undefined {
  const name = written?.trim().toUpperCase();
  if (!name) return undefined;
  return name.startsWith('CAP_') ? name.slice(4) : name;
}
