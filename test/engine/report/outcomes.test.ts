import fs from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { engineWithWorkspace, runJob } from '../../helpers/engine';
import { sharedData } from '../../helpers/tmp';

const mc = sharedData('marketing_campaign.csv');

describe.skipIf(!mc)('report outcomes section', () => {
  if (!mc) it.skip('needs ../shared/data/marketing_campaign.csv (absent)', () => {}); // ../shared/data is not shipped with the repository (CI has it): say so rather than fail

  it('reports response by segment from the Response column, matching an independent count', async () => {
    const { engine, api } = await engineWithWorkspace();
    const imp = await runJob(engine, api, 'import', { path: mc!, name: 'mc' });
    expect(imp.status.state).toBe('done');
    await api.segments.save({ dataset: 'mc', name: 'Kids', rule: { all: [{ field: 'Kidhome', op: 'gte', value: 1 }] } });
    const r = await api.reports.preview({ sections: ['outcomes'] });
    expect(r.sections).toEqual(['outcomes', 'methods']);

    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(mc!, 'utf8').trim(), { header: true, delimiter: '\t' }).data;
    const kids = rows.filter((x) => Number(x.Kidhome) >= 1);
    const responded = kids.filter((x) => x.Response === '1').length;
    const text = r.html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Outcome: Response =');
    expect(text).toContain(`Kids ${kids.length.toLocaleString('en-US')} ${responded} ${((100 * responded) / kids.length).toFixed(1)}%`);
    // An explicit outcome column is honoured.
    const other = await api.reports.preview({ sections: ['outcomes'], outcome: 'AcceptedCmp1' });
    expect(other.html).toContain('Outcome: AcceptedCmp1 =');
    engine.close();
  }, 120_000);
});
