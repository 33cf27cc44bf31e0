import type { HclBlock } from '../../../evidence/parsers/hclTree';
import type { TreeValue } from '../../../evidence/parsers/locatedTree';
import { entriesOf } from '../../../evidence/parsers/locatedTree';
import { defineRule } from '../../engine/ruleModule';
import type { RawFinding } from '../../types';
import { numberValue, stringItems, stringValue } from '../values';
import { blockAnchors } from '../anchorPlaces';

/** Ports an attacker scans for first: remote shells and databases. */
const ADMIN_PORTS: ReadonlyArray<[number, string]> = [
  [22, 'SSH'],
  [3389, 'RDP'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [11211, 'Memcached'],
];
const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/**
 * tf/open-admin-port: a security group (AWS), firewall (GCP) or network security rule (Azure) lets the whole
 * internet reach SSH, RDP or a database port. Ports and sources that are not literal (after resolving
 * variables) are unknown and not reported.
 */
export const rule = defineRule('terraform', {
  ruleId: 'tf/open-admin-port',
  anchors: (context) =>
    blockAnchors(context, {
      resourceTypes: [
        'aws_security_group',
        'aws_security_group_rule',
        'aws_vpc_security_group_ingress_rule',
        'google_compute_firewall',
        'azurerm_network_security_rule',
      ],
    }),
  detect(context) {
    const { module } = context;
    const findings: RawFinding[] = [];
    const check = (block: HclBlock, rule: TreeValue, anchor: TreeValue | undefined, from: number | undefined, to: number | undefined) => {
      if (from === undefined || Number.isNaN(from)) return;
      const all = from === -1 || (from === 0 && (to ?? 0) >= 65535);
      const hit = all ? undefined : ADMIN_PORTS.find(([port]) => from <= port && port <= (to ?? from));
      if (!all && !hit) return;
      const what = hit ? `${hit[1]} (port ${hit[0]})` : 'every port';
      findings.push(
        context.finding(
          this.ruleId,
          context.valueRange(block, anchor ?? rule),
          `${context.address(block)} lets the whole internet reach ${what}.`,
        ),
      );
    };
    const openCidr = (body: TreeValue, ...keys: string[]): TreeValue | undefined => {
      for (const key of keys) {
        const value = module.value(body, key);
        if (stringItems(value).items.some((cidr) => ANYWHERE.has(cidr))) return module.written(body, key);
      }
      return undefined;
    };
    const ports = (body: TreeValue): [number | undefined, number | undefined] => {
      const protocol = stringValue(module.value(body, 'protocol')) ?? stringValue(module.value(body, 'ip_protocol'));
      if (protocol === '-1' || protocol === 'all') return [-1, -1];
      return [numberValue(module.value(body, 'from_port')), numberValue(module.value(body, 'to_port'))];
    };
    for (const { block } of context.resources('aws_security_group')) {
      for (const ingress of entriesOf(block.body, 'ingress')) {
        const cidr = openCidr(ingress.value, 'cidr_blocks', 'ipv6_cidr_blocks');
        if (cidr) check(block, ingress.value, cidr, ...ports(ingress.value));
      }
    }
    for (const { block } of context.resources('aws_security_group_rule')) {
      if (stringValue(module.value(block.body, 'type')) !== 'ingress') continue;
      const cidr = openCidr(block.body, 'cidr_blocks', 'ipv6_cidr_blocks');
      if (cidr) check(block, block.body, cidr, ...ports(block.body));
    }
    for (const { block } of context.resources('aws_vpc_security_group_ingress_rule')) {
      const cidr = openCidr(block.body, 'cidr_ipv4', 'cidr_ipv6');
      if (cidr) check(block, block.body, cidr, ...ports(block.body));
    }
    for (const { block } of context.resources('google_compute_firewall')) {
      const direction = stringValue(module.value(block.body, 'direction')) ?? 'INGRESS';
      const cidr = direction === 'INGRESS' ? openCidr(block.body, 'source_ranges') : undefined;
      if (!cidr) continue;
      for (const allow of entriesOf(block.body, 'allow')) {
        const protocol = stringValue(module.value(allow.value, 'protocol'));
        const { items, complete } = stringItems(module.value(allow.value, 'ports'));
        if (protocol === 'all' || (complete && items.length === 0 && (protocol === 'tcp' || protocol === 'udp')))
          check(block, allow.value, cidr, -1, -1);
        for (const item of items) {
          const [low, high] = item.split('-').map(Number);
          check(block, allow.value, cidr, low, Number.isNaN(high ?? NaN) ? low : high);
        }
      }
    }
    for (const { block } of context.resources('azurerm_network_security_rule')) {
      if (stringValue(module.value(block.body, 'direction')) !== 'Inbound' || stringValue(module.value(block.body, 'access')) !== 'Allow')
        continue;
      const source = stringValue(module.value(block.body, 'source_address_prefix'));
      if (!source || !['*', '0.0.0.0/0', 'Internet', 'Any'].includes(source)) continue;
      const range = stringValue(module.value(block.body, 'destination_port_range'));
      if (range === undefined) continue;
      if (range === '*') check(block, block.body, module.written(block.body, 'destination_port_range'), -1, -1);
      else {
        const [low, high] = range.split('-').map(Number);
        check(block, block.body, module.written(block.body, 'destination_port_range'), low, Number.isNaN(high ?? NaN) ? low : high);
      }
    }
    return findings;
  },
});
