import { child, scalarText } from '../../parsers/locatedTree';
import type { Reader } from '../reader';
import { readTomlFile } from '../tomlFile';
import { addDependency, addManifest } from './dependencies';

/** `implementation("group:artifact:version")`, `testImplementation 'g:a'`, `kapt(…)`: the string literal is the value we read. */
/**
 * In two steps, the configuration name and then (sticky, at its end) the coordinates: as one
 * unanchored regex, lines of repeated `api"` made the coordinate part rescan (polynomial).
 */
const CONFIGURATION =
  /\b(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|testCompileOnly|annotationProcessor|kapt|ksp|developmentOnly|integrationTestImplementation)\b/g;
const COORDINATES = /\s*(?:\(\s*)?(?:platform\s*\(\s*)?["']([^"':\s]+):([^"':\s]+)(?::[^"']*)?["']/y;
/** One small pattern per spelling (as one alternation the ReDoS checker could not decide in time). */
const TOOLCHAINS: readonly RegExp[] = [
  /JavaLanguageVersion\.of\(\s*(\d+)\s*\)/,
  /JavaVersion\.VERSION_(\d+(?:_\d+)?)/,
  /jvmToolchain\(\s*(\d+)\s*\)/,
];

/** Each `configuration "group:artifact…"` on a line, as [group, artifact]. */
function dependencyCoordinates(line: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const configuration of line.matchAll(CONFIGURATION)) {
    COORDINATES.lastIndex = configuration.index + configuration[0].length;
    const coordinates = COORDINATES.exec(line);
    if (coordinates) found.push([coordinates[1], coordinates[2]]);
  }
  return found;
}

/**
 * Gradle build scripts (Groovy or Kotlin DSL) and the version catalog
 * (gradle/libs.versions.toml). Build scripts are programs, so only the
 * dependency *string literals* are read — the coordinates themselves.
 */
export const gradleReader: Reader = {
  id: 'gradle',
  relevance: { basenames: ['build.gradle', 'build.gradle.kts', 'libs.versions.toml'] },
  accepts: (_relative, basename) => basename === 'build.gradle' || basename === 'build.gradle.kts' || basename === 'libs.versions.toml',
  read(file, facts) {
    if (file.basename === 'libs.versions.toml') return readCatalog();
    addManifest(facts, 'maven', file.path);
    file.text.split(/\r?\n/).forEach((line, index) => {
      if (/^\s*\/\//.test(line)) return;
      for (const [group, artifact] of dependencyCoordinates(line)) addDependency(facts, 'maven', `${group}:${artifact}`, file.path, index);
      const toolchain = TOOLCHAINS.map((pattern) => pattern.exec(line)).find((match) => match !== null);
      if (toolchain)
        facts.settings.push({
          what: 'runtime-pin',
          value: `java ${toolchain[1] ?? toolchain[2] ?? toolchain[3]}`,
          at: { path: file.path, line: index },
        });
    });

    function readCatalog(): void {
      const libraries = child(readTomlFile(file, facts), 'libraries');
      if (libraries?.kind !== 'map') return;
      for (const entry of libraries.entries) {
        const notation =
          scalarText(entry.value) ??
          scalarText(child(entry.value, 'module')) ??
          joinGroup(scalarText(child(entry.value, 'group')), scalarText(child(entry.value, 'name')));
        const coordinates = notation?.split(':');
        if (coordinates && coordinates.length >= 2)
          addDependency(facts, 'maven', `${coordinates[0]}:${coordinates[1]}`, file.path, entry.keyLine);
      }
    }
  },
};

function joinGroup(group: string | undefined, name: string | undefined): string | undefined {
  return group && name ? `${group}:${name}` : undefined;
}
