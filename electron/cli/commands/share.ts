import path from 'node:path';
import { defineCommand, UsageError } from '../command';

export const workspaceShare = defineCommand({
  path: ['workspace', 'share'],
  summary: 'Save a consistent copy of the workspace for sharing, optionally with PII columns removed or pseudonymised (the key stays behind)',
  options: {
    out: { type: 'string', value: 'FILE', required: true, description: 'the copy to write' },
    'strip-pii': { type: 'boolean', description: 'leave the PII columns out of the copy' },
    'pseudonymise-pii': { type: 'boolean', description: 'replace PII values by pseudonyms; the key stays in this workspace' },
  },
  groups: [{ alternatives: [['strip-pii'], ['pseudonymise-pii']], required: false }],
  workspace: 'open',
  run: async (v, io) => {
    if (v['strip-pii'] && v['pseudonymise-pii']) throw new UsageError('give --strip-pii or --pseudonymise-pii, not both');
    const mode = v['strip-pii'] ? 'strip-pii' : v['pseudonymise-pii'] ? 'pseudonymise-pii' : 'full';
    if (mode === 'full') io.progress('note: the copy keeps all PII; use --strip-pii or --pseudonymise-pii to leave it out');
    return io.api.exports.shareCopy({ out: path.resolve(io.cwd, v.out), mode });
  },
  text: (r) => `wrote ${r.file} (${r.bytes} bytes, ${r.mode}); PII columns: ${r.piiColumns.join(', ') || 'none'}`,
});
