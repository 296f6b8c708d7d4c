// The names of the report formats, apart from the formats themselves, so that the command line can
// offer them without loading any.
export const REPORT_FORMATS = ['text', 'json', 'github', 'gitlab', 'junit', 'sarif', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
