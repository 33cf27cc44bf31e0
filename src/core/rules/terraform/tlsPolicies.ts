/** The current recommended ELB policy (TLS 1.3 and 1.2 only). */
export const MODERN_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Policies that still accept TLS 1.0/1.1 (the default ELBSecurityPolicy-2016-08 among them). */
export function isOutdatedElbPolicy(policy: string): boolean {
  return (
    /^ELBSecurityPolicy-(?:2015-05|2016-08|TLS-1-0-2015-04|TLS-1-1-2017-01|FS-2018-06|FS-1-1-2019-08)$/.test(policy) ||
    policy.startsWith('ELBSecurityPolicy-TLS13-1-0') ||
    policy.startsWith('ELBSecurityPolicy-TLS13-1-1')
  );
}
