import { useState } from 'react';
import type { Attachment } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { uploadAttachment } from '../../api/upload';

interface Props {
  cardId: string;
  itemId: string;
  label: string;
  current: Attachment | null;
  currentId: string | null;
  disabled?: boolean;
  /** Called with the uploaded attachment's id, which becomes the item's value. */
  onUploaded(attachment: Attachment): Promise<void>;
}

/** Upload a file for a checklist item, with progress; the attachment id is then the item's value. */
export function FileValueInput({ cardId, itemId, label, current, currentId, disabled, onUploaded }: Props) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const attachment = await uploadAttachment(cardId, file, { itemId, onProgress: setProgress });
      await onUploaded(attachment);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="file-input">
      {current ? (
        <a className="file-name" href={`/api/cards/${cardId}/attachments/${current.id}`} target="_blank" rel="noreferrer">
          {current.name}
        </a>
      ) : currentId ? (
        <span className="file-name">File attached</span>
      ) : null}
      <label className={`button button-small ${disabled || progress !== null ? 'is-disabled' : ''}`}>
        {current || currentId ? 'Replace file' : 'Upload file'}
        <input
          type="file"
          className="visually-hidden"
          aria-label={label}
          disabled={disabled || progress !== null}
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {progress !== null && <progress max={1} value={progress} aria-label={`Uploading ${label}`} />}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
