// Uploads a document with progress. fetch cannot report upload progress, so this one request
// uses XMLHttpRequest, with the same bearer token and problem documents as the rest.
import { authHeaders } from '../api/client';
import { Problem } from '../api/problem';
import type { KnowledgeDocument } from '../api/types';

export function uploadDocument(url: string, file: File, onProgress: (fraction: number) => void): Promise<KnowledgeDocument> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else
        reject(
          new Problem(
            xhr.status,
            body?.title ?? 'Upload failed',
            body?.detail ?? `The server answered ${xhr.status}.`,
            Array.isArray(body?.errors) ? body.errors : [],
          ),
        );
    };
    xhr.onerror = () => reject(new Problem(0, 'connection', 'The upload was interrupted; try again.'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
