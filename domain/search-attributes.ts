/** The project's Temporal search attributes: used to find runs in the Web UI (e.g. `CvpDataset = "cdnow"`). */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  dataset: defineSearchAttributeKey('CvpDataset', SearchAttributeType.KEYWORD),
  runKind: defineSearchAttributeKey('CvpRunKind', SearchAttributeType.KEYWORD),
  model: defineSearchAttributeKey('CvpModel', SearchAttributeType.KEYWORD),
  cutoff: defineSearchAttributeKey('CvpCutoff', SearchAttributeType.DATETIME),
} as const;

/** Name -> type, as the `temporal` CLI wants them (`--search-attribute Name=Type`). */
export const SEARCH_ATTRIBUTE_TYPES: Record<string, 'Keyword' | 'Datetime'> = {
  CvpDataset: 'Keyword',
  CvpRunKind: 'Keyword',
  CvpModel: 'Keyword',
  CvpCutoff: 'Datetime',
};
