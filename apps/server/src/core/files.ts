/** Accepted attachment types, checked by the file's own bytes and not only its name. */
export const ALLOWED_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function sniff(ext: string, buf: Buffer): boolean {
  if (buf.length < 4) return false;
  if (ext === 'pdf') return buf.subarray(0, 5).toString('latin1') === '%PDF-';
  if (ext === 'jpg' || ext === 'jpeg') return buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (ext === 'png') return buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (ext === 'docx' || ext === 'xlsx') return buf.readUInt32LE(0) === 0x04034b50;
  return false;
}

/** The MIME type of an acceptable file, or null. */
export function acceptFile(filename: string, data: Buffer): string | null {
  const ext = (filename.split('.').pop() ?? '').toLowerCase();
  const mime = ALLOWED_MIME[ext];
  return mime && sniff(ext, data) ? mime : null;
}
