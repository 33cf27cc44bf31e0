import { childElements, childText, xmlRoot } from '../../parsers/xmlTree';
import type { XmlElement } from '../../parsers/xmlTree';
import type { Reader } from '../reader';
import { addDependency, addManifest } from './dependencies';

/** Maven pom.xml: the parent, dependencies and build plugins as "groupId:artifactId"; java.version pins the runtime. */
export const pomXmlReader: Reader = {
  id: 'pom.xml',
  relevance: { basenames: ['pom.xml'] },
  accepts: (_relative, basename) => basename === 'pom.xml',
  read(file, facts) {
    const project = childElements(xmlRoot(file.text), 'project')[0];
    if (!project) return;
    addManifest(facts, 'maven', file.path);
    const coordinates = (element: XmlElement) => {
      const group = childText(element, 'groupId') ?? (element.name === 'plugin' ? 'org.apache.maven.plugins' : undefined);
      const artifact = childText(element, 'artifactId');
      if (group && artifact) addDependency(facts, 'maven', `${group}:${artifact}`, file.path, element.line);
    };
    for (const parent of childElements(project, 'parent')) coordinates(parent);
    for (const dependencies of childElements(project, 'dependencies')) childElements(dependencies, 'dependency').forEach(coordinates);
    for (const build of childElements(project, 'build')) {
      for (const plugins of childElements(build, 'plugins')) childElements(plugins, 'plugin').forEach(coordinates);
    }
    for (const properties of childElements(project, 'properties')) {
      for (const property of properties.children) {
        if (
          ['java.version', 'maven.compiler.release', 'maven.compiler.source', 'kotlin.version'].includes(property.name) &&
          property.text.trim()
        ) {
          facts.settings.push({
            what: 'runtime-pin',
            value: `${property.name} ${property.text.trim()}`,
            at: { path: file.path, line: property.line },
          });
        }
      }
    }
  },
};
