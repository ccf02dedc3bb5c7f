import { REQUEST_ID_HEADER, type Attachment } from '@relay/shared';
import { toApiError, writeRequestId } from './http';

export interface UploadOptions {
  itemId?: string;
  /** Fraction 0..1 of the body sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** `POST /api/cards/:id/attachments` as multipart, through XMLHttpRequest so progress can be shown. */
export function uploadAttachment(cardId: string, file: File, opts: UploadOptions = {}): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cards/${encodeURIComponent(cardId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(REQUEST_ID_HEADER, writeRequestId());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(1);
        resolve(body as Attachment);
      } else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(toApiError(0, undefined));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file);
    if (opts.itemId) form.append('itemId', opts.itemId);
    xhr.send(form);
  });
}
