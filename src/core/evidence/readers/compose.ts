import type { ComposeService, EvidenceFacts } from '../facts';
import { child, entriesOf, expandLists, scalarText } from '../parsers/locatedTree';
import type { TreeValue } from '../parsers/locatedTree';

/** The compose model a signal needs: per service its image, build, restart, healthcheck, environment keys, command. */
export function readCompose(path: string, root: TreeValue, facts: EvidenceFacts): void {
  const services = child(root, 'services');
  if (services?.kind !== 'map') return;
  const model: ComposeService[] = [];
  for (const entry of services.entries) {
    const definition = entry.value;
    if (definition.kind !== 'map') continue;
    const service: ComposeService = {
      name: entry.key,
      line: entry.keyLine,
      built: entriesOf(definition, 'build').length > 0,
      environment: environmentKeys(child(definition, 'environment')),
    };
    const image = scalarText(child(definition, 'image'));
    if (image) {
      service.image = image;
      facts.images.push({ image, at: { path, line: child(definition, 'image')!.line }, source: 'compose' });
    }
    const restart = entriesOf(definition, 'restart')[0] ?? entriesOf(child(child(definition, 'deploy'), 'restart_policy'), 'condition')[0];
    if (restart) service.restart = { value: scalarText(restart.value) ?? '', line: restart.keyLine };
    const healthcheck = entriesOf(definition, 'healthcheck')[0];
    if (healthcheck)
      service.healthcheck = { line: healthcheck.keyLine, disabled: scalarText(child(healthcheck.value, 'disable')) === 'true' };
    for (const setting of environmentValues(child(definition, 'environment')))
      if (isRedisBrokerSetting(setting.key, setting.value))
        facts.settings.push({ what: 'redis-broker-url', value: setting.key, at: { path, line: setting.line } });
    const command = child(definition, 'command');
    if (command) {
      const text =
        command.kind === 'list'
          ? expandLists(command)
              .map((item) => scalarText(item) ?? '')
              .join(' ')
          : (scalarText(command) ?? '');
      service.command = { text, line: command.line };
    }
    model.push(service);
  }
  facts.compose.push({ path, services: model });
}

/** A message broker's URL that points at Redis (`CELERY_BROKER_URL: redis://redis:6379/0`): the Redis server is a queue. */
export function isRedisBrokerSetting(key: string, value: string): boolean {
  const url = value.trim().replace(/^["']/, '');
  return key.toUpperCase().includes('BROKER') && (url.startsWith('redis://') || url.startsWith('rediss://'));
}

/** `environment:` entries with their values, as a map or a list ("KEY=value"). */
function environmentValues(environment: TreeValue | undefined): Array<{ key: string; value: string; line: number }> {
  if (environment?.kind === 'map')
    return environment.entries.map((entry) => ({ key: entry.key, value: scalarText(entry.value) ?? '', line: entry.keyLine }));
  if (environment?.kind === 'list')
    return environment.items.flatMap((item) => {
      const text = scalarText(item) ?? '';
      const equals = text.indexOf('=');
      return equals > 0 ? [{ key: text.slice(0, equals).trim(), value: text.slice(equals + 1), line: item.line }] : [];
    });
  return [];
}

/** `environment:` as a map (KEY: value) or a list ("KEY=value"). */
function environmentKeys(environment: TreeValue | undefined): Array<{ key: string; line: number }> {
  if (!environment) return [];
  if (environment.kind === 'map') return environment.entries.map((entry) => ({ key: entry.key, line: entry.keyLine }));
  if (environment.kind === 'list') {
    return environment.items.flatMap((item) => {
      const text = scalarText(item);
      const key = text?.split('=')[0]?.trim();
      return key ? [{ key, line: item.line }] : [];
    });
  }
  return [];
}
