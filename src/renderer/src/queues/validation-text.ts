// Validator messages in plain words. zod's texts ("Invalid input: expected int, received number",
// "Too small: expected number to be >=0", the queue-name regex) are for developers, not for a form.

const NAME_RULE = 'Lowercase letters, digits, . _ - ; starts with a letter or digit; up to 64';

export function humanizeIssue(message: string): string {
  if (/received NaN/i.test(message)) return 'Enter a number';
  if (/expected int/i.test(message)) return 'Must be a whole number';
  if (/queue names match/i.test(message)) return NAME_RULE;
  if (/maxMs must be >= backoff\.initialMs/i.test(message)) return 'Max delay must be at least the initial delay';
  const small = /Too small: expected number to be (>=?)(\S+)/.exec(message);
  if (small) return small[1] === '>=' ? `Must be at least ${small[2]}` : `Must be more than ${small[2]}`;
  const big = /Too big: expected number to be (<=?)(\S+)/.exec(message);
  if (big) return big[1] === '<=' ? `Must be at most ${big[2]}` : `Must be less than ${big[2]}`;
  const shortStr = /Too small: expected string to have >=?1 char/.exec(message);
  if (shortStr) return 'Required';
  const longStr = /Too big: expected string to have <=?(\d+) char/.exec(message);
  if (longStr) return `Up to ${longStr[1]} characters`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
