import { memoizedByText } from '../../memoizedByText';

/**
 * Compose's short port syntax, `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`
 * (ports and ranges, IPv6 host IPs in brackets, `${VAR}` anywhere).
 */
export interface ShortPort {
  /** As written ("0.0.0.0", "[::1]", "${BIND}"), absent when the port binds all interfaces by default. */
  hostIp?: string;
  /** Offset of the host IP within the string, when present. */
  hostIpOffset?: number;
  /** The container side as a numeric range; undefined when templated or malformed. */
  container?: { from: number; to: number };
}

// `[^{}]*`, not `[^}]*`: "${" repeated without "}" made every "${" scan to the end (quadratic).
const VARIABLE = /\$\{[^{}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

export function parseShortPort(spec: string): ShortPort {
  return shortPortByText(spec);
}

/** Three rules and the digest read every port of every service, and the editor re-reads them on each edit: parsed once per text (shared: never changed). */
const shortPortByText = memoizedByText(readShortPort, 4096);

function readShortPort(spec: string): ShortPort {
  // Mask variables so a `:` inside `${PORT:-5432}` is not taken for a separator (same length keeps offsets).
  const masked = spec.replace(VARIABLE, (variable) => 'V'.repeat(variable.length));
  const slash = masked.indexOf('/');
  const body = slash === -1 ? masked : masked.slice(0, slash);
  let hostIp: string | undefined;
  let hostIpOffset: number | undefined;
  let rest = body;
  if (body.startsWith('[')) {
    const close = body.indexOf(']:');
    if (close === -1) return {};
    hostIp = spec.slice(0, close + 1);
    hostIpOffset = 0;
    rest = body.slice(close + 2);
  }
  const parts = rest.split(':');
  if (hostIp === undefined && parts.length >= 3) {
    // IP (an unbracketed IPv6 address contains colons itself), host port, container port.
    const ipLength = parts.slice(0, parts.length - 2).join(':').length;
    hostIp = spec.slice(0, ipLength);
    hostIpOffset = 0;
  }
  const containerText = parts[parts.length - 1];
  const container = containerText.includes('V') ? undefined : numericRange(containerText);
  return { hostIp, hostIpOffset, container };
}

function numericRange(text: string): { from: number; to: number } | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return to >= from ? { from, to } : undefined;
}

/** True when a host IP (as written) means every interface. Templated IPs are unknown: false. */
export function bindsAllInterfaces(hostIp: string | undefined): boolean {
  if (hostIp === undefined || hostIp === '') return true;
  return hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '[::]';
}
