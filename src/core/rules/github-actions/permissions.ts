export const READ_ONLY = { contents: 'read' } as const;
