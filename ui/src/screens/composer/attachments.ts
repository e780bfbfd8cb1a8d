// Files the user attaches (picker, paste, drop) travel inside the prompt as data: URLs, so the
// server needs no access to the user's disk. Large files are refused before they are read.

import type { DraftFile } from "../../state/drafts";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attached file: its content travels as a data: URL. */
export type Attachment = DraftFile;

/**
 * The type to send. A file the web view cannot type (most source files) is sent as text, which the
 * server inlines for the model; binaries nearly always carry a type.
 */
export function attachmentMime(file: File): string {
  return file.type === "" ? "text/plain" : file.type;
}

export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === "string" ? reader.result : "");
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error("The file could not be read."));
    };
    reader.readAsDataURL(file);
  });
}

/** The data: URL with its type set to `mime` (FileReader writes octet-stream for untyped files). */
function withMime(dataUrl: string, mime: string): string {
  const comma = dataUrl.indexOf(",");
  // Some engines write a bare "data:" for an empty file.
  if (comma < 0) return `data:${mime};base64,`;
  const header = dataUrl.slice(0, comma);
  const base64 = header.endsWith(";base64") ? ";base64" : "";
  return `data:${mime}${base64}${dataUrl.slice(comma)}`;
}

/** Reads `files`; what is too large or unreadable comes back as a sentence in `refused`. */
export async function readAttachments(
  files: readonly File[],
  nextId: () => number,
): Promise<{ attached: Attachment[]; refused: string[] }> {
  const attached: Attachment[] = [];
  const refused: string[] = [];
  for (const file of files) {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      refused.push(`“${file.name}” is larger than 10 MB, so it was not attached.`);
      continue;
    }
    try {
      const mime = attachmentMime(file);
      const url = withMime(await readAsDataUrl(file), mime);
      attached.push({ id: nextId(), name: file.name, mime, url });
    } catch {
      refused.push(`“${file.name}” could not be read, so it was not attached.`);
    }
  }
  return { attached, refused };
}
