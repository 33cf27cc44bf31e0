import { imageListed } from '../../deployment/model/roleTables';

/**
 * Images whose whole job needs the host's view: node and container metrics
 * agents read the host's processes and network, VPN and DNS appliances manage
 * its interfaces, media and home-automation servers discover devices on its
 * network. Host namespaces and network capabilities are their design, not a
 * mistake, so the host-access rules leave them alone. Matched on the
 * repository path, registry left out (`gcr.io/cadvisor/cadvisor`).
 */
const HOST_AGENT_IMAGES = [
  'prom/node-exporter',
  'prometheus/node-exporter',
  'cadvisor/cadvisor',
  'google/cadvisor',
  'datadog/agent',
  'newrelic/infrastructure',
  'netdata/netdata',
  'grafana/alloy',
  'grafana/agent',
  'grafana/promtail',
  'elastic/metricbeat',
  'elastic/packetbeat',
  'beats/metricbeat',
  'beats/packetbeat',
  'falcosecurity/falco',
  'tailscale/tailscale',
  'linuxserver/wireguard',
  'qmcgaw/gluetun',
  'pihole/pihole',
  'weaveworks/scope',
  // Media and home-automation servers: their documentation asks for the host network (DLNA, mDNS discovery).
  'plexinc/pms-docker',
  'linuxserver/plex',
  'jellyfin/jellyfin',
  'linuxserver/jellyfin',
  'homeassistant/home-assistant',
  'home-assistant/home-assistant',
];

export function isHostAgentImage(image: string | undefined): boolean {
  return image !== undefined && imageListed(image, HOST_AGENT_IMAGES);
}
