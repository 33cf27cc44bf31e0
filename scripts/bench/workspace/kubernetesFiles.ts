import type { Random } from './random';
import type { GeneratedFile, Service } from './service';

/** A kustomize base with three overlays (patches, images, replicas), and a Helm chart with values per environment and templates. */
export function kubernetesFiles(service: Service, random: Random): GeneratedFile[] {
  const base = `${service.dir}/deploy/k8s/base`;
  const files: GeneratedFile[] = [
    [`${base}/deployment.yaml`, deployment(service, random)],
    [`${base}/service.yaml`, k8sService(service)],
    [`${base}/configmap.yaml`, configMap(service, random)],
    [`${base}/serviceaccount.yaml`, `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${service.name}\n`],
    [`${base}/kustomization.yaml`, baseKustomization(service)],
  ];
  if (random.chance(0.6)) files.push([`${base}/hpa.yaml`, hpa(service)]);
  if (random.chance(0.4)) files.push([`${base}/pdb.yaml`, pdb(service)]);
  if (random.chance(0.3)) files.push([`${base}/networkpolicy.yaml`, networkPolicy(service)]);
  for (const environment of ['dev', 'staging', 'prod'] as const) {
    const overlay = `${service.dir}/deploy/k8s/overlays/${environment}`;
    files.push(
      [`${overlay}/kustomization.yaml`, overlayKustomization(service, environment)],
      [`${overlay}/replicas-patch.yaml`, replicasPatch(service, environment)],
      [`${overlay}/resources-patch.yaml`, resourcesPatch(service, environment)],
    );
    if (environment === 'prod') files.push([`${overlay}/ingress.yaml`, ingress(service)]);
  }
  if (random.chance(0.5)) files.push(...helmChart(service, random));
  return files;
}

function labels(service: Service, indent: string): string {
  return `${indent}app.kubernetes.io/name: ${service.name}\n${indent}app.kubernetes.io/part-of: shop\n`;
}

function deployment(service: Service, random: Random): string {
  const probes = random.chance(0.7);
  const security = random.chance(0.5);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${service.name}
  labels:
${labels(service, '    ')}spec:
  replicas: 1
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${service.name}
  template:
    metadata:
      labels:
${labels(service, '        ')}      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${service.port}"
    spec:
      serviceAccountName: ${service.name}
${security ? '      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n        fsGroup: 10001\n' : ''}      containers:
        - name: app
          image: registry.example.com/shop/${service.name}:0.0.0
          ports:
            - name: http
              containerPort: ${service.port}
          envFrom:
            - configMapRef:
                name: ${service.name}-config
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
${
  probes
    ? `          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
`
    : ''
}${security ? '          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: ["ALL"]\n' : ''}`;
}

function k8sService(service: Service): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${service.name}
  labels:
${labels(service, '    ')}spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${service.name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function configMap(service: Service, random: Random): string {
  const keys = Array.from({ length: random.int(3, 12) }, (_, i) => `  FEATURE_${i}_ENABLED: "${random.chance(0.5)}"`).join('\n');
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${service.name}-config
data:
  LOG_FORMAT: json
  LOG_LEVEL: info
  HTTP_PORT: "${service.port}"
${keys}
`;
}

