/** Every migration, in order. Files are frozen once merged; add a new timestamped file instead of editing one. */
import type { Migration } from 'kysely';
import * as valueSlice from './20261128T0400_value_slice';
import * as dataPlatform from './20261128T0500_data_platform';

export const migrations: Record<string, Migration> = {
  '20261128T0400_value_slice': valueSlice,
  '20261128T0500_data_platform': dataPlatform,
};
