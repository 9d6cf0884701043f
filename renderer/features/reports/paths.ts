/** A file beside the workspace (renderer code has no node:path; both separators are handled). */
export function besideWorkspace(workspace: string | undefined, name: string): string {
  if (!workspace) return name;
  const cut = Math.max(workspace.lastIndexOf('/'), workspace.lastIndexOf('\\'));
  return cut < 0 ? name : `${workspace.slice(0, cut + 1)}${name}`;
}

/** A file name made of a label: letters, digits, dashes. */
export function fileStem(label: string): string {
  return label.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'export';
}

/** The same path with another extension. */
export function withExtension(file: string, ext: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dot = file.lastIndexOf('.');
  return `${dot > cut ? file.slice(0, dot) : file}.${ext}`;
}
