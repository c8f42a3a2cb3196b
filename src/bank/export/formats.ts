// The formats `exportQuestions` writes and their file extensions: a module of its own so that
// the command line can list them without loading the writers.
export const EXPORT_FORMATS = ['aiken', 'gift', 'moodle-xml', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { aiken: 'txt', gift: 'gift', 'moodle-xml': 'xml', csv: 'csv', xlsx: 'xlsx' };
