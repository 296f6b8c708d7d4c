// How a spreadsheet may write dates besides YYYY-MM-DD (`cim import --date-format`): declared
// apart from the import itself, so that the command line can offer them without loading it.
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
