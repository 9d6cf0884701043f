import { afterEach, describe, expect, it } from 'vitest';
import { setMessageLocale } from '../../../shared/i18n/current';
import { demoJob } from '../../../electron/engine/demo/job';
import { clusterJob } from '../../../electron/engine/cluster/job';
import { damageMessage } from '../../../electron/engine/db/integrity';
import { JobRunner } from '../../../electron/engine/jobs/runner';
import type { JobStatus } from '../../../shared/contract/jobs';
import { GLOSSARY, glossaryIn } from '../../../shared/glossary';
import { translator } from '../../../shared/i18n/translator';

afterEach(() => setMessageLocale('en'));

describe('engine messages of the shell follow the message language', () => {
  it('keeps the English the CLI and scripts read', () => {
    expect(demoJob.label({ steps: 100, ms: 1 })).toBe('Demo job (100 steps)');
    expect(damageMessage('/w/a.sdw', 'malformed')).toBe(
      '/w/a.sdw is damaged (SQLite\'s check found: malformed). It was opened read-only and nothing will be written into it. Go back to your last good copy of the file, or save a recovered copy with the sqlite3 tool (sqlite3 "/w/a.sdw" .recover | sqlite3 "/w/a-recovered.sdw") and open that.',
    );
    expect(GLOSSARY.pAlive.label).toBe('chance this customer is still active');
  });

  it('names jobs with Polish plural forms, and translates the phase the tray shows', async () => {
    setMessageLocale('pl');
    expect([1, 2, 5, 22].map((steps) => demoJob.label({ steps, ms: 1 }))).toEqual([
      'Zadanie demonstracyjne (1 krok)',
      'Zadanie demonstracyjne (2 kroki)',
      'Zadanie demonstracyjne (5 kroków)',
      'Zadanie demonstracyjne (22 kroki)',
    ]);
    const seen: JobStatus[] = [];
    const runner = new JobRunner((s) => seen.push(s));
    await new Promise<void>((resolve) => {
      runner.start('demo', 'x', async (job) => {
        job.report('counting', 1, 2);
        resolve();
        return null;
      });
    });
    expect(seen[0].phase).toBe('uruchamianie');
    expect(seen.map((s) => s.phase)).toContain('liczenie');
  });

  it('writes the glossary in the chosen language, by getter or with a translator', () => {
    setMessageLocale('fr');
    expect(GLOSSARY.pValue.term).toBe('valeur p');
    expect(glossaryIn(translator('zh-CN').t, 'effect').term).toBe('效应量');
    expect(glossaryIn(translator('en').t, 'effect').term).toBe('effect size');
    expect(clusterJob.label({ dataset: 'klienci', k: 4 } as Parameters<typeof clusterJob.label>[0])).toBe('Clustering de klienci (k = 4)');
  });
});
