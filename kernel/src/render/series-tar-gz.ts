import { gzipSync } from 'node:zlib';
import type { Series } from './types';

// The tarball's fixed metadata: same series, same bytes.
const MTIME = Math.floor(Date.UTC(2022, 11, 11) / 1000);
const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header for a regular file (name at most 100 bytes). */
function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  block.write(name, 0, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(MTIME, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write('dust', 265, 'ascii');
  block.write('dust', 297, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/**
 * The series as a deterministic .tar.gz: a `series-vN/` directory with the
 * numbered patches and `series.mbox`; fixed mtime, owner and mode.
 */
export function seriesTarGz(series: Series): Buffer {
  const dir = `series-v${series.version}`;
  const entries = [...series.files, { name: 'series.mbox', content: series.mbox }];
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.content, 'utf8');
    parts.push(header(`${dir}/${entry.name}`, data.length), data);
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
