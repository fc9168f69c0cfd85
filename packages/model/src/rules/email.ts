// The one email rule: the API accepts an address only if the renderer can put
// it in From:, Signed-off-by: and Acked-by: lines, and git, b4 and mail servers
// take it. Deliberately narrower than RFC 5322: a dot-atom local part (no
// quoted strings, no comments) and a DNS domain of letter-digit-hyphen labels
// that neither start nor end with a hyphen, with a TLD of letters.
import { z } from 'zod';

export const EMAIL_MAX_LENGTH = 254;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,63}$/;

/** Why `address` is not an email address Dust can send and sign with, or undefined. */
export function emailProblem(address: string): string | undefined {
  if (address.length > EMAIL_MAX_LENGTH) return `is longer than ${EMAIL_MAX_LENGTH} characters`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return 'is not of the form name@domain';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64) return 'has a part before @ longer than 64 characters';
  if (!LOCAL.test(local)) return 'has characters before @ that mail addresses cannot hold';
  const labels = domain.split('.');
  if (labels.length < 2) return 'has a domain without a dot';
  if (!labels.every((label) => LABEL.test(label)))
    return 'has a domain part that is empty, too long, or starts or ends with a hyphen';
  if (!TLD.test(labels[labels.length - 1] as string))
    return 'has a top-level domain that is not letters';
  return undefined;
}

export const isValidEmail = (address: string): boolean => emailProblem(address) === undefined;

/** The email rule as a zod string, for request schemas. */
export const EmailSchema = z
  .string()
  .superRefine((address, ctx) => {
    const why = emailProblem(address);
    if (why) ctx.addIssue({ code: 'custom', message: `Email address ${why}.` });
  })
  .describe('An email address: used in From:, Signed-off-by: and Acked-by: lines.');
