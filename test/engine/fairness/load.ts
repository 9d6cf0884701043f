import type { Api } from '../../../shared/contract/api';
import type { Engine } from '../../../electron/engine/engine';
import type { ImportParams } from '../../../shared/contract/ns/datasets';
import { runJob } from '../../helpers/engine';

/** Import a real file through the import job and fail loudly when it does not finish. */
export async function importFile(engine: Engine, api: Api, params: ImportParams) {
  const { status, result } = await runJob(engine, api, 'import', params);
  if (status.state !== 'done') throw new Error(`import of ${params.path} ended ${status.state}: ${status.error?.message}`);
  return result;
}
