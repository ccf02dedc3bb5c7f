import { REQUEST_ID_HEADER, type Attachment } from '@relay/shared';
import { answer, networkError } from './http';
import { ownWrites } from './own-writes';

export interface UploadOptions {
  itemId?: string;
  /** Fraction 0..1 of the body sent. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** `POST /api/cards/:id/attachments` as multipart, through XMLHttpRequest so progress can be shown. */
export function uploadAttachment(cardId: string, file: File, opts: UploadOptions = {}): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file);
  if (opts.itemId) form.append('itemId', opts.itemId);
  return postMultipart<Attachment>(`/api/cards/${encodeURIComponent(cardId)}/attachments`, form, opts);
}

/** POSTs a multipart form, reporting progress; resolves the parsed JSON answer. */
export function postMultipart<T>(url: string, form: FormData, opts: Omit<UploadOptions, 'itemId'> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader(REQUEST_ID_HEADER, ownWrites.next());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        const body = answer<T>(xhr.status, xhr.responseText, url);
        opts.onProgress?.(1);
        resolve(body);
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(networkError());
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
