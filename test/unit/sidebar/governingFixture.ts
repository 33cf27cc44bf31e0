// Builds a Governing for the view-model tests the way the extension does: a `.stage.yml` text
// (and optional team matrix) read through the core's resolution, over an in-memory file system.
import { governingFrom, stageFileFromText } from '../../../src/core/workspace/stageResolution';
import type { Governing } from '../../../src/core/workspace/stageResolution';
import type { StageFileView } from '../../../src/shared/messages';
import { MemoryFileSystem } from '../foundation/memoryFileSystem';

export const STAGE_FILE_PATH = '/ws/.stage.yml';
export const STAGE_FILE_VIEW: StageFileView = { label: '.stage.yml', uri: 'file:///ws/.stage.yml' };

export async function governingFor(stageFileText: string, otherFiles: Record<string, string> = {}): Promise<Governing> {
  const fs = new MemoryFileSystem({ [STAGE_FILE_PATH]: stageFileText, ...otherFiles });
  const state = await stageFileFromText(fs, STAGE_FILE_PATH, stageFileText, { today: '2025-01-15' });
  return governingFrom(state);
}
