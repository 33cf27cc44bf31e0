// The status-bar item: the stage governing the active editor's file (or the
// workspace root), e.g. "$(layers) MVP". Clicking opens the Stage Guide view.
import * as vscode from 'vscode';
import { stageGoal, stageInfo } from '../core/matrix/matrixQueries';
import { pluralForm } from '../core/plural';
import type { Governing } from '../core/workspace/stageResolution';
import { CREATE_STAGE_FILE_COMMAND } from './commands/createStageFile';
import type { FeatureServices, StatusBarProbe, TestProbes } from './featureContract';
import { escapeMarkdown } from './stageFileSupport/markdownText';
import type { StageService } from './stageService';

export const SHOW_WHEN_NO_STAGE_FILE_SETTING = 'stageGuide.statusBar.showWhenNoStageFile';
/** Opens the "Stage Guide" activity-bar container (VS Code creates this command for every container). */
export const OPEN_SIDEBAR_COMMAND = 'workbench.view.extension.stage-guide';

interface Shown {
  text: string;
  tooltipLines: string[];
  command: string;
  warning: boolean;
  accessibleLabel: string;
}

export function registerStatusBar(context: vscode.ExtensionContext, services: FeatureServices): Partial<TestProbes> {
  const statusBar = new StageStatusBar(services.stageService);
  context.subscriptions.push(statusBar);
  return { statusBar: statusBar.probe };
}

class StageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stageGuide.stage', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private shown: Shown | undefined;
  /** Bumped on every update so a slow, older resolution never overwrites a newer one. */
  private generation = 0;

  readonly probe: StatusBarProbe = {
    text: () => this.shown?.text,
    tooltip: () => this.shown?.tooltipLines.join('\n'),
    visible: () => this.shown !== undefined,
    command: () => this.shown?.command,
  };

  constructor(private readonly stageService: StageService) {
    this.item.name = vscode.l10n.t('Stage Guide: Stage');
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      stageService.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration(
        (event) => event.affectsConfiguration(SHOW_WHEN_NO_STAGE_FILE_SETTING) && void this.update(),
      ),
    );
    void this.update();
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const target = this.target();
    let governing: Governing | undefined;
    try {
      governing = target ? await this.stageService.governingFor(target.uri, target.isFolder) : undefined;
    } catch {
      governing = undefined;
    }
    if (generation !== this.generation) return;
    this.render(target ? this.describe(target.uri, governing) : undefined);
  }

  /** The active editor's file when it is in a workspace folder, else the first workspace folder. */
  private target(): { uri: vscode.Uri; isFolder: boolean } | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && vscode.workspace.getWorkspaceFolder(active)) return { uri: active, isFolder: false };
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? { uri: folder.uri, isFolder: true } : undefined;
  }

  private describe(target: vscode.Uri, governing: Governing | undefined): Shown | undefined {
    const stageFile = governing?.stageFile;
    const folder = vscode.workspace.getWorkspaceFolder(target);
    if (!governing || !stageFile || !folder) return this.showWhenNoStageFile() ? this.noStage() : undefined;
    const where = vscode.workspace.asRelativePath(this.stageService.uriOf(folder.uri, stageFile.path));
    const errors = stageFile.problems.filter((problem) => problem.severity === 'error');
    const problemLine =
      errors.length > 0
        ? [
            pluralForm(errors.length, {
              one: vscode.l10n.t('{0} has a problem: {1}', where, errors[0].message),
              other: vscode.l10n.t('{0} has {1} problems; the first: {2}', where, errors.length, errors[0].message),
            }),
          ]
        : [];
    if (!governing.stage) {
      return {
        text: `$(layers) ${vscode.l10n.t('Invalid stage')}`,
        tooltipLines: [
          vscode.l10n.t('{0} declares no valid stage.', where),
          ...problemLine,
          vscode.l10n.t('Click to open the Stage Guide view.'),
        ],
        command: OPEN_SIDEBAR_COMMAND,
        warning: true,
        accessibleLabel: vscode.l10n.t('Stage Guide: {0} declares no valid stage', where),
      };
    }
    const info = stageInfo(governing.matrix, governing.stage);
    return {
      text: `$(layers) ${info.shortName}`,
      tooltipLines: [
        info.name,
        stageGoal(governing.matrix, governing.stage),
        vscode.l10n.t('Declared in {0}', where),
        ...problemLine,
        vscode.l10n.t('Click to open the Stage Guide view.'),
      ],
      command: OPEN_SIDEBAR_COMMAND,
      warning: false,
      accessibleLabel: vscode.l10n.t('Stage: {0}', info.name),
    };
  }

  private noStage(): Shown {
    return {
      text: `$(layers) ${vscode.l10n.t('No stage')}`,
      tooltipLines: [vscode.l10n.t('No .stage.yml governs this file.'), vscode.l10n.t('Click to create one.')],
      command: CREATE_STAGE_FILE_COMMAND,
      warning: false,
      accessibleLabel: vscode.l10n.t('Stage Guide: no stage declared; create .stage.yml'),
    };
  }

  private showWhenNoStageFile(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(SHOW_WHEN_NO_STAGE_FILE_SETTING, false);
  }

  private render(shown: Shown | undefined): void {
    this.shown = shown;
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    const [title, ...rest] = shown.tooltipLines;
    this.item.tooltip = new vscode.MarkdownString([`**${escapeMarkdown(title)}**`, ...rest.map(escapeMarkdown)].join('\n\n'));
    this.item.command = shown.command;
    this.item.backgroundColor = shown.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: shown.accessibleLabel };
    this.item.show();
  }

  dispose(): void {
    this.generation++;
    for (const disposable of this.disposables) disposable.dispose();
  }
}
