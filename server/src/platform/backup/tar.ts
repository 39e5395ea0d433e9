import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

// PostgreSQL's own top-level entries of a data dir. Everything else in OpsDesk's data dir (files/,
// the lock, the local token, a key file someone put there) is not the database and stays out.
const PG_ENTRY = /^(PG_VERSION|base|global|pg_[a-z_]+|pg_(hba|ident)\.conf|postgresql(\.auto)?\.conf)$/;

const BLOCK = 512;

/**
 * Writes the PostgreSQL part of a PGlite data dir as a ustar archive, the same layout
 * `pglite.dumpDataDir()` produces and `new PGlite({ loadDataDir })` reads. Unlike dumpDataDir it
 * streams file by file and skips OpsDesk's files/, so uploads never pass through memory.
 * The caller must hold PGlite still (no query may run) while this reads.
 */
export async function writePgDataTar(dataDir: string, out: Writable, exclude: ReadonlySet<string> = new Set()): Promise<void> {
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const walk = async (rel: string): Promise<void> => {
    const abs = path.join(dataDir, rel);
    const entries = fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const child = path.join(dataDir, childRel);
      if (!rel && !PG_ENTRY.test(entry.name)) continue;
      if (exclude.has(path.resolve(child))) continue;
      const stat = fs.lstatSync(child);
      if (stat.isDirectory()) {
        await write(header(childRel, 0, '5', stat));
        await walk(childRel);
      } else if (stat.isFile()) {
        await write(header(childRel, stat.size, '0', stat));
        let written = 0;
        if (stat.size > 0) {
          for await (const chunk of fs.createReadStream(child, { end: stat.size - 1 })) {
            await write(chunk as Buffer);
            written += (chunk as Buffer).length;
          }
        }
        if (written !== stat.size) throw new Error(`tar: ${childRel} changed while being read`);
        const pad = (BLOCK - (stat.size % BLOCK)) % BLOCK;
        if (pad) await write(Buffer.alloc(pad));
      }
    }
  };
  await walk('');
  await write(Buffer.alloc(BLOCK * 2));
}

function header(name: string, size: number, type: '0' | '5', stat: fs.Stats): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: path too long for ustar: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  octal(h, 100, 8, stat.mode & 0o7777);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, Math.floor(stat.mtimeMs / 1000));
  h.write('        ', 148, 8, 'ascii');
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return h;
}

function octal(h: Buffer, offset: number, length: number, value: number) {
  h.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
