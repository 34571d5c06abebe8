/** One readable sentence from zod issues: "limit: must be at most 200". */
import type { z } from 'zod';

export function firstIssueMessage(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return 'The request is not valid';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
