import type { AnnotationRecord, ArticleRecord } from '../db/schema';

/** One saved article with the annotations to export with it (the caller picks which). */
export interface ExportItem {
  article: ArticleRecord;
  annotations: AnnotationRecord[];
}

/** A finished export, ready for a download (Blob) or a test: text formats are strings, DOCX is bytes. */
export interface ExportFile {
  filename: string;
  mime: string;
  data: string | Uint8Array;
}

export type ExportFormat = 'md' | 'csv' | 'jsonld' | 'html' | 'docx' | 'ics';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'csv', 'jsonld', 'html', 'docx', 'ics'];

/** Reports how many records are done out of how many, for a progress bar. */
export type ProgressFn = (done: number, total: number) => void;

export interface ExportOptions {
  /** The export's clock (file name of a multi-article export, "generated at" lines): injected so output is reproducible. */
  now: Date;
  onProgress?: ProgressFn;
  /**
   * The reader's time zone as Date#getTimezoneOffset gives it (minutes; -480 in Beijing): times in
   * reports (generated at, saved at) are written in it, the offset shown. Default: this machine's zone.
   */
  timezoneOffset?: number;
}
