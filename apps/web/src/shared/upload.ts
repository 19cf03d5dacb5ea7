import i18next from 'i18next';
import { ApiError } from './api';

/**
 * POSTs a file as multipart field "file" with XMLHttpRequest (fetch has no upload progress).
 * Resolves with the parsed JSON answer; rejects with an ApiError built from the problem+json answer.
 */
export function uploadFile<T>(
  path: string,
  query: Record<string, string | number | boolean>,
  file: File,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    xhr.open('POST', `/api/v1${path}${search ? `?${search}` : ''}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18next.language === 'en' ? 'en' : 'zh-CN');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('errors.network') }));
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as T);
        return;
      }
      reject(
        new ApiError({
          status: body?.status ?? xhr.status,
          code: typeof body?.code === 'string' ? body.code : xhr.status >= 500 ? 'UNAVAILABLE' : 'HTTP',
          message: body?.message ?? i18next.t('errors.http', { status: xhr.status }),
          requestId: body?.requestId ?? xhr.getResponseHeader('x-request-id'),
          errors: Array.isArray(body?.errors) ? body.errors : [],
          details: body?.details ?? null,
        }),
      );
    };
    const fd = new FormData();
    fd.append('file', file, file.name);
    xhr.send(fd);
  });
}
