// Starter code for a new flow: small, runnable, and showing the contract (input, ctx, a typed ctx).
import type { FlowLanguage } from '../../../shared/domain';

const JS = `/**
 * @param {any} input  the job payload or Run Now input
 * @param {FlowContext} ctx  logging, progress, signal, a time-limited fetch, job/flow facts
 */
export default async function (input, ctx) {
  ctx.log('hello from', ctx.flow.name);
  return { received: input };
}
`;

const TS = `export default async function (input: unknown, ctx: FlowContext) {
  ctx.log('hello from', ctx.flow.name);
  return { received: input };
}
`;

export function templateFor(language: FlowLanguage): string {
  return language === 'typescript' ? TS : JS;
}
