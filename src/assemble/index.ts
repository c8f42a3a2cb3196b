// The assembly stage's public face: what the CLI and the documents stage call.
export { assemble, type AssembleOptions, type AssembleResult } from './assemble.js';
export { BlueprintSchema, blueprintJsonSchema, paperPoints, type Blueprint, type BlueprintInput } from './blueprint.js';
export { ASSEMBLE_EXIT, MANIFEST_FILE, loadBlueprint, runAssemble, type AssembleArgs, type AssembleIo } from './command.js';
export { parseHistory, recentlyUsed, type HistoryEntry } from './history.js';
export { bankHash, parseManifest, serializeManifest, type Manifest, type ManifestQuestion, type ManifestSection, type ManifestVariant } from './manifest.js';
export { MissingQuestionsError, missingQuestions, resolveVariant, type ResolvedQuestion, type ResolvedSection, type ResolvedVariant } from './resolve.js';
export { parseRoster, type Candidate } from './roster.js';
export type { AssembleProblem } from './types.js';
