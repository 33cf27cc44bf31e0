// The webviews' UI strings, through `vscode.l10n.t` (see labelTexts.ts for the texts).
import * as vscode from 'vscode';
import type { Labels } from '../../shared/messages';
import { labelTexts } from './labelTexts';

export function webviewLabels(): Labels {
  return labelTexts((message) => vscode.l10n.t(message));
}
