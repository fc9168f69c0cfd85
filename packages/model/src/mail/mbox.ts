// mbox files as git, b4 and public-inbox write them: each message starts with
// a "From " line; mboxrd escapes body lines that start with (>*)"From " by one
// more ">", which reading takes away again.

// "From <sender> <asctime date>": format-patch writes "From <sha1> Mon Sep 17 00:00:00 2001",
// public-inbox "From mboxrd@z Thu Jan  1 00:00:00 1970".
const SEPARATOR = /^From \S+ .*\d{4}$/;

/** The messages of an mbox; text that does not start with "From " is one message. */
export function splitMbox(text: string): string[] {
  const normalized = text.replace(/\r\n/g, '\n');
  if (!SEPARATOR.test(normalized.slice(0, normalized.indexOf('\n') >>> 0)))
    return normalized.trim() === '' ? [] : [normalized];
  const messages: string[] = [];
  let current: string[] | undefined;
  for (const line of normalized.split('\n')) {
    if (SEPARATOR.test(line)) {
      if (current) messages.push(current.join('\n'));
      current = [];
    } else {
      current?.push(line.replace(/^>(>*From )/, '$1'));
    }
  }
  if (current) messages.push(current.join('\n'));
  return messages.map((m) => m.replace(/\n*$/, '\n')).filter((m) => m.trim() !== '');
}

/** Messages as one mboxrd file (the format b4 and public-inbox read). */
export function toMboxrd(messages: string[]): string {
  return messages
    .map((m) => {
      const body = m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1');
      return `From mboxrd@z Thu Jan  1 00:00:00 1970\n${body.endsWith('\n') ? body : `${body}\n`}\n`;
    })
    .join('');
}
