/** Seeded synthetic e-commerce data with known truth; see README.md in this folder. */
export { generate, calibrateBrowsing, MANIFEST_FILE, type Manifest } from './generate';
export { SyntheticOptionsError, type GenerateOptions, type GenerateProgress, type ResolvedOptions } from './options';
export { MODEL, type Model, type SegmentName, type CategoryName } from './model';
export { FILES, FILE_KEYS, ID_WIDTH, type FileKey } from './rows';
