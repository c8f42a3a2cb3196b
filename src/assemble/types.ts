// Results of assembly that cross module lines.

/** Why a blueprint cannot be met or is wrong; `path` points into the blueprint for FILE:LINE:COL. */
export interface AssembleProblem {
  rule: string;
  message: string;
  path?: (string | number)[];
}
