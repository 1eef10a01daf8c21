// The server's errors are application/problem+json documents; this keeps them whole so a form
// can show each field's message next to the field.

export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    public status: number,
    public title: string,
    public detail: string,
    public errors: FieldError[] = [],
    public kind = '',
    /** The whole document, for members a problem type adds (a 409's `conflicts`). */
    public body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }

  /** The message for one field (or one of its sub-fields), if the server named it. */
  field(name: string): string | undefined {
    const hit = this.errors.find((e) => e.field === name || e.field.startsWith(name + '.') || e.field.startsWith(name + '['));
    return hit?.message;
  }

  /** The problem in one sentence for a person. */
  get words(): string {
    if (this.errors.length && !this.detail) return this.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return this.detail || this.title;
  }
}

export async function problemFrom(response: Response): Promise<Problem> {
  let body: any = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  if (body && typeof body === 'object') {
    return new Problem(
      response.status,
      String(body.title ?? response.statusText),
      String(body.detail ?? ''),
      Array.isArray(body.errors) ? body.errors.map((e: any) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') })) : [],
      String(body.type ?? ''),
      body,
    );
  }
  return new Problem(response.status, response.statusText || 'Error', `The server answered ${response.status}.`);
}
