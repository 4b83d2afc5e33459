// Validation at the door, the same for every shell: a request's raw input is parsed by its schema
// from the contract; a failure becomes VALIDATION_FAILED with the issues as data.
import { requests, type Inputs, type RequestName } from './contract';
import { AppError } from './errors';

export interface ValidationIssue {
  path: string;
  message: string;
}

export function validateInput<K extends RequestName>(name: K, raw: unknown): Inputs[K] {
  const result = requests[name].input.safeParse(raw ?? {});
  if (result.success) return result.data as Inputs[K];
  const issues: ValidationIssue[] = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${(i as { keys: string[] }).keys.join(', ')}` : i.message
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid input for ${name}: ${summary}`, { issues });
}
