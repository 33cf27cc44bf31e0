import type { RawFinding } from '../../types';
import { getValue, mapEntries, nodeRange, scalarString, seqItems } from '../../yaml/yamlSupport';
import { defineRule } from '../../engine/ruleModule';
import { describe } from '../manifestModel';

/** Annotations by which a cloud load balancer in front of the Ingress terminates TLS itself. */
const LB_TLS_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn',
  'networking.gke.io/managed-certificates',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
  'service.beta.kubernetes.io/aws-load-balancer-ssl-cert',
];

/** Host names that only resolve on a developer's machine. */
function isLocalHost(host: string): boolean {
  return ['localhost', '.localhost', '.local', '.test', '.nip.io', '.sslip.io'].some((suffix) =>
    suffix.startsWith('.') ? host.endsWith(suffix) : host === suffix,
  );
}

/**
 * k8s/ingress-tls: an Ingress without `tls:` serves its hosts over plain HTTP (unless a cloud load balancer
 * terminates TLS, which its annotations say). Ingresses whose every host is local (`*.localhost`,
 * `*.nip.io`…) are development setups and left alone. Reported on the Ingress's `kind:`.
 */
export const rule = defineRule('kubernetes', {
  ruleId: 'k8s/ingress-tls',
  detect(manifests) {
    const findings: RawFinding[] = [];
    for (const object of manifests.objects) {
      if (object.kind !== 'Ingress' || !object.spec) continue;
      if (seqItems(getValue(object.spec, 'tls')).length > 0) continue;
      const annotations = mapEntries(getValue(object.metadata, 'annotations')).map(([key]) => key);
      if (annotations.some((key) => LB_TLS_ANNOTATIONS.includes(key))) continue;
      const hosts = seqItems(getValue(object.spec, 'rules')).flatMap((rule) => {
        const host = scalarString(getValue(rule, 'host'));
        return host ? [host] : [];
      });
      if (hosts.length > 0 && hosts.every(isLocalHost)) continue;
      const range = nodeRange(manifests.file, object.kindNode);
      if (!range) continue;
      findings.push({
        ruleId: this.ruleId,
        range,
        message: `${describe(object)} has no tls: ${hosts.length > 0 ? hosts.join(', ') : 'its traffic'} ${hosts.length > 1 ? 'are' : 'is'} served over plain HTTP, credentials and session cookies included.`,
      });
    }
    return findings;
  },
});
