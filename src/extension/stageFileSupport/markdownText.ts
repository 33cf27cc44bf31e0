// Text from files (matrix cells, team matrices, paths) put into Markdown
// hovers and tooltips: its Markdown syntax is escaped so it shows literally.
// Unlike MarkdownString.appendText, spaces stay ordinary so long text wraps.

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (character) => `\\${character}`);
}
