// What each `.stage.yml` key means, for hovers and completion. Written here
// (not read from the JSON schema) so the words go through l10n and can be translated.
import * as vscode from 'vscode';
import type { StageFileKey, WaiverKey } from './hoverSubject';

export function stageFileKeyDoc(key: StageFileKey): string {
  switch (key) {
    case 'stage':
      return vscode.l10n.t(
        "The stage this product (or this folder's service) is at: prototype, mvp, production, scale or enterprise. Required. Stage Guide shows what this stage asks of every concern and checks files against it.",
      );
    case 'next':
      return vscode.l10n.t(
        'The stage you are working towards. Defaults to the stage after `stage`; what it asks is shown as the next step.',
      );
    case 'name':
      return vscode.l10n.t('A name for the product or service, shown in the sidebar.');
    case 'concerns':
      return vscode.l10n.t('Per-concern stage overrides, e.g. `security: production` when one concern must be ahead of the rest.');
    case 'rules':
      return vscode.l10n.t('Per-rule levels: `rule-id: off | info | warning | error`.');
    case 'ignore':
      return vscode.l10n.t("Path globs, relative to this file's folder, that Stage Guide never checks.");
    case 'waivers':
      return vscode.l10n.t('Accepted exceptions: which `rule`, where (`paths`), why (`reason`) and until when (`until`).');
    case 'matrix':
      return vscode.l10n.t(
        'Path, relative to this file, of a team matrix that extends the built-in one: changed cell text, extra practices, new concerns.',
      );
  }
}

export function waiverKeyDoc(key: WaiverKey): string {
  switch (key) {
    case 'rule':
      return vscode.l10n.t('The id of the rule this waiver silences. Required.');
    case 'paths':
      return vscode.l10n.t("Where the waiver applies: path globs relative to this file's folder. Default: everywhere under it.");
    case 'reason':
      return vscode.l10n.t('Why this exception is acceptable for now. Required.');
    case 'until':
      return vscode.l10n.t('A date (YYYY-MM-DD) after which the waiver stops applying and is reported as expired.');
  }
}

export function ruleLevelDoc(level: string): string {
  switch (level) {
    case 'off':
      return vscode.l10n.t('Never report this rule here.');
    case 'info':
      return vscode.l10n.t('Report as information.');
    case 'warning':
      return vscode.l10n.t('Report as a warning.');
    case 'error':
      return vscode.l10n.t('Report as an error.');
    default:
      return '';
  }
}
