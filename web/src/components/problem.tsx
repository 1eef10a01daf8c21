import type { ComponentChildren } from 'preact';
import { Problem } from '../api/problem';
import { t } from '../i18n';

/** An API problem in words, next to what caused it. */
export function ProblemNote({ problem, fields = [] }: { problem: unknown; fields?: string[] }) {
  if (!problem) return null;
  if (!(problem instanceof Problem)) return <p class="problem" role="alert">{String((problem as Error)?.message ?? problem)}</p>;
  // Field errors shown beside their fields, or already in the detail, are not repeated here.
  const others = problem.errors.filter(
    (e) => !fields.some((f) => e.field === f || e.field.startsWith(f + '.') || e.field.startsWith(f + '[')) && !problem.detail.includes(e.message),
  );
  return (
    <div class="problem" role="alert" data-testid="problem">
      <strong>{problem.status === 0 ? t('connection.failed') : problem.title}</strong>
      {problem.detail ? <span> — {problem.detail}</span> : null}
      {others.length ? (
        <ul>
          {others.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A labelled form field with the server's message for it underneath. */
export function Field({ label, name, problem, children, hint }: { label: string; name: string; problem?: unknown; children: ComponentChildren; hint?: string }) {
  const error = problem instanceof Problem ? problem.field(name) : undefined;
  return (
    <label class={'field' + (error ? ' field-error' : '')} data-field={name}>
      <span class="field-label">{label}</span>
      {children}
      {hint && !error ? <small class="field-hint">{hint}</small> : null}
      {error ? <small class="field-message" role="alert">{error}</small> : null}
    </label>
  );
}
