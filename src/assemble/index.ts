// The assembly stage's public face: what the CLI and the documents stage call.
export { assemble, type AssembleOptions, type AssembleResult } from './assemble.js';
export { BlueprintSchema, blueprintJsonSchema, paperPoints, type Blueprint, type BlueprintInput } from './blueprint.js';
export { parseHistory, recentlyUsed, type HistoryEntry } from './history.js';
export { bankHash, parseManifest, questionHash, serializeManifest, type Manifest, type ManifestQuestion, type ManifestSection, type ManifestVariant } from './manifest.js';
export { ManifestMismatchError, MissingQuestionsError, missingQuestions, resolveVariant, type ResolvedQuestion, type ResolvedSection, type ResolvedVariant } from './resolve.js';
export { parseRoster, type Candidate } from './roster.js';
export type { AssembleProblem } from './types.js';
export { manifestProblems } from './verify.js';
