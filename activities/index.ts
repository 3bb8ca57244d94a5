/** Activities by pool: cpu (I/O, SQL, statistics) and gpu (model scoring). */
import { createCleaningActivities } from './cleaning';
import type { ActivityDeps } from './deps';
import { createFittingActivities } from './fitting';
import { createIngestionActivities } from './ingestion';
import { createRunActivities } from './runs';
import { createScoringActivities } from './scoring';

export function createCpuActivities(deps: ActivityDeps) {
  return {
    ...createIngestionActivities(deps),
    ...createCleaningActivities(deps),
    ...createRunActivities(deps),
    ...createFittingActivities(deps),
  };
}

export function createGpuActivities(deps: ActivityDeps) {
  return {
    ...createScoringActivities(deps),
  };
}

export type CpuActivities = ReturnType<typeof createCpuActivities>;
export type GpuActivities = ReturnType<typeof createGpuActivities>;
export type { ActivityDeps };