function hpa(service: Service): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${service.name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${service.name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

function pdb(service: Service): string {
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${service.name}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${service.name}
`;
}

function networkPolicy(service: Service): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${service.name}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: ${service.name}
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ingress-nginx
`;
}

function baseKustomization(service: Service): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - serviceaccount.yaml
  - configmap.yaml
  - deployment.yaml
  - service.yaml
labels:
  - pairs:
      app.kubernetes.io/managed-by: kustomize
    includeSelectors: false
images:
  - name: registry.example.com/shop/${service.name}
    newTag: 0.0.0
`;
}

const REPLICAS = { dev: 1, staging: 2, prod: 3 };

function overlayKustomization(service: Service, environment: 'dev' | 'staging' | 'prod'): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop-${environment}
resources:
  - ../../base
${environment === 'prod' ? '  - ingress.yaml\n' : ''}patches:
  - path: replicas-patch.yaml
  - path: resources-patch.yaml
    target:
      kind: Deployment
      name: ${service.name}
images:
  - name: registry.example.com/shop/${service.name}
    newTag: "1.${service.index}.0"
replicas:
  - name: ${service.name}
    count: ${REPLICAS[environment]}
`;
}

function replicasPatch(service: Service, environment: 'dev' | 'staging' | 'prod'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${service.name}
spec:
  replicas: ${REPLICAS[environment]}
`;
}

function resourcesPatch(_service: Service, environment: 'dev' | 'staging' | 'prod'): string {
  const memory = environment === 'prod' ? '512Mi' : '256Mi';
  return `- op: replace
  path: /spec/template/spec/containers/0/resources/limits/memory
  value: ${memory}
- op: add
  path: /spec/template/spec/containers/0/env/-
  value:
    name: ENVIRONMENT
    value: ${environment}
`;
}

function ingress(service: Service): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${service.name}
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls:
    - hosts: [${service.name}.shop.example.com]
      secretName: ${service.name}-tls
  rules:
    - host: ${service.name}.shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${service.name}
                port:
                  name: http
`;
}

function helmChart(service: Service, random: Random): GeneratedFile[] {
  const chart = `${service.dir}/deploy/chart`;
  return [
    [
      `${chart}/Chart.yaml`,
      `apiVersion: v2\nname: ${service.name}\ndescription: ${service.name} for Kubernetes\ntype: application\nversion: 0.${service.index}.0\nappVersion: "1.${service.index}.0"\n${
        service.database
          ? 'dependencies:\n  - name: postgresql\n    version: 15.5.17\n    repository: oci://registry-1.docker.io/bitnamicharts\n    condition: postgresql.enabled\n'
          : ''
      }`,
    ],
    [`${chart}/values.yaml`, helmValues(service, random, 'default')],
    [`${chart}/values-staging.yaml`, helmValues(service, random, 'staging')],
    [`${chart}/values-prod.yaml`, helmValues(service, random, 'prod')],
    [`${chart}/.helmignore`, '.git/\n*.swp\n*.bak\n*.tmp\n.idea/\n'],
    // Identical in every chart, as `helm create` writes it: copies the scan can parse once.
    [`${chart}/templates/_helpers.tpl`, HELPERS],
    [`${chart}/templates/deployment.yaml`, helmDeployment()],
    [`${chart}/templates/service.yaml`, HELM_SERVICE],
    [`${chart}/templates/hpa.yaml`, HELM_HPA],
    [
      `${chart}/templates/NOTES.txt`,
      'Get the application URL by running:\n  kubectl port-forward svc/{{ include "app.fullname" . }} 8080:80\n',
    ],
  ];
}

function helmValues(service: Service, random: Random, environment: string): string {
  return `# ${environment} values for ${service.name}
replicaCount: ${environment === 'prod' ? 3 : 1}
image:
  repository: registry.example.com/shop/${service.name}
  pullPolicy: IfNotPresent
  tag: ""
serviceAccount:
  create: true
podSecurityContext:
  runAsNonRoot: true
  fsGroup: 10001
service:
  type: ClusterIP
  port: 80
resources:
  requests:
    cpu: ${random.pick(['50m', '100m', '250m'])}
    memory: ${random.pick(['64Mi', '128Mi', '256Mi'])}
autoscaling:
  enabled: ${environment === 'prod'}
  minReplicas: 2
  maxReplicas: ${random.int(4, 20)}
  targetCPUUtilizationPercentage: 75
postgresql:
  enabled: ${service.database && environment !== 'prod'}
`;
}

const HELPERS = `{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "app.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`;

function helmDeployment(): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Chart.Name }}
  template:
    metadata:
      labels:
        {{- include "app.labels" . | nindent 8 }}
    spec:
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;
}

const HELM_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ include "app.fullname" . }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
  selector:
    app.kubernetes.io/name: {{ .Chart.Name }}
`;

const HELM_HPA = `{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "app.fullname" . }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "app.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
{{- end }}
`;
