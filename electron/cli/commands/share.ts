import path from 'node:path';
import { UsageError, required, type CliCommand } from '../command';

export const workspaceShare: CliCommand = {
  path: ['workspace', 'share'],
  summary: 'Save a consistent copy of the workspace for sharing, optionally with PII columns removed or pseudonymised (the key stays behind)',
  usage: 'segmentdesk workspace share --workspace WS --out FILE [--strip-pii|--pseudonymise-pii] [--json]',
  options: { out: { type: 'string' }, 'strip-pii': { type: 'boolean' }, 'pseudonymise-pii': { type: 'boolean' } },
  workspace: 'open',
  run: async (v, _p, io) => {
    const strip = v['strip-pii'] === true;
    const pseudo = v['pseudonymise-pii'] === true;
    if (strip && pseudo) throw new UsageError('give --strip-pii or --pseudonymise-pii, not both');
    const mode = strip ? 'strip-pii' : pseudo ? 'pseudonymise-pii' : 'full';
    if (mode === 'full') io.progress('note: the copy keeps all PII; use --strip-pii or --pseudonymise-pii to leave it out');
    return io.api.exports.shareCopy({ out: path.resolve(io.cwd, required(v, 'out')), mode });
  },
  text: (r) => `wrote ${String(r.file)} (${String(r.bytes)} bytes, ${String(r.mode)}); PII columns: ${(r.piiColumns as string[]).join(', ') || 'none'}`,
};
