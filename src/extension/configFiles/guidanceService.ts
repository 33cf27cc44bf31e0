import * as vscode from 'vscode';
import { stageAnalysis } from '../../core/guidance/fileGuidance';
import type { FileGuidance } from '../../core/guidance/fileGuidance';
import { judgeAnalysis } from '../../core/deployment/judge/judgeAnalysis';
import { helmValuesAnalysis } from '../../core/deployment/helm/helmValuesAnalysis';
import { helmValuesDigest, isHelmValuesName } from '../../core/deployment/digest/helmDigest';
import { posixBasename } from '../../core/fileSystem';
import { analyzeFile, EDITOR_ANALYSIS } from '../../core/rules/engine/analyzeFile';
import { builtinRuleCatalog } from '../../core/rules/engine/ruleCatalog';
import type { FileAnalysis, WorkspaceFacts } from '../../core/rules/types';
import { todayIso } from '../../core/stageFile/parseStageFile';
import type { StageService } from '../stageService';
import type { WorkspaceFactsService } from './workspaceFactsService';

interface CachedAnalysis {
  version: number;
  factsKey: string;
  analysis: FileAnalysis | undefined;
}

/**
 * Guidance for open config files. The analysis (the parse) is cached per
 * document version, so diagnostics, hovers and code actions on one version
 * share a single parse; staging it for the governing stage is cheap and done
 * on demand, so a `.stage.yml` change never re-parses files.
 *
 * The analysis is the editor's (EDITOR_ANALYSIS): the diagnostics, redone as the user types, read only the
 * findings. A quick fix's edits are built when a code action reads them (core rules/engine/fixesOnDemand.ts), and
 * the hover anchors on the first hover (core guidance/fileGuidance.ts `hoverAt`), each once for the cached version.
 */
export class GuidanceService {
  private readonly analyses = new Map<string, CachedAnalysis>();

  constructor(
    private readonly stageService: StageService,
    private readonly factsService: WorkspaceFactsService,
  ) {}

  async guidanceFor(document: vscode.TextDocument): Promise<FileGuidance | undefined> {
    // The facts of the file's own service and the model of its folder: what `check` judges it by.
    const facts = await this.factsService.current(document.uri);
    const model = await this.factsService.deployment(document.uri);
    const key = document.uri.toString();
    const factsKey = `${this.factsService.versionOf(facts)}|${this.factsService.chartsVersion()}|${model.signature}`;
    let cached = this.analyses.get(key);
    if (!cached || cached.version !== document.version || cached.factsKey !== factsKey) {
      const context = { isFile: (path: string) => this.factsService.isListedChartFile(path), ...EDITOR_ANALYSIS };
      const path = document.uri.path;
      const analysis = analyzeFile(path, document.getText(), facts, context);
      // Judged by the deployment as the last workspace scan saw it (compose overlays, image builds, kustomizations).
      // A Helm chart's values.yaml is no file kind of its own: judged, as the CLI does, by what the chart's templates read.
      const judged = analysis
        ? judgeAnalysis(path, analysis, model, builtinRuleCatalog())
        : isHelmValuesName(posixBasename(path))
          ? helmValuesAnalysis(helmValuesDigest(path, document.getText()), model, builtinRuleCatalog())
          : undefined;
      cached = { version: document.version, factsKey, analysis: judged };
      this.analyses.set(key, cached);
    }
    if (!cached.analysis) return undefined;
    const governing = await this.stageService.governingFor(document.uri);
    return stageAnalysis(cached.analysis, governing, builtinRuleCatalog(), document.uri.path, todayIso());
  }

  /** The workspace facts analyses of the file at `uri` use (for work that re-analyses, like fix-all). */
  facts(uri: vscode.Uri): Promise<WorkspaceFacts> {
    return this.factsService.current(uri);
  }

  forget(document: vscode.TextDocument): void {
    this.analyses.delete(document.uri.toString());
  }
}
